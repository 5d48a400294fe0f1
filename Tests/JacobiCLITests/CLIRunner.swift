import Foundation

/// Runs the built `jacobi` binary (it sits next to the test bundle in the build folder;
/// `JACOBI_BIN` overrides) and captures its output and exit status.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["JACOBI_BIN"] { return URL(fileURLWithPath: path) }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On macOS the runner lives inside a .xctest bundle; walk up to the build folder.
        while dir.pathComponents.count > 1 && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("jacobi").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("jacobi")
    }

    /// Runs `jacobi arguments…`, with `stdin` as its standard input (empty when nil).
    static func run(_ arguments: [String], stdin: String? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data((stdin ?? "").utf8))
        try input.fileHandleForWriting.close()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
