import Jacobi

/// Points as text (DESIGN.md, "Batches"): a JSON object `{"x": "-3/4", "y": 0.25}` (one per
/// line for `--points`, the whole file for `--at-file`) or a CSV row under a header row
/// (`x,y` then `-3/4,0.25`). A value is a string in the number syntax or a JSON number, read
/// from its decimal text exactly (`0.1` is 1/10, never the nearest double), or a string
/// holding an exact constant expression (`"pi/4"`, `"sqrt(2)"`), as in `--at`.
enum PointText {
    /// Why a point's text cannot be read.
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The (name, value) pairs of a JSON object (its UTF-8 bytes), in order.
    static func jsonObject(_ bytes: [UInt8], names: inout SymbolNames) throws -> [(Symbol, Expr)] {
        var reader = JSONObjectReader(bytes)
        return try reader.object(&names)
    }

    /// The same, without a cache of names (one point).
    static func jsonObject(_ bytes: [UInt8]) throws -> [(Symbol, Expr)] {
        var names = SymbolNames()
        return try jsonObject(bytes, names: &names)
    }

    /// The names of a CSV header row.
    static func csvHeader(_ line: Substring) throws -> [Symbol] {
        var names: [Symbol] = []
        for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
            let name = unquoted(cell)
            guard let s = Symbol(validating: name) else { throw Failure("the CSV header names '\(name)', which is not a variable name") }
            if names.contains(s) { throw Failure("the CSV header names \(name) twice") }
            names.append(s)
        }
        return names
    }

    /// One CSV row under `header`.
    static func csvRow(_ line: Substring, header: [Symbol]) throws -> [(Symbol, Expr)] {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        guard cells.count == header.count else { throw Failure("the row has \(cells.count) values, the header \(header.count) names") }
        return try zip(header, cells).map { name, cell in (name, try number(unquoted(cell), for: name.name)) }
    }

    static func unquoted(_ cell: Substring) -> String {
        var s = cell.drop { $0 == " " || $0 == "\t" }
        while let c = s.last, c == " " || c == "\t" || c == "\r" { s = s.dropLast() }
        if s.count >= 2, s.first == "\"", s.last == "\"" { s = s.dropFirst().dropLast() }
        return String(s)
    }

    /// A coordinate's value: a number (the fast path), or an exact constant expression
    /// (`pi/4`, `sqrt(2)`: text with a letter or a parenthesis, read by the expression parser).
    static func number(_ text: String, for name: String) throws -> Expr {
        if let r = smallFraction(text.utf8) { return Expr(r) }
        do { return Expr(try Rational(parsing: text)) } catch {
            guard text.contains(where: { $0.isLetter || $0 == "(" }) else {
                throw Failure("invalid value for \(name): \(error.description)")
            }
        }
        do { return try Expr.exactConstant(parsing: text) } catch let error as ParseError {
            throw Failure("invalid value for \(name): \(error.undefinedConstant.map { "\($0)" } ?? error.summary)")
        } catch {
            throw Failure("invalid value for \(name): \(error)")
        }
    }

    /// `-p/q` or `-p` with at most 18 digits each (the usual point): read without the general
    /// parser; nil for anything else (decimals, exponents, big numbers, errors), which the
    /// general parser reads (and reports).
    static func smallFraction<C: Collection<UInt8>>(_ bytes: C) -> Rational? {
        var numerator = 0, denominator = 0, digits = 0
        var negative = false, slash = false
        for (i, b) in bytes.enumerated() {
            switch b {
            case UInt8(ascii: "-") where i == 0: negative = true
            case UInt8(ascii: "/") where !slash && digits > 0:
                slash = true
                digits = 0
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                if digits > 18 { return nil }
                if slash { denominator = denominator * 10 + Int(b - 48) } else { numerator = numerator * 10 + Int(b - 48) }
            default: return nil
            }
        }
        guard digits > 0, !slash || denominator != 0 else { return nil }
        return Rational(negative ? -numerator : numerator, slash ? denominator : 1)
    }
}

/// A reader of one flat JSON object whose values are strings or numbers.
struct JSONObjectReader {
    let bytes: [UInt8]
    var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    mutating func expect(_ c: UInt8, _ what: String) throws {
        skipSpace()
        guard i < bytes.count, bytes[i] == c else { throw PointText.Failure("expected \(what) at character \(i + 1) of the point") }
        i += 1
    }

    mutating func object(_ names: inout SymbolNames) throws -> [(Symbol, Expr)] {
        try expect(UInt8(ascii: "{"), "'{'")
        var pairs: [(Symbol, Expr)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                let name = try string()
                guard let s = names.symbol(name) else { throw PointText.Failure("'\(name)' is not a variable name") }
                if pairs.contains(where: { $0.0 == s }) { throw PointText.Failure("the point gives \(name) twice") }
                try expect(UInt8(ascii: ":"), "':'")
                pairs.append((s, try value(for: name)))
                skipSpace()
                guard i < bytes.count else { throw PointText.Failure("the point ends before its '}'") }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                break
            }
        }
        skipSpace()
        if i < bytes.count { throw PointText.Failure("unexpected text after the point's '}'") }
        return pairs
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\") { throw PointText.Failure("escapes are not needed in names and numbers") }
            i += 1
        }
        guard i < bytes.count else { throw PointText.Failure("a string of the point has no closing quote") }
        defer { i += 1 }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    mutating func value(for name: String) throws -> Expr {
        skipSpace()
        guard i < bytes.count else { throw PointText.Failure("no value for \(name)") }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            // The usual value, "-p/q", straight from the bytes into a Rational (no String).
            if let close = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "\"")),
                let r = PointText.smallFraction(bytes[(i + 1)..<close])
            {
                i = close + 1
                return Expr(r)
            }
            return try PointText.number(try string(), for: name)
        case UInt8(ascii: "["): throw PointText.Failure("\(name) is a list: a vector value needs a program's vector input")
        default:
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "}"),
                bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != 0x0A, bytes[i] != 0x0D
            { i += 1 }
            if let r = PointText.smallFraction(bytes[start..<i]) { return Expr(r) }
            return try PointText.number(String(decoding: bytes[start..<i], as: UTF8.self), for: name)
        }
    }
}

/// The symbols of the names met so far: every line of a batch names the same variables, so
/// each name is validated once.
struct SymbolNames {
    var known: [String: Symbol] = [:]
    /// For a program's points: entries named as the program names them (`x[3]`).
    var program: CompiledProgram?

    mutating func symbol(_ name: String) -> Symbol? {
        if let s = known[name] { return s }
        let symbol: Symbol?
        if let program {
            symbol = program.variableIndex(of: name).map { _ in Symbol(program.symbolName(of: name)) }
        } else {
            symbol = Symbol(validating: name)
        }
        guard let s = symbol else { return nil }
        if known.count < 1024 { known[name] = s }
        return s
    }
}
