/// A credential read from the environment. It prints as `[REDACTED]` (``SecretRedactor/mask``) so it cannot leak through
/// string interpolation, `dump` or a debugger description.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The credential itself: only for building a request header.
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { SecretRedactor.mask }
    public var debugDescription: String { SecretRedactor.mask }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
