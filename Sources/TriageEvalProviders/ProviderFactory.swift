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
        switch model.provider {
        case .heuristic:
            return HeuristicProvider()
        case .heuristicCredulous:
            return HeuristicProvider(credulous: true)
        case .replay:
            let path = model.path ?? ""
            return try ReplayProvider(contentsOf: path.hasPrefix("/") ? path : "\(directory)/\(path)")
        default:
            let settings = ModelSettings(model: model, environment: environment, file: configFile)
            let base = transport ?? URLSessionTransport(maxConnections: model.concurrency, timeoutSeconds: model.timeoutSeconds)
            let provider = try live(settings, transport: logger.map { LoggingTransport(base, logger: $0) } ?? base)
            let redactor = SecretRedactor(secrets: settings.secretsRead.values)
            if let batcher = provider as? any BatchModelProvider { return RedactingBatchProvider(batcher, redactor: redactor) }
            return RedactingProvider(provider, redactor: redactor)
        }
    }

    /// Every secret value the live models in `models` read from `environment` (their keys, tokens and
    /// passwords, default variables included), for redacting logs and output: the same reads as ``make``.
    public static func secrets(of models: [ModelConfig], environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        models.flatMap { model -> [String] in
            guard !model.provider.isOffline else { return [] }
            let settings = ModelSettings(model: model, environment: environment, file: "triage-eval.yaml")
            _ = try? live(settings, transport: UnusedTransport())
            return settings.secretsRead.values
        }
    }

    /// The live provider for `settings` (not redacted yet).
    private static func live(_ settings: ModelSettings, transport: any HTTPTransport) throws(InputError) -> any ModelProvider {
        switch settings.model.provider {
        case .openai: try LiveProviders.openAI(settings, transport: transport)
        case .azureOpenAI: try LiveProviders.azureOpenAI(settings, transport: transport)
        case .anthropic: try LiveProviders.anthropic(settings, transport: transport)
        case .bedrock: try LiveProviders.bedrock(settings, transport: transport)
        case .gemini: try LiveProviders.gemini(settings, transport: transport)
        case .vertex: try LiveProviders.vertex(settings, transport: transport)
        case .ollama: try LiveProviders.ollama(settings, transport: transport)
        case .elasticInference: try LiveProviders.elasticInference(settings, transport: transport)
        case .esqlCompletion: try LiveProviders.esqlCompletion(settings, transport: transport)
        case .heuristic, .heuristicCredulous, .replay: throw settings.error("provider", "is an offline model")
        }
    }

    /// The transport of a provider built only to see which secrets it reads; it is never called.
    private struct UnusedTransport: HTTPTransport {
        func send(_ request: HTTPRequest) async throws(ProviderError) -> HTTPResponse {
            throw ProviderError(.configuration, "not a sending provider")
        }
    }
}
