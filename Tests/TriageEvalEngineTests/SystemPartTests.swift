import Foundation
import Logging
import StubTestSupport
import Testing
import TriageEval
import TriageEvalProviders
import TriageEvalStore
@testable import TriageEvalEngine

/// A host prompt with a system part, written next to the workspace's own prompts.
private let systemPrompt = """
    ---
    id: host-roles
    version: v1
    entity: host
    output:
      format: dissect
      pattern: "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"
    ---
    --- system ---
    You triage {{entity_type}} alerts. Answer on one line.
    --- user ---
    Host {{host_name}} ran: {{cmdlines_str}}.

    """

@Suite("System parts through the engine: try, cache key, load-time refusal", .boundedResources)
struct SystemPartTests {
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("try sends the rendered system part with the user part and reports both")
    func trialSendsSystem() async throws {
        let temp = try TemporaryWorkspace()
        try FileManager.default.createDirectory(at: temp.directory.appendingPathComponent("prompts/host-roles"), withIntermediateDirectories: true)
        try temp.write(systemPrompt, to: "prompts/host-roles/v1.prompt")
        let provider = FakeProvider()
        let trial = Trial(workspace: temp.workspace, store: temp.store, logger: Self.logger) { _ in provider }
        let result = try await trial.run(prompt: "host-roles@v1", model: "recorded", caseID: "cert-decode-02")
        let sent = try #require(provider.received.first)
        #expect(sent.system == "You triage host alerts. Answer on one line.")
        #expect(sent.prompt.hasPrefix("Host WS-LOG-0044 ran: certutil.exe -decode"))
        #expect(result.system == sent.system)
        #expect(result.rendered == sent.prompt)
    }

    @Test("a run pairing a system prompt with esql-completion is refused at load: no run is created")
    func runRefusesOnePromptStringModel() async throws {
        let temp = try TemporaryWorkspace()
        try FileManager.default.createDirectory(at: temp.directory.appendingPathComponent("prompts/host-roles"), withIntermediateDirectories: true)
        try temp.write(systemPrompt, to: "prompts/host-roles/v1.prompt")
        try temp.write(
            configYAML.replacingOccurrences(
                of: "  - id: heuristic\n", with: "  - id: es\n    provider: esql-completion\n    base_url: http://127.0.0.1:9\n    inference_id: x\n  - id: heuristic\n"
            ),
            to: "triage-eval.yaml"
        )
        let reloaded = try TemporaryWorkspace(reloading: temp)
        let request = RunRequest(prompts: ["host-roles@v1"], models: ["es"])
        let error = try await #require(throws: InputError.self) { _ = try await reloaded.preparer.prepare(request) }
        #expect(error.file.hasSuffix("prompts/host-roles/v1.prompt"))
        #expect(error.message.contains("host-roles@v1 has a system part, but model es (esql-completion)"), "\(error.message)")
        #expect(try await reloaded.store.runs().isEmpty)
    }

    @Test("the system part is part of the cache key; none keeps the key it always had")
    func cacheKey() {
        let model = ModelConfig(id: "gpt", provider: .openai, model: "gpt-4o-mini")
        let plain = CacheKey.make(model: model, prompt: "U", sample: 0)
        #expect(CacheKey.make(model: model, prompt: "U", system: nil, sample: 0) == plain)
        let withSystem = CacheKey.make(model: model, prompt: "U", system: "S", sample: 0)
        #expect(withSystem != plain)
        #expect(CacheKey.make(model: model, prompt: "U", system: "S2", sample: 0) != withSystem)
        #expect(CacheKey.make(model: model, prompt: "U", system: "", sample: 0) != plain)
        // Moving text between the parts is a different request.
        #expect(CacheKey.make(model: model, prompt: "S\u{1F}U", sample: 0) != CacheKey.make(model: model, prompt: "U", system: "S", sample: 0))
    }
}
