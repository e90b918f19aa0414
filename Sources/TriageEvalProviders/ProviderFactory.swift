public import Foundation
public import Logging
public import TriageEval

/// Builds the provider for a configured model.
public enum ProviderFactory {
    /// The provider for `model`, validated before any call. Relative paths (replay files) are resolved against `directory`.
    ///
    /// - Parameters:
    ///   - configFile: the config file as the user named it, for errors.
    ///   - environment: where API keys are read (keys live only in the provider instance).
    ///   - logger: when given, every HTTP exchange is logged at debug level with credentials redacted.
    ///   - transport: replaces the default URLSession transport (one per model, sized to its concurrency).
    public static func make(
        _ model: ModelConfig, directory: String, configFile: String = "triage-eval.yaml", environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger? = nil, transport: (any HTTPTransport)? = nil
    ) throws(InputError) -> any ModelProvider {
        let settings = ModelSettings(model: model, environment: environment, file: configFile)
        func http() -> any HTTPTransport {
            let base = transport ?? URLSessionTransport(maxConnections: model.concurrency, timeoutSeconds: model.timeoutSeconds)
            return logger.map { LoggingTransport(base, logger: $0) } ?? base
        }
        switch model.provider {
        case .heuristic:
            return HeuristicProvider()
        case .replay:
            let path = model.path ?? ""
            return try ReplayProvider(contentsOf: path.hasPrefix("/") ? path : "\(directory)/\(path)")
        case .openai:
            return try LiveProviders.openAI(settings, transport: http())
        case .azureOpenAI:
            return try LiveProviders.azureOpenAI(settings, transport: http())
        case .anthropic:
            return try LiveProviders.anthropic(settings, transport: http())
        case .bedrock:
            return try LiveProviders.bedrock(settings, transport: http())
        case .gemini:
            return try LiveProviders.gemini(settings, transport: http())
        case .vertex:
            return try LiveProviders.vertex(settings, transport: http())
        case .ollama:
            return try LiveProviders.ollama(settings, transport: http())
        case .elasticInference:
            return try LiveProviders.elasticInference(settings, transport: http())
        case .esqlCompletion:
            return try LiveProviders.esqlCompletion(settings, transport: http())
        }
    }
}
