import Foundation
import Logging
import StubTestSupport
import Testing
import TriageEval
import TriageEvalProviders
@testable import TriageEvalEngine

@Suite("try: one call before a full run", .boundedResources)
struct TrialTests {
    static let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    func trial(_ temp: TemporaryWorkspace, provider: (any ModelProvider)? = nil) -> Trial {
        Trial(workspace: temp.workspace, store: temp.store, logger: Self.logger) { model in
            if let provider { return provider }
            return try ProviderFactory.make(model, directory: temp.workspace.directory)
        }
    }

    @Test("an offline model: rendered prompt, raw answer, both parses and the decision")
    func offline() async throws {
        let temp = try TemporaryWorkspace()
        let result = try await trial(temp).run(prompt: "host-triage@v1", model: "recorded", caseID: "cert-decode-02")
        #expect(result.rendered.hasPrefix("Host WS-LOG-0044 ran: certutil.exe -decode"))
        #expect(result.response?.text == "verdict=TP confidence=0.65 summary=certutil decode of a dropped blob")
        #expect(result.evaluation?.strict?.status == .ok)
        #expect(result.evaluation?.strict?.confidence == 0.65)
        #expect(result.evaluation?.alert == false) // 0.65 is not > 0.7
        #expect(result.error == nil)
    }

    @Test("one call, no retries; the error is returned")
    func failure() async throws {
        let temp = try TemporaryWorkspace()
        let provider = FakeProvider { _, _ throws(ProviderError) in throw ProviderError(.server, "HTTP 503", retryable: true, retryAfter: 0) }
        let result = try await trial(temp, provider: provider).run(prompt: "host-triage@v2", model: "recorded", caseID: "sccm-script-01")
        #expect(provider.callCount == 1)
        #expect(result.error?.cause == .server)
        #expect(result.response == nil)
        #expect(provider.received.first?.prompt == result.rendered)
    }

    @Test("unknown prompt, model or case is an input error")
    func unknownNames() async throws {
        let temp = try TemporaryWorkspace()
        let runner = trial(temp)
        await #expect(throws: InputError.self) { try await runner.run(prompt: "host-triage@v9", model: "recorded", caseID: "cert-decode-02") }
        await #expect(throws: InputError.self) { try await runner.run(prompt: "host-triage@v1", model: "gpt-9", caseID: "cert-decode-02") }
        await #expect(throws: InputError.self) { try await runner.run(prompt: "host-triage@v1", model: "recorded", caseID: "nope") }
    }
}
