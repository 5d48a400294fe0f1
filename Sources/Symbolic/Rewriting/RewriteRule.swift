import Exact

/// A named rewrite: a partial function on expressions that returns an equal expression, or
/// `nil` where it does not apply. Rules are data (egg's `rw!`, SymbolicUtils' `@rule`): each
/// family lives in its own file under `Rules/`, and combinators compose them.
///
///     RewriteRule.pythagorean.apply(try Expr.parse("sin(x)^2 + cos(x)^2"))   // 1
///
/// Law: wherever the input is defined, the output has the same value.
public struct RewriteRule: Sendable {
    /// The rule's name, `family.rule` (for tests, traces and error messages).
    public let name: String
    /// The rewrite at one node (not its children), or `nil`.
    public let rewrite: @Sendable (Expr) -> Expr?

    /// A rule from its name and its action at one node.
    public init(_ name: String, _ rewrite: @escaping @Sendable (Expr) -> Expr?) {
        self.name = name
        self.rewrite = rewrite
    }

    /// The rule applied at every node, bottom-up (see ``postwalk(_:)``), to a fixpoint.
    ///
    ///     RewriteRule.expLog.apply(try Expr.parse("exp(x)*exp(y)"))   // exp(x + y)
    public func apply(_ e: Expr) -> Expr {
        RewriteRule.fixpoint(RewriteRule.postwalk(self)).rewrite(e) ?? e
    }

    /// Each rule in turn on the result of the previous ones (those that do not apply are
    /// skipped): `nil` when none applied.
    ///
    ///     RewriteRule.chain("trig", [.pythagorean, .doubleAngle]).rewrite(cos(x)^2 - sin(x)^2)   // cos(2*x)
    ///
    /// A chain of identities is an identity.
    public static func chain(_ name: String, _ rules: [RewriteRule]) -> RewriteRule {
        RewriteRule(name) { e in
            var current = e
            var changed = false
            for r in rules {
                if let next = r.rewrite(current) {
                    current = next
                    changed = true
                }
            }
            return changed ? current : nil
        }
    }

    /// `rule` repeated until it no longer applies or changes nothing (at most `limit` times).
    ///
    ///     RewriteRule.fixpoint(.postwalk(.expLog)).rewrite(exp(x)*exp(y)*exp(z))   // exp(x + y + z)
    ///
    /// Terminates: at most `limit` rewrites.
    public static func fixpoint(_ rule: RewriteRule, limit: Int = 8) -> RewriteRule {
        RewriteRule("fixpoint(\(rule.name))") { e in
            var current = e
            var changed = false
            for _ in 0..<limit {
                guard let next = rule.rewrite(current), next != current else { break }
                current = next
                changed = true
            }
            return changed ? current : nil
        }
    }

    /// The rule at every node, bottom-up, to a fixpoint of at most `passes` passes, each
    /// node visit charged to `meter` (1 plus its number of children).
    func apply(_ e: Expr, passes: Int, meter: WorkMeter) throws(WorkExhausted) -> Expr {
        var current = e
        for _ in 0..<passes {
            let next = try current.foldPostorder { (node: Expr, value: (Expr) -> Expr) throws(WorkExhausted) -> Expr in
                try meter.charge(RewriteRule.visitCost(node))
                let rebuilt = node.mappingChildren(value)
                return rewrite(rebuilt) ?? rebuilt
            }
            if next == current { break }
            current = next
        }
        return current
    }

    /// The work of visiting one node: 1, plus one per summand or factor.
    static func visitCost(_ e: Expr) -> Int {
        switch e.kind {
        case .number, .symbol: return 1
        case .call, .power: return 2
        case .sum(_, let terms): return 1 + terms.count
        case .product(_, let factors): return 1 + factors.count
        }
    }

    /// `rule` at every node, children first (each distinct node once), rebuilding parents
    /// canonically: `nil` when it applied nowhere.
    ///
    ///     RewriteRule.postwalk(.pythagorean).rewrite(exp(sin(x)^2 + cos(x)^2))   // exp(1)
    ///
    /// Iterative (any depth); shared subexpressions are rewritten once.
    public static func postwalk(_ rule: RewriteRule) -> RewriteRule {
        RewriteRule("postwalk(\(rule.name))") { e in
            let out = e.foldPostorder { (node: Expr, value: (Expr) -> Expr) -> Expr in
                let rebuilt = node.mappingChildren(value)
                return rule.rewrite(rebuilt) ?? rebuilt
            }
            return out == e ? nil : out
        }
    }

    /// The families of ``standard`` that can apply to an expression calling `functions`
    /// (a rule about sin and cos cannot fire without both): the same rewrites, less searching.
    static func applicable(to functions: Set<ElementaryFunction>) -> RewriteRule {
        let trig = functions.contains(.sin) && functions.contains(.cos)
        let hyperbolic = functions.contains(.sinh) && functions.contains(.cosh)
        var rules: [RewriteRule] = []
        if trig || hyperbolic { rules.append(pythagorean) }
        if functions.contains(.exp) || functions.contains(.log) { rules.append(expLog) }
        if trig { rules += [angleAddition, doubleAngle] }
        if trig || hyperbolic || functions.contains(.tan) { rules.append(tangent) }
        return RewriteRule.chain("standard", rules)
    }

    /// Every family the simplifier uses, in order (``Expr/simplified()`` runs only those whose
    /// functions occur).
    ///
    ///     RewriteRule.standard.apply(sin(x)^2 + cos(x)^2 + exp(x)*exp(y))   // exp(x + y) + 1
    public static let standard = RewriteRule.chain("standard", [pythagorean, expLog, angleAddition, doubleAngle, tangent])
}
