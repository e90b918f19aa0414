public import ArgumentParser
public import TriageEval

/// A command used wrongly in a way ArgumentParser cannot see (unknown prompt, case or model, bad option
/// value): `error: …` and exit 2.
public struct UsageError: ClassifiedError, Sendable {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
    public var exitStatus: ExitStatus { .usage }
}

extension ExitCode {
    /// Exits with a documented status; the command has printed why.
    public init(_ status: ExitStatus) { self.init(status.rawValue) }
}
