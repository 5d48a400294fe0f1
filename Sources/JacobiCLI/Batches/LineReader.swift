import Foundation

/// Reads a file (or standard input) line by line in fixed-size chunks, so that a batch of
/// any length is read in bounded memory.
struct LineReader {
    let handle: FileHandle
    var buffer: [UInt8] = []
    var start = 0
    var atEnd = false
    static let chunk = 1 << 16

    /// - Throws: when the file cannot be opened.
    init(path: String) throws {
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            guard let h = FileHandle(forReadingAtPath: path) else { throw CLIError("cannot read the file '\(path)'") }
            handle = h
        }
    }

    /// The next line's bytes without its line break (nor a `\r` before it), or nil at the end.
    mutating func next() -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                defer { start = newline + 1 }
                return Self.text(buffer[start..<newline])
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return Self.text(buffer[start...])
            }
            buffer.removeFirst(start)
            start = 0
            let data = handle.readData(ofLength: Self.chunk)
            if data.isEmpty { atEnd = true } else { buffer.append(contentsOf: data) }
        }
    }

    static func text(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.last == 0x0D ? Array(bytes.dropLast()) : Array(bytes)
    }
}
