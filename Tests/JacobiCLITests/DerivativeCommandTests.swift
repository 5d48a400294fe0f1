import Foundation
import Testing

@Suite struct DerivativeCommandTests {
    func json(_ args: [String]) throws -> [String: Any] {
        let r = try CLI.run(args + ["--format=json"])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] ?? [:]
    }

    @Test func diff_givesEveryPartialExactlyAtThePoint() throws {
        let d = try json(["diff", "x^2*y + sin(x)", "--at=x=1/2,y=3"])
        #expect(d["command"] as? String == "diff")
        #expect(d["vars"] as? [String] == ["x", "y"])
        #expect(d["symbolic"] as? [String] == ["2*x*y + cos(x)", "x^2"])
        #expect(d["exact"] as? [String] == ["cos(1/2) + 3", "1/4"])
        #expect(d["engine"] as? String == "reverse")
        let numeric = d["numeric"] as? [Double] ?? []
        #expect(numeric.count == 2 && abs(numeric[0] - (3 + cos(0.5))) < 1e-15 && numeric[1] == 0.25)
    }

    @Test func diff_withWrt_differentiatesByThoseVariablesOnly() throws {
        let d = try json(["diff", "x*y*z", "--wrt=z,x"])
        #expect(d["vars"] as? [String] == ["z", "x"])
        #expect(d["symbolic"] as? [String] == ["x*y", "y*z"])
    }

    @Test func dir_jacobian_hessian_haveTheContractShapes() throws {
        let dir = try json(["dir", "x*y", "--dir=1,2", "--at=x=1,y=1"])
        #expect(dir["direction"] as? [String] == ["1", "2"])
        #expect(dir["exact"] as? String == "3")
        let j = try json(["jacobian", "x*y", "sin(x) + y^2", "--at=x=1/2,y=3"])
        #expect(j["symbolic"] as? [[String]] == [["y", "x"], ["cos(x)", "2*y"]])
        #expect(j["exact"] as? [[String]] == [["3", "1/2"], ["cos(1/2)", "6"]])
        let h = try json(["hessian", "x^2*y", "--at=x=1,y=2"])
        #expect(h["exact"] as? [[String]] == [["4", "2"], ["2", "0"]])
    }

    @Test func engines_agreeExactlyAtThePoint() throws {
        for args in [
            ["jacobian", "x*y", "sin(x) + y^2", "--at=x=1/2,y=3"], ["hessian", "x^2*y + exp(x*y)", "--at=x=1,y=0"],
            ["diff", "x*y*z", "--wrt=z,x", "--at=x=1,y=2,z=3"], ["dir", "x*y", "--dir=1,2", "--at=x=1,y=1"],
        ] {
            let results = try ["symbolic", "forward", "reverse"].map { engine in
                let d = try json(args + ["--engine=\(engine)"])
                #expect(d["engine"] as? String == engine)
                return String(describing: d["exact"] ?? "")
            }
            #expect(Set(results).count == 1, "\(args): \(results)")
        }
    }

    @Test func errors_areOneLineWithStatusTwo() throws {
        for args in [
            ["diff", "1/x", "--at=x=0"], ["diff", "log(x)", "--at=x=-1"], ["diff", "x*y", "--at=x=1"],
            ["diff", "abs(x)", "--at=x=0"], ["dir", "x*y", "--dir=1"], ["grad", "x", "--engine=sideways"],
        ] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.hasPrefix("jacobi: ") && r.stderr.filter { $0 == "\n" }.count == 1, "\(args): \(r.stderr)")
        }
        let abs = try CLI.run(["diff", "abs(x)", "--at=x=0"])
        #expect(abs.stderr == "jacobi: abs(0) has no derivative there at instruction 1 (in abs(x))\n", "\(abs.stderr)")
        let symbolic = try CLI.run(["diff", "abs(x)", "--at=x=0", "--engine=symbolic"])
        #expect(
            symbolic.stderr.hasPrefix("jacobi: not differentiable at this point: abs has no derivative where its argument is 0"), "\(symbolic.stderr)"
        )
    }
}
