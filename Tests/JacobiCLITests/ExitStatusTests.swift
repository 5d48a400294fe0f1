import Testing

@Suite struct ExitStatusTests {
    @Test func version_printsTheLibraryVersion() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func help_exitsZeroAndNamesTheTool() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: jacobi"))
    }

    @Test(arguments: [["--no-such-option"], ["no-such-command"]])
    func usageErrors_exitTwoWithOneLineOnStderr(arguments: [String]) throws {
        let r = try CLI.run(arguments)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("jacobi: "))
        #expect(r.stderr.split(separator: "\n").count >= 1)
    }
}
