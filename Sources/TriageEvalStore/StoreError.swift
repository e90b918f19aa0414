/// A store lookup that found nothing, or a store that could not be opened.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
