import Exact
import Foundation
import Testing
import TestSupport
@testable import Symbolic

/// Expressions 10⁵ levels deep go through every path on a 512 KiB stack (`onSmallStack`).
@Suite struct DeepInputTests {
    static let depth = 100_000

    static func nested(_ open: String, _ leaf: String = "x", depth: Int = DeepInputTests.depth) -> String {
        String(repeating: open, count: depth) + leaf + String(repeating: ")", count: depth)
    }

    @Test func deepCallChain_parsesPrintsAndReparses() throws {
        let text = Self.nested("sin(")
        let ok = try onSmallStack {
            let e = try Expr.parse(text)
            let printed = e.description
            let again = try Expr.parse(printed)
            return e.height == Self.depth && printed == text && again == e
        }
        #expect(ok)
    }
}
