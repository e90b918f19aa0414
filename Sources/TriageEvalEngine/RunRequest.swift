/// What the user asked `run` to evaluate; empty lists mean "all".
public struct RunRequest: Sendable {
    /// `id@version` keys, or bare ids meaning every version of that prompt.
    public var prompts: [String]
    public var models: [String]
    public var scenarios: [String]
    public var samples: Int

    public init(prompts: [String] = [], models: [String] = [], scenarios: [String] = [], samples: Int = 1) {
        self.prompts = prompts
        self.models = models
        self.scenarios = scenarios
        self.samples = samples
    }
}
