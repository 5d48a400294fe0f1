import AutoDiff
import Exact

/// A language a source file can be generated in.
///
///     TargetLanguage(name: "python")   // .python
public enum TargetLanguage: String, Sendable, CaseIterable {
    /// C99 with `<math.h>` only; clean under `-std=c99 -Wall -Wextra -Werror`.
    case c
    /// Swift with `import Foundation` only.
    case swift
    /// Python with NumPy (functions broadcast over arrays, like SymPy's `lambdify`), or,
    /// exact, with `fractions.Fraction` and no NumPy.
    case python

    /// The language called `name` (`c`, `swift`, `python`), or nil.
    public init?(name: String) { self.init(rawValue: name.lowercased()) }
}

/// How terms are spelled in one language: literals, function names, powers, indices.
struct TermPrinter {
    enum Dialect { case c, swift, numpy, exact }
    let dialect: Dialect

    /// Precedence: 1 sum, 2 product, 3 unary minus, 4 power (Python), 5 atom.
    func print(_ t: Term) -> String { printed(t).text }

    func index(_ i: Index) -> String {
        if i.stride == 0 { return "\(i.base)" }
        let r = i.stride == 1 ? "r" : i.stride == -1 ? "-r" : "\(i.stride) * r"
        if i.base == 0 { return r }
        return i.base > 0 ? "\(r) + \(i.base)" : "\(r) - \(-i.base)"
    }

    func number(_ q: Rational) -> (text: String, negative: Bool) {
        switch dialect {
        case .exact:
            if q.isInteger { return ("Fraction(\(q.numerator))", false) }
            return ("Fraction(\(q.numerator), \(q.denominator))", false)
        case .c, .swift, .numpy:
            let d = Double(q)
            let m = Swift.abs(d)
            var text: String
            if m.isInfinite {
                text = dialect == .c ? "HUGE_VAL" : dialect == .swift ? "Double.infinity" : "np.inf"
            } else {
                text = "\(m)"
                if !text.contains(".") && !text.contains("e") { text += ".0" }
            }
            return d < 0 ? ("-" + text, true) : (text, false)
        }
    }

    func function(_ f: UnaryFunction) -> String {
        switch dialect {
        case .c: return f == .abs ? "fabs" : f.description
        case .swift: return f == .abs ? "Swift.abs" : f.description
        case .numpy: return "np." + f.description
        case .exact: return f.description
        }
    }

    private func wrap(_ p: (text: String, prec: Int), _ minimum: Int) -> String {
        p.prec >= minimum ? p.text : "(" + p.text + ")"
    }

    func printed(_ t: Term) -> (text: String, prec: Int) {
        switch t {
        case .number(let q):
            let (text, negative) = number(q)
            return (text, negative ? 3 : 5)
        case .local(let n): return (n, 5)
        case .element(let a, let i): return ("\(a)[\(index(i))]", 5)
        case .indicator(let a, let i, let k):
            switch dialect {
            case .c, .swift: return ("(\(a)[\(index(i))] == \(k) ? 1.0 : 0.0)", 5)
            case .numpy: return ("np.where(\(a)[\(index(i))] == \(k), 1.0, 0.0)", 5)
            case .exact: return ("(Fraction(1) if \(a)[\(index(i))] == \(k) else Fraction(0))", 5)
            }
        case .add(let a, let b): return (wrap(printed(a), 1) + " + " + wrap(printed(b), 2), 1)
        case .subtract(let a, let b): return (wrap(printed(a), 1) + " - " + wrap(printed(b), 2), 1)
        case .multiply(let a, let b): return (wrap(printed(a), 2) + " * " + wrap(printed(b), 3), 2)
        case .divide(let a, let b): return (wrap(printed(a), 2) + " / " + wrap(printed(b), 3), 2)
        case .negate(let a): return ("-" + wrap(printed(a), 4), 3)
        case .powerInteger(let a, let n):
            switch dialect {
            case .c, .swift: return ("pow(\(print(a)), \(n).0)", 5)
            case .numpy, .exact: return (wrap(printed(a), 5) + "**" + (n < 0 ? "(\(n))" : "\(n)"), 4)
            }
        case .powerRational(let a, let q):
            switch dialect {
            case .c, .swift: return ("pow(\(print(a)), \(number(q).text))", 5)
            case .numpy: return (wrap(printed(a), 5) + "**" + wrap((number(q).text, number(q).negative ? 3 : 5), 5), 4)
            case .exact: return ("_root(\(print(a)), \(number(q).text))", 5)
            }
        case .power(let a, let b):
            switch dialect {
            case .c, .swift: return ("pow(\(print(a)), \(print(b)))", 5)
            case .numpy: return (wrap(printed(a), 5) + "**" + wrap(printed(b), 5), 4)
            case .exact: return ("_root(\(print(a)), \(print(b)))", 5)
            }
        case .call(let f, let a):
            if dialect == .exact {
                if f == .abs { return ("abs(\(print(a)))", 5) }
                if f == .sqrt { return ("_root(\(print(a)), Fraction(1, 2))", 5) }
                return ("_call(\"\(f)\", \(print(a)))", 5)
            }
            return ("\(function(f))(\(print(a)))", 5)
        }
    }

    /// A condition that holds when the requirement is met (C only).
    func condition(_ r: Requirement) -> String {
        switch r {
        case .nonzero(let a): return "\(wrap(printed(a), 2)) != 0.0"
        case .positive(let a): return "\(wrap(printed(a), 2)) > 0.0"
        case .nonnegative(let a): return "\(wrap(printed(a), 2)) >= 0.0"
        case .unitInterval(let a):
            let s = wrap(printed(a), 2)
            return "\(s) >= -1.0 && \(s) <= 1.0"
        case .powerDefined(let a, let b):
            let (x, y) = (wrap(printed(a), 2), wrap(printed(b), 2))
            return "\(x) > 0.0 || (trunc(\(print(b))) == \(y) && (\(x) != 0.0 || \(y) >= 0.0)) || (\(x) == 0.0 && \(y) > 0.0)"
        case .unlessZero(let w, let inner):
            return "\(wrap(printed(w), 2)) == 0.0 || (\(condition(inner)))"
        case .branch(let relation, let expected, let a, let b):
            let (x, y) = (wrap(printed(a), 2), wrap(printed(b), 2))
            let op: String
            switch relation {
            case .less: op = "<"
            case .lessOrEqual: op = "<="
            case .equal: op = "=="
            }
            return expected ? "\(x) \(op) \(y)" : "!(\(x) \(op) \(y)) && \(x) == \(x) && \(y) == \(y)"
        }
    }
}
