import ArgumentParser
import Foundation
import Jacobi

/// The `jacobi` command: exact partial derivatives and the objects built from them.
@main
struct JacobiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jacobi",
        abstract: "Exact multivariate calculus: symbolic partials, tape AD, differentials.",
        discussion:
            "Numbers are exact: 0.1 means 1/10, and results at rational points are exact rationals. Errors print one line on stderr and exit with status 2.",
        version: JacobiVersion.string,
        subcommands: [
            Diff.self, Grad.self, Dir.self, JacobianCommand.self, HessianCommand.self,
            JVPCommand.self, VJPCommand.self, HVPCommand.self, Linearize.self, Taylor.self,
            Simplify.self, Expand.self, CodeGenCommand.self, Sparsity.self, Check.self,
        ]
    )

    static func main() async {
        ExitStatus.exitQuietlyWhenOutputCloses()
        await ExitStatus.run {
            var command = try parseAsRoot(CommandLineArguments.prepared(Array(CommandLine.arguments.dropFirst())))
            if var asynchronous = command as? AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        }
    }
}
