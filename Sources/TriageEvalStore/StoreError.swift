public import TriageEval

/// The store could not do what was asked: it cannot be opened, is locked, full, read-only or corrupt, a row
/// cannot be decoded, or a row it refers to is missing. Exit 4; the message names the store and what to do.
public struct StoreError: ClassifiedError, Sendable, Equatable {
    public var message: String
    /// Another connection held the store's lock: the same write may succeed later.
    public var transient: Bool

    public init(_ message: String, transient: Bool = false) {
        self.message = message
        self.transient = transient
    }

    public var description: String { message }
    public var exitStatus: ExitStatus { .failure }
}
