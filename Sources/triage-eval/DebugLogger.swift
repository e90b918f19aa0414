import Foundation
import Logging
import TriageEval
import TriageEvalEngine
import TriageEvalProviders

/// The logger `--verbose` turns on: debug lines on standard error with every key redacted
/// (header values, `key=` parameters, and every secret the configured models read, default variables included).
enum DebugLogger {
    static func make(verbose: Bool, config: TriageConfig) -> Logger {
        guard verbose else { return Logger(label: "triage-eval", factory: { _ in SwiftLogNoOpLogHandler() }) }
        let redactor = SecretRedactor(secrets: ProviderFactory.secrets(of: config.models))
        return Logger(label: "triage-eval") { label in RedactingLogHandler(label: label, level: .debug, redactor: redactor) }
    }
}
