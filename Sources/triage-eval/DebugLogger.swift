import Foundation
import Logging
import TriageEval
import TriageEvalEngine

/// The logger `--verbose` turns on: debug lines on standard error with every key redacted
/// (header values, `key=` parameters, and the values of the environment variables the config names).
enum DebugLogger {
    static func make(verbose: Bool, config: TriageConfig) -> Logger {
        guard verbose else { return Logger(label: "triage-eval", factory: { _ in SwiftLogNoOpLogHandler() }) }
        let names = config.models.flatMap { model in
            [model.apiKeyEnv].compactMap { $0 } + model.options.filter { $0.key.hasSuffix("_env") }.map(\.value)
        }
        let redactor = SecretRedactor(secrets: SecretRedactor.secrets(for: names, environment: ProcessInfo.processInfo.environment))
        return Logger(label: "triage-eval") { label in RedactingLogHandler(label: label, level: .debug, redactor: redactor) }
    }
}
