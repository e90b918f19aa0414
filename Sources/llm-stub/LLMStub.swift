import ArgumentParser

/// `llm-stub`: a local model server for tests, benchmarks and CI dry-runs.
@main
struct LLMStub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "llm-stub", abstract: "A local OpenAI-, Anthropic- and Elastic-compatible model server.")

    func run() async throws {}
}
