public import ArgumentParser
internal import Foundation
internal import TriageEval

extension AsyncParsableCommand {
    /// The one entry point of both executables: parses the arguments, runs the command, and exits with the
    /// documented ``ExitStatus``, printing one `error: …` line per problem (never a raw error dump).
    public static func runAndExit() async -> Never {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(ExitStatus.ok.rawValue)
        } catch {
            let (code, message) = outcome(of: error)
            if let message, !message.isEmpty {
                let handle = code == ExitStatus.ok.rawValue ? FileHandle.standardOutput : FileHandle.standardError
                handle.write(Data((TerminalText.neutralized(message) + "\n").utf8))
            }
            Foundation.exit(code)
        }
    }

    /// The exit code and message for an error a command threw.
    static func outcome(of error: any Error) -> (Int32, String?) {
        switch error {
        case let error as any ClassifiedError:
            return (error.exitStatus.rawValue, prefixed(error.description))
        case let exit as ExitCode:
            // The command printed its own explanation.
            return (exit.rawValue, nil)
        default:
            break
        }
        let code = exitCode(for: error)
        if code == .success { return (ExitStatus.ok.rawValue, fullMessage(for: error)) }  // --help, --version
        if code == .validationFailure { return (ExitStatus.usage.rawValue, fullMessage(for: error)) }
        return (ExitStatus.failure.rawValue, prefixed(ToolFailure.describe(error)))
    }

    private static func prefixed(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "error: \($0)" }.joined(separator: "\n")
    }
}
