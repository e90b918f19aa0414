import ArgumentParser
import Foundation
import TriageEvalReports
import TriageEval
import TriageEvalEngine
import TriageEvalProviders
import TriageEvalStore

/// The exit-code contract: 0 success, 1 gate failed, 2 usage or configuration error, 3 run incomplete.
enum ExitStatus {
    static let gateFailed: Int32 = 1
    static let usage: Int32 = 2
    static let incomplete: Int32 = 3

    static func code(for error: any Error) -> Int32 {
        switch error {
        case is InputError, is InputErrors, is UsageError: return usage
        case let exit as ExitCode: return exit.rawValue
        default:
            let code = TriageEvalCommand.exitCode(for: error)
            if code == .validationFailure { return usage }
            return code.rawValue
        }
    }

    static func message(for error: any Error) -> String? {
        switch error {
        case let error as InputError: return "error: \(error)"
        case let error as InputErrors: return error.errors.map { "error: \($0)" }.joined(separator: "\n")
        case let error as UsageError: return "error: \(error.message)"
        case let error as StoreError: return "error: \(error.message)"
        case is ExitCode: return nil
        default: return TriageEvalCommand.fullMessage(for: error)
        }
    }
}

/// A command used wrongly in a way ArgumentParser cannot see (unknown prompt, case or model): exit 2.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
