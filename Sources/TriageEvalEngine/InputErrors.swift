public import TriageEval

/// Several input problems found in one pass (e.g. two bad case files), reported together.
public struct InputErrors: ClassifiedError, Sendable {
    public var errors: [InputError]

    public init(_ errors: [InputError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
    public var exitStatus: ExitStatus { .usage }
}
