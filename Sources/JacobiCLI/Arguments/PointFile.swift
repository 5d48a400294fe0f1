import Foundation
import Jacobi

/// `--at-file p.json`: a point as one JSON object, `{"x": [0.5, "-3/4", 1], "a": 2}`. A
/// value is a string (`"-3/4"`, `"0.25"`) or a JSON number read from its decimal text
/// exactly (`0.1` is 1/10); a vector is a list. The numbers' text is kept as written (it
/// becomes a Rational, or for `--numeric` the nearest double), so nothing goes through a
/// float on the way in. One pass over the bytes, no JSON tree: a 10⁶-entry vector costs
/// one string per entry.
enum PointFile {
    static func read(_ path: String) throws -> TypedPoint {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read the file '\(path)'") }
            data = d
        }
        do {
            return try data.withUnsafeBytes { raw in
                var parser = Parser(bytes: raw.bindMemory(to: UInt8.self))
                return try parser.object()
            }
        } catch let e as Parser.Failure {
            throw CLIError("\(path): \(e.message) at byte \(e.offset + 1)")
        }
    }

    struct Parser {
        struct Failure: Error {
            let message: String
            let offset: Int
        }

        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func fail(_ message: String) -> Failure { Failure(message: message, offset: i) }

        mutating func skipSpace() {
            while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 10 || bytes[i] == 13 { i += 1 }
        }

        mutating func expect(_ byte: UInt8, _ what: String) throws {
            skipSpace()
            guard i < bytes.count, bytes[i] == byte else { throw fail("expected \(what)") }
            i += 1
        }

        mutating func object() throws -> TypedPoint {
            try expect(123, "'{' (the point is a JSON object)")
            var out: [(name: String, value: ProgramPointValue<String>)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == 125 {
                i += 1
                return TypedPoint(assignments: out)
            }
            while true {
                skipSpace()
                let name = try string()
                try expect(58, "':'")
                skipSpace()
                if i < bytes.count, bytes[i] == 91 {
                    i += 1
                    var list: [String] = []
                    skipSpace()
                    if i < bytes.count, bytes[i] == 93 {
                        i += 1
                    } else {
                        while true {
                            list.append(try scalar())
                            skipSpace()
                            guard i < bytes.count else { throw fail("unterminated list") }
                            if bytes[i] == 44 {
                                i += 1
                                continue
                            }
                            if bytes[i] == 93 {
                                i += 1
                                break
                            }
                            throw fail("expected ',' or ']'")
                        }
                    }
                    out.append((name, .vector(list)))
                } else {
                    out.append((name, .scalar(try scalar())))
                }
                skipSpace()
                guard i < bytes.count else { throw fail("unterminated object") }
                if bytes[i] == 44 {
                    i += 1
                    continue
                }
                if bytes[i] == 125 {
                    i += 1
                    break
                }
                throw fail("expected ',' or '}'")
            }
            skipSpace()
            if i < bytes.count { throw fail("text after the object") }
            return TypedPoint(assignments: out)
        }

        /// A number (its text) or a string holding a number.
        mutating func scalar() throws -> String {
            skipSpace()
            guard i < bytes.count else { throw fail("expected a value") }
            if bytes[i] == 34 { return try string() }
            let start = i
            while i < bytes.count {
                let b = bytes[i]
                guard (b >= 48 && b <= 57) || b == 45 || b == 43 || b == 46 || b == 101 || b == 69 else { break }
                i += 1
            }
            guard i > start else { throw fail("expected a number or a string") }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }

        /// A JSON string without escapes other than `\"` and `\\` (names and numbers need no more).
        mutating func string() throws -> String {
            guard i < bytes.count, bytes[i] == 34 else { throw fail("expected a string") }
            i += 1
            var out: [UInt8] = []
            while i < bytes.count, bytes[i] != 34 {
                if bytes[i] == 92, i + 1 < bytes.count {
                    i += 1
                    guard bytes[i] == 34 || bytes[i] == 92 || bytes[i] == 47 else { throw fail("unsupported escape in a string") }
                }
                out.append(bytes[i])
                i += 1
            }
            guard i < bytes.count else { throw fail("unterminated string") }
            i += 1
            return String(decoding: out, as: UTF8.self)
        }
    }
}
