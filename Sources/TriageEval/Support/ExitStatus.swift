/// The documented exit codes of `triage-eval` and `llm-stub` (README "Exit codes", `triage-eval --help`).
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything asked for was done.
    case ok = 0
    /// The gate's policy failed (or `try` answered, `dissect` did not match).
    case gateFailed = 1
    /// Usage, configuration or input error: nothing was changed; fix the command or file named.
    case usage = 2
    /// The run did not answer every planned evaluation (provider errors, `--max-cost`); `--resume` finishes it.
    case incomplete = 3
    /// The tool could not do its job: store corrupt, locked, full or read-only, file system, internal error.
    case failure = 4
    /// Stopped by Ctrl-C (SIGINT); what was answered is stored and the run is marked `interrupted`.
    case interrupted = 130
    /// Stopped by SIGTERM; as for Ctrl-C.
    case terminated = 143
}

/// An error whose exit status is known; its description is the one-line message shown (several lines for
/// several problems), without the `error: ` prefix.
public protocol ClassifiedError: Error, CustomStringConvertible {
    var exitStatus: ExitStatus { get }
}

extension InputError: ClassifiedError {
    public var exitStatus: ExitStatus { .usage }
}
