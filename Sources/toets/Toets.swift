import ArgumentParser
import Foundation
import ToetsRunner

/// The `toets` command: parses, wires the libraries, prints, exits.
@main
struct Toets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toets",
        abstract: "A reproducible evaluation bench for methods that detect coordinated inauthentic behaviour.",
        discussion: """
            Runs pipelines of stages (pipelines/*.yaml) with content-addressed, explainable caching: \
            a rerun executes only what changed, and says why.
            """,
        version: ToolInfo.version,
        subcommands: [Run.self, Status.self, Explain.self, Outputs.self, Audit.self, Verify.self, Export.self, Keygen.self, GC.self,
                      DemoData.self, CoActionCommand.self, Step.self]
    )

    /// ArgumentParser's own entry point, except that a mistake in the options exits with 2 (as the
    /// README says), not with sysexits' 64, and a misspelled subcommand gets a suggestion.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            var message = fullMessage(for: error)
            if let hint = subcommandHint(arguments) { message += "\n" + hint }
            writeError(message)
            Foundation.exit(ExitCodes.badInput)
        }
    }

    /// "Did you mean 'run'?" when the first word is no subcommand but close to one.
    static func subcommandHint(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.map { $0._commandName }
        guard !names.contains(first), let near = suggestion(for: first, among: names) else { return nil }
        return "'\(first)' is not a toets command. Did you mean 'toets \(near)'? (`toets --help` lists the commands)"
    }
}
