/// A credential read from the environment. It prints as `<redacted>` so it cannot leak through
/// string interpolation, `dump` or a debugger description.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credential itself: only for building a request header.
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { HeaderRedaction.placeholder }
    public var debugDescription: String { HeaderRedaction.placeholder }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
