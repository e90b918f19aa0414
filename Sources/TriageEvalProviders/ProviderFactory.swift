public import TriageEval

/// Builds the provider for a configured model.
public enum ProviderFactory {
    /// The provider for `model`. Relative paths (replay files) are resolved against `directory`.
    public static func make(_ model: ModelConfig, directory: String) throws(InputError) -> any ModelProvider {
        switch model.provider {
        case .heuristic:
            return HeuristicProvider()
        case .replay:
            let path = model.path ?? ""
            return try ReplayProvider(contentsOf: path.hasPrefix("/") ? path : "\(directory)/\(path)")
        default:
            throw InputError(
                file: "triage-eval.yaml", field: "models[\(model.id)].provider",
                message: "provider \(model.provider.rawValue) is not available in this build yet; use heuristic or replay"
            )
        }
    }
}
