import AutoDiff
import Exact
import TestSupport
import Testing

/// Colour counts against what the theory says, validity of every colouring, and exact
/// agreement of compressed and dense derivatives.
@Suite struct ColoringTests {
    /// No row of `p` holds two columns of one colour.
    static func separatesColumns(_ c: Coloring, _ p: SparsityPattern) -> Bool {
        (0..<p.rows).allSatisfy { i in
            let colours = p.columns(inRow: i).map { c.colors[$0] }
            return Set(colours).count == colours.count
        }
    }

    /// Distance-1 and no path on four vertices with two colours (brute force).
    static func isStarColoring(_ c: Coloring, _ p: SparsityPattern) -> Bool {
        let n = p.rows
        func nbrs(_ v: Int) -> [Int] { p.columns(inRow: v).filter { $0 != v } }
        for v in 0..<n where nbrs(v).contains(where: { c.colors[$0] == c.colors[v] }) { return false }
        for w in 0..<n {
            for v in nbrs(w) {  // the middle edge w–v of a path x–w–v–u
                for x in nbrs(w) where x != v && c.colors[x] == c.colors[v] {
                    for u in nbrs(v) where u != w && u != x && c.colors[u] == c.colors[w] { return false }
                }
            }
        }
        return true
    }

    static let orders = ColoringOrder.allCases

    @Test func columnColoring_countsOnBandsBlocksAndArrows() {
        for order in Self.orders {
            for n in [6, 10, 31] {
                let tri = SparseStructures.bandedSystem(n, halfBandwidth: 1).jacobianPattern()
                let penta = SparseStructures.bandedSystem(n, halfBandwidth: 2).jacobianPattern()
                let block = SparseStructures.blockSystem(n, block: 3).jacobianPattern()
                let arrow = SparseStructures.arrowSystem(n).jacobianPattern()
                // A row with r entries needs r colours; bands and blocks reach that bound.
                #expect(tri.columnColoring(order: order).count == 3, "\(order) n=\(n)")
                #expect(penta.columnColoring(order: order).count == 5, "\(order) n=\(n)")
                #expect(block.columnColoring(order: order).count == 3, "\(order) n=\(n)")
                // The arrow's dense first row (and column) forces n colours either way.
                #expect(arrow.columnColoring(order: order).count == n)
                #expect(arrow.rowColoring(order: order).count == n)
                for p in [tri, penta, block, arrow] {
                    #expect(Self.separatesColumns(p.columnColoring(order: order), p))
                    #expect(Self.separatesColumns(p.rowColoring(order: order), p.transposed))
                }
            }
        }
    }

    @Test func rowColoring_paysForWideJacobians() throws {
        // m = 2 dense rows over n = 6 columns: 6 column colours, 2 row colours.
        let tape = try Tape.record(inputs: 6) { (x: [Traced]) -> [Traced] in
            [x.dropFirst().reduce(x[0] * x[0]) { $0 + $1 * $1 }, x.dropFirst().reduce(x[0]) { $0 * $1 }]
        }
        let c = SparseCompression.jacobian(of: tape)
        #expect(c.coloring.kind == .rows)
        #expect(c.coloring.count == 2)
        #expect(SparseCompression.jacobian(of: tape, mode: .forward).coloring.count == 6)
    }

    @Test func starColoring_countsOnBandsBlocksAndArrows() throws {
        for n in [5, 12, 40] {
            let tri = try SparseStructures.bandedObjective(n, halfBandwidth: 1).hessianPattern()
            let rosen = try SparseStructures.rosenbrock(n).hessianPattern()
            let penta = try SparseStructures.bandedObjective(n, halfBandwidth: 2).hessianPattern()
            let arrow = try SparseStructures.arrowObjective(n).hessianPattern()
            let block = try SparseStructures.blockObjective(n, block: 4).hessianPattern()
            #expect(try tri.starColoring().count == 3, "n=\(n)")
            #expect(try rosen.starColoring().count == 3, "n=\(n)")
            // 5 once the band is long enough to hold a two-coloured path (n = 5 needs only 4).
            #expect(try penta.starColoring().count == (n >= 8 ? 5 : 4), "n=\(n)")
            #expect(try arrow.starColoring().count == 2, "n=\(n)")
            #expect(try block.starColoring().count == 4, "n=\(n)")
            for p in [tri, penta, arrow, block] {
                for order in Self.orders { #expect(Self.isStarColoring(try p.starColoring(order: order), p)) }
            }
        }
        #expect(throws: SparsityError.notSymmetric) { try SparsityPattern.dense(rows: 2, columns: 3).starColoring() }
    }

    @Test func starColoring_isValid_onRandomSymmetricPatterns() throws {
        var g = SeededGenerator(seed: 77)
        for _ in 0..<60 {
            let n = Int.random(in: 2...25, using: &g)
            var entries: [(row: Int, column: Int)] = (0..<n).map { ($0, $0) }
            for _ in 0..<Int.random(in: 0...(2 * n), using: &g) {
                let i = Int.random(in: 0..<n, using: &g)
                let j = Int.random(in: 0..<n, using: &g)
                entries += [(i, j), (j, i)]
            }
            let p = try SparsityPattern(rows: n, columns: n, entries: entries)
            for order in Self.orders {
                let c = try p.starColoring(order: order)
                #expect(Self.isStarColoring(c, p), "\(entries) \(order)")
                #expect(Self.separatesColumns(p.columnColoring(order: order), p))
            }
        }
    }
}
