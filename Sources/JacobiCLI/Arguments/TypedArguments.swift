import ArgumentParser
import Foundation
import Jacobi

/// How results are written (`mtx`: Matrix Market, for sparse matrices).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, latex, json, mtx
}

extension DifferentialEngine: ExpressibleByArgument {}

/// An error in the text of one option's value; argument-parser prints it after
/// "The value '…' is invalid for '--option <…>': ".
struct ArgumentError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Typed values of options, parsed at the edge (argument-parser `transform:` functions).
enum Arguments {
    /// The help of `--dir` (jvp, hvp).
    static let directionHelp = ArgumentHelp("The direction v, one exact number per variable.", valueName: "v1,v2")
    /// The help of `--weights` (vjp).
    static let weightsHelp = ArgumentHelp("The weights w, one exact number per function.", valueName: "w1,w2")

    /// `x,y,z`: distinct variable names.
    static func variables(_ text: String) throws -> [Symbol] {
        var out: [Symbol] = []
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let s = Symbol(validating: trimmed) else { throw ArgumentError("'\(trimmed)' is not a variable name") }
            if out.contains(s) { throw ArgumentError("the variable \(trimmed) appears twice") }
            out.append(s)
        }
        return out
    }

    /// `1,-1/2,0.25`: exact numbers (decimals read exactly).
    static func vector(_ text: String) throws -> [Rational] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { item in
            let t = String(item).trimmingCharacters(in: .whitespaces)
            do { return try Rational(parsing: t) } catch { throw ArgumentError("'\(t)' is not an exact number: \(error)") }
        }
    }

    /// The comma-separated items of `text`, keeping commas inside parentheses.
    static func topLevelItems(_ text: String) -> [Substring] {
        var items: [Substring] = []
        var depth = 0
        var start = text.startIndex
        for i in text.indices {
            switch text[i] {
            case "(": depth += 1
            case ")": depth = Swift.max(depth - 1, 0)
            case "," where depth == 0:
                items.append(text[start..<i])
                start = text.index(after: i)
            default: break
            }
        }
        items.append(text[start...])
        return items
    }
}
