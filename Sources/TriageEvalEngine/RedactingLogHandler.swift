public import Logging
public import TriageEvalProviders
internal import Foundation

/// A swift-log handler for `--verbose`: one line per event on standard error (or `write`),
/// message and metadata passed through a ``SecretRedactor``.
public struct RedactingLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    let label: String
    let redactor: SecretRedactor
    let write: @Sendable (String) -> Void

    public init(label: String, level: Logger.Level, redactor: SecretRedactor, write: @escaping @Sendable (String) -> Void = Self.standardError) {
        self.label = label
        self.logLevel = level
        self.redactor = redactor
        self.write = write
    }

    /// Writes a line to standard error.
    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data(line.utf8))
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var line = "\(event.level) \(label): \(redactor.redact(event.message.description))"
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        if !merged.isEmpty {
            line += " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\(redactor.redact(key: $0.key, value: $0.value.description))" }.joined(separator: " ")
        }
        write(line + "\n")
    }
}
