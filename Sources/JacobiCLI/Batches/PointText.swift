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

    /// A point as read: rationals while every value is one (no `Expr` is built for the
    /// usual point), every value as an exact expression once one is not (`pi/4`).
    struct Values {
        var symbols: [Symbol] = []
        var rationals: [Rational] = []
        var constants: [Expr]?

        init(capacity: Int) {
            symbols.reserveCapacity(capacity)
            rationals.reserveCapacity(capacity)
        }

        mutating func append(_ s: Symbol, _ value: Coordinate) {
            symbols.append(s)
            switch value {
            case .rational(let r):
                if constants == nil { rationals.append(r) } else { constants?.append(Expr(r)) }
            case .constant(let e):
                if constants == nil { constants = rationals.map { Expr($0) } }
                constants?.append(e)
            }
        }

        /// The exact point (the names are distinct: the readers check).
        func point() throws -> Point {
            guard let constants else { return Point(variables: symbols, values: rationals) }
            return try Point(exactly: Array(zip(symbols, constants)))
        }

        /// The point as an error line echoes it (`"at"`).
        var json: JSONValue {
            let texts = constants.map { $0.map(\.description) } ?? rationals.map(\.description)
            return .object(zip(symbols, texts).map { ($0.name, .string($1)) })
        }
    }

    /// A value as read: a rational, or an exact constant that is not one (`pi/4`).
    enum Coordinate {
        case rational(Rational)
        case constant(Expr)
    }

    /// The values of a JSON object (its UTF-8 bytes), in order.
    static func jsonObject(_ bytes: UnsafeBufferPointer<UInt8>, names: inout SymbolNames) throws -> Values {
        var reader = JSONObjectReader(bytes)
        return try reader.object(&names)
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
    static func csvRow(_ line: Substring, header: [Symbol]) throws -> Values {
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        guard cells.count == header.count else { throw Failure("the row has \(cells.count) values, the header \(header.count) names") }
        var values = Values(capacity: header.count)
        for (name, cell) in zip(header, cells) { values.append(name, try coordinate(unquoted(cell), for: name.name)) }
        return values
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
        switch try coordinate(text, for: name) {
        case .rational(let r): return Expr(r)
        case .constant(let e): return e
        }
    }

    /// The same, a rational kept as one.
    static func coordinate(_ text: String, for name: String) throws -> Coordinate {
        if let r = smallFraction(text.utf8) { return .rational(r) }
        do { return .rational(try Rational(parsing: text)) } catch {
            guard text.contains(where: { $0.isLetter || $0 == "(" }) else {
                throw Failure("invalid value for \(name): \(error.description)")
            }
        }
        do {
            let e = try Expr.exactConstant(parsing: text)
            return e.rationalValue.map(Coordinate.rational) ?? .constant(e)
        } catch let error as ParseError {
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
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    mutating func expect(_ c: UInt8, _ what: String) throws {
        skipSpace()
        guard i < bytes.count, bytes[i] == c else { throw PointText.Failure("expected \(what) at character \(i + 1) of the point") }
        i += 1
    }

    mutating func object(_ names: inout SymbolNames) throws -> PointText.Values {
        try expect(UInt8(ascii: "{"), "'{'")
        var values = PointText.Values(capacity: names.expected)
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                let name = try string()
                guard let s = names.symbol(name, at: values.symbols.count) else {
                    throw PointText.Failure("'\(String(decoding: name, as: UTF8.self))' is not a variable name")
                }
                if values.symbols.contains(s) { throw PointText.Failure("the point gives \(String(decoding: name, as: UTF8.self)) twice") }
                try expect(UInt8(ascii: ":"), "':'")
                values.append(s, try value(for: name))
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
        names.expected = max(names.expected, values.symbols.count)
        return values
    }

    /// A string's bytes (names and numbers need no escapes).
    mutating func string() throws -> UnsafeBufferPointer<UInt8> {
        try expect(UInt8(ascii: "\""), "a string")
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            if bytes[i] == UInt8(ascii: "\\") { throw PointText.Failure("escapes are not needed in names and numbers") }
            i += 1
        }
        guard i < bytes.count else { throw PointText.Failure("a string of the point has no closing quote") }
        defer { i += 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<i])
    }

    mutating func value(for nameBytes: UnsafeBufferPointer<UInt8>) throws -> PointText.Coordinate {
        var name: String { String(decoding: nameBytes, as: UTF8.self) }
        skipSpace()
        guard i < bytes.count else { throw PointText.Failure("no value for \(name)") }
        switch bytes[i] {
        case UInt8(ascii: "\""):
            let text = try string()
            // The usual value, "-p/q", straight from the bytes into a Rational (no String).
            if let r = PointText.smallFraction(text) { return .rational(r) }
            return try PointText.coordinate(String(decoding: text, as: UTF8.self), for: name)
        case UInt8(ascii: "["): throw PointText.Failure("\(name) is a list: a vector value needs a program's vector input")
        default:
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: ","), bytes[i] != UInt8(ascii: "}"),
                bytes[i] != 0x20, bytes[i] != 0x09, bytes[i] != 0x0A, bytes[i] != 0x0D
            { i += 1 }
            let text = UnsafeBufferPointer(rebasing: bytes[start..<i])
            if let r = PointText.smallFraction(text) { return .rational(r) }
            return try PointText.coordinate(String(decoding: text, as: UTF8.self), for: name)
        }
    }
}

/// The symbols of the names met so far: every line of a batch names the same variables in
/// the same order, so a name is compared with the one at its place on the previous line
/// (bytes, no `String`), and validated once.
struct SymbolNames {
    /// For a program's points: entries named as the program names them (`x[3]`).
    let program: CompiledProgram?
    /// The name met at each place of a line, and its symbol.
    var byPlace: [(name: [UInt8], symbol: Symbol)] = []
    var known: [String: Symbol] = [:]
    /// How many values a point had so far (the capacity to reserve).
    var expected = 4

    init(program: CompiledProgram?) { self.program = program }

    mutating func symbol(_ name: UnsafeBufferPointer<UInt8>, at place: Int) -> Symbol? {
        if place < byPlace.count, byPlace[place].name.elementsEqual(name) { return byPlace[place].symbol }
        let text = String(decoding: name, as: UTF8.self)
        guard let s = known[text] ?? validated(text) else { return nil }
        if known.count < 1024 { known[text] = s }
        if place < byPlace.count {
            byPlace[place] = (Array(name), s)
        } else if place == byPlace.count, place < 1024 {
            byPlace.append((Array(name), s))
        }
        return s
    }

    func validated(_ name: String) -> Symbol? {
        guard let program else { return Symbol(validating: name) }
        return program.variableIndex(of: name).map { _ in Symbol(program.symbolName(of: name)) }
    }
}
