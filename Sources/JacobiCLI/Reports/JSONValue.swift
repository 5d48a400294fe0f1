import Jacobi

/// A JSON value whose objects keep their key order, so reports print `command`, `vars`,
/// `functions` first and in the same order every time (DESIGN.md, "JSON output").
indirect enum JSONValue: Sendable {
    case string(String)
    /// A finite float (callers check finiteness: the contract forbids NaN and Infinity).
    case number(Double)
    /// An integer (counts, orders, seeds).
    case integer(Int)
    case bool(Bool)
    /// A key that has no value for this result (taylor's `hessian` at order 1).
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// One line of JSON.
    var rendered: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 text of the value (bytes, not `String`: a batch writes millions).
    func write(to out: inout [UInt8]) {
        switch self {
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .number(let d):
            precondition(d.isFinite, "JSON numbers must be finite")
            out.append(contentsOf: d.description.utf8)
        case .integer(let i): out.append(contentsOf: String(i).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(contentsOf: ", ".utf8) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            JSONValue.writeMembers(members, to: &out, leadingComma: false)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `"key": value` pairs separated by commas, without braces (`, ` first when
    /// `leadingComma`): a batch line appends a point's members to a prefix rendered once.
    static func writeMembers(_ members: [(String, JSONValue)], to out: inout [UInt8], leadingComma: Bool) {
        for (i, (key, value)) in members.enumerated() {
            if i > 0 || leadingComma { out.append(contentsOf: ", ".utf8) }
            writeString(key, to: &out)
            out.append(contentsOf: ": ".utf8)
            value.write(to: &out)
        }
    }

    /// A number's exact text (`"-3/4"`, as `Rational.description` writes it) as a JSON
    /// string: a rational of machine words is written digit by digit into `out` (no
    /// `String`), and digits, a sign and a slash need no escape (a batch writes millions).
    static func writeNumberString(_ r: Rational, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if let (n, d) = r.inlineParts {
            writeInteger(n, to: &out)
            if d != 1 {
                out.append(UInt8(ascii: "/"))
                writeInteger(d, to: &out)
            }
        } else {
            out.append(contentsOf: r.description.utf8)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The decimal digits of `n` (with its sign), as `String(n)` writes them.
    static func writeInteger(_ n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        var v = n.magnitude  // also for Int.min
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = 20
            repeat {
                i -= 1
                digits[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
                v /= 10
            } while v > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }

    /// Appends the UTF-8 bytes of `s` in one copy.
    static func writeRaw(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// A JSON string: quotes, backslashes and control characters escaped; every other byte
    /// of the UTF-8 text as it is (escapes are ASCII, so this is safe byte by byte).
    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (numbers, expressions, names) need no escape: copy them whole.
        var s = s
        let copied = s.withUTF8 { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                let hex = String(byte, radix: 16)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
