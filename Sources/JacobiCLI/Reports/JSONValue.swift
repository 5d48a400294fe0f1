/// A JSON value whose objects keep their key order, so reports print `command`, `vars`,
/// `functions` first and in the same order every time (DESIGN.md, "JSON output").
indirect enum JSONValue {
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
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .number(let d):
            precondition(d.isFinite, "JSON numbers must be finite")
            out += "\(d)"
        case .integer(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += ", " }
                JSONValue.writeString(key, to: &out)
                out += ": "
                value.write(to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
