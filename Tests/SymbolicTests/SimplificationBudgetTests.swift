import Exact
import Foundation
import TestSupport
import Testing

@testable import Symbolic

/// The Meyer sum of MGH's test set, written as its derivative in x comes out of the chain
/// rule: Σᵢ 2·y·(y·exp(x/(cᵢ + z)) − Yᵢ)·exp(x/(cᵢ + z))/(cᵢ + z), cᵢ = 45 + 5i.
private func meyerDerivative(_ k: Int) -> Expr {
    let (x, y, z) = (Expr(Symbol("x")), Expr(Symbol("y")), Expr(Symbol("z")))
    let data = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872]
    return Expr.sum(
        (1...k).map { i in
            let c = z + Expr(45 + 5 * i)
            let e = Expr.call(.exp, x / c)
            return 2 * y * (y * e - Expr(data[(i - 1) % 16])) * e / c
        })
}

/// Runs `body` on a thread with a 512 KiB stack (a recursion on the input's depth would
/// overflow it) and returns its result.
private func onSmallStack(_ body: @escaping @Sendable () -> [Bool]) -> [Bool] {
    let box = ResultBox()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        box.value = body()
        done.signal()
    }
    thread.stackSize = 512 * 1024
    thread.start()
    done.wait()
    return box.value
}

/// Written by the thread before the semaphore is signalled, read after the wait.
private final class ResultBox: @unchecked Sendable {
    var value: [Bool] = []
}

@Suite struct SimplificationBudgetTests {
    let x = Symbol("x"), y = Symbol("y"), z = Symbol("z")

    @Test func meyerSum_staysASumOfSimplifiedTerms_andKeepsItsValue() throws {
        let d = meyerDerivative(16)
        let outcome = d.simplification(budget: .standard)
        #expect(!outcome.budgetRanOut)
        #expect(outcome.result.operationCount <= d.operationCount)
        #expect(ValueComparison.compare(d, outcome.result) == .equal)
    }

    @Test func meyerSum_printedSizeGrowsLinearly() {
        // Combining over one denominator would make the size grow like k² (or worse): a
        // sum of simplified terms doubles when k doubles.
        let small = meyerDerivative(16).simplified().operationCount
        let large = meyerDerivative(32).simplified().operationCount
        #expect(large <= 2 * small + 4, "16 terms: \(small) ops, 32 terms: \(large) ops")
    }

    @Test func work_neverExceedsTheBudget_andIsDeterministic() {
        let budget = SimplificationBudget(search: 1_500, rationalForm: 300, term: 100, gcd: 100, combinedTerms: 100, rulePasses: 2)
        let d = meyerDerivative(12)
        let first = d.simplification(budget: budget)
        let second = d.simplification(budget: budget)
        #expect(first.budgetRanOut)
        #expect(first.work <= budget.search)
        #expect(first.result == second.result && first.work == second.work)
        #expect(first.result.operationCount <= d.operationCount)
        #expect(ValueComparison.compare(d, first.result) == .equal)
    }

    @Test func everyBudget_keepsTheValue_andNeverGrowsTheExpression() throws {
        let inputs = [
            "x/(x + 1) + 1/(x + 1)", "sin(x)^2 + cos(x)^2 + x*y + x*z", "(x^2 - 1)/(x - 1) + exp(x)*exp(y)",
            "1/(x + y) + 1/(x - y) + x/(x^2 - y^2)", "tan(x)*cos(x) + (x + y)^3/(x + y)",
        ]
        for text in inputs {
            let e = try Expr.parse(text)
            for search in [0, 10, 100, 1_000, 10_000, 1_000_000] {
                let budget = SimplificationBudget(
                    search: search, rationalForm: search / 2, term: search / 4, gcd: search / 8,
                    combinedTerms: 2_000, rulePasses: 8)
                let outcome = e.simplification(budget: budget)
                #expect(outcome.work <= search)
                #expect(outcome.result.operationCount <= e.operationCount, "\(text) at \(search)")
                #expect(ValueComparison.compare(e, outcome.result) == .equal, "\(text) at \(search): \(outcome.result)")
            }
        }
    }

    @Test func noBudget_returnsTheInput_fullBudgetSimplifies() throws {
        let e = try Expr.parse("x/(x + 1) + 1/(x + 1)")
        #expect(e.simplified(budget: .none) == e)
        #expect(e.simplified() == Expr.one)
    }

    @Test func combining_isSkippedWhenTheNumeratorWouldGrow() throws {
        // 1/(x + a) + … + 1/(x + h): the common numerator has 8·8 terms against 16 in the
        // parts, so the sum stays a sum; 1/(x + 1) + 1/(x + 2) is combined (3 against 4).
        let many = Expr.sum((1...8).map { 1 / (Expr(x) + Expr($0)) })
        let map = KernelMap([many])
        #expect(try map.rationalFunction(many, termLimit: 2_000, meter: nil, combiningGrowth: 2) == nil)
        let two = Expr.sum((1...2).map { 1 / (Expr(x) + Expr($0)) })
        #expect(try KernelMap([two]).rationalFunction(two, termLimit: 2_000, meter: nil, combiningGrowth: 2) != nil)
    }

    @Test func exactDivision_findsTheQuotient_orNone() {
        let (a, b) = (IntegerPolynomial.variable(0, of: 2), IntegerPolynomial.variable(1, of: 2))
        let one = IntegerPolynomial(constant: .one, variableCount: 2)
        let p = a * a * a - one  // (a − 1)(a² + a + 1): fewer terms than one of its factors
        #expect(p.dividedExactly(by: a * a + a + one) == a - one)
        #expect(p.dividedExactly(by: a - one) == a * a + a + one)
        #expect(p.dividedExactly(by: a + one) == nil)
        let q = (a + b).power(5) * (a - b * b)
        #expect(q.dividedExactly(by: (a + b).power(2)) == (a + b).power(3) * (a - b * b))
        #expect(q.dividedExactly(by: a + b + one) == nil)
    }

    @Test func deepNesting_simplifiesExpandsAndCombinesOnASmallStack() {
        let depth = 100_000
        let ok = onSmallStack { () -> [Bool] in
            let x = Expr(Symbol("x")), y = Expr(Symbol("y"))
            // sin(sin(…sin((x + 1)^2)…)) and the same over x^2 + 2x + 1.
            var chain = Expr.power(x + 1, Expr(2))
            var expandedChain = x * x + 2 * x + 1
            for _ in 0..<depth {
                chain = Expr.call(.sin, chain)
                expandedChain = Expr.call(.sin, expandedChain)
            }
            let expanded = (try? chain.expanded()) ?? .zero
            // s + 1/y over one denominator is (y·s + 1)/y, s a kernel however deep.
            let together = (chain + 1 / y).together()
            // exp(…exp(x)·exp(y)…): the rules combine the innermost product, at any depth.
            var exps = Expr.call(.exp, x) * Expr.call(.exp, y)
            var combined = Expr.call(.exp, x + y)
            for _ in 0..<depth {
                exps = Expr.call(.cos, exps)
                combined = Expr.call(.cos, combined)
            }
            return [
                expanded == expandedChain, together == (y * chain + 1) / y, chain.simplified() == chain,
                exps.simplified() == combined,
            ]
        }
        #expect(ok == [true, true, true, true])
    }
}
