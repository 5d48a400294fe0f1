import Foundation

/// Reads a file (or standard input) in fixed-size chunks and hands out blocks of lines, so
/// that a batch of any length is read in bounded memory and each block is one task's work.
struct LineReader {
    let handle: FileHandle
    var buffer: [UInt8] = []
    /// Where the unread bytes start in `buffer`.
    var start = 0
    var atEnd = false
    static let chunk = 1 << 16

    /// Lines of the input: their bytes, copied once, and where each line lies in them
    /// (without its line break, nor a `\r` before it). Blank lines are not listed.
    struct Block: Sendable {
        var bytes: [UInt8]
        var lines: [Range<Int>]
    }

    /// - Throws: when the file cannot be opened.
    init(path: String) throws {
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: path) else { throw CLIError("cannot read the file '\(path)'") }
            handle = h
        }
    }

    /// The next `count` lines that are not blank (fewer at the end of the input), or nil when
    /// none is left.
    mutating func block(lines count: Int) -> Block? {
        var lines: [Range<Int>] = []  // relative to `start`, which moves when the buffer is compacted
        lines.reserveCapacity(count)
        var position = start
        while lines.count < count {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                add(position..<newline, to: &lines)
                position = newline + 1
            } else if atEnd {
                if position < buffer.count { add(position..<buffer.count, to: &lines) }
                position = buffer.count
                break
            } else {
                buffer.removeFirst(start)
                position -= start
                start = 0
                let data = handle.readData(ofLength: Self.chunk)
                if data.isEmpty { atEnd = true } else { buffer.append(contentsOf: data) }
            }
        }
        defer { start = position }
        return lines.isEmpty ? nil : Block(bytes: Array(buffer[start..<position]), lines: lines)
    }

    /// Lists the line (relative to `start`) unless it is blank; a `\r` before the break is dropped.
    private func add(_ range: Range<Int>, to lines: inout [Range<Int>]) {
        var end = range.upperBound
        if end > range.lowerBound, buffer[end - 1] == 0x0D { end -= 1 }
        guard buffer[range.lowerBound..<end].contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
        lines.append((range.lowerBound - start)..<(end - start))
    }
}
