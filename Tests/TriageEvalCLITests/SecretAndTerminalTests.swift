import Foundation
import StubTestSupport
import Testing

/// Issue 11 C16/C17 end to end: keys a provider echoes never reach output, store, reports or logs, and
/// attacker-controlled text never reaches the terminal raw.
@Suite(.boundedResources) struct SecretAndTerminalTests {
    static let openAIKey = "sk-proj-T3stKey-9f8e7d6c5b4a"
    static let anthropicKey = "sk-ant-api03-Te5tKey-1a2b3c4d"

    /// Every file under `directory`, as bytes decoded leniently (SQLite pages included).
    func contents(of directory: URL) throws -> [(String, String)] {
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.compactMap { url in
            guard let data = try? Data(contentsOf: url) else { return nil }
            return (url.lastPathComponent, String(decoding: data, as: UTF8.self))
        }
    }

    @Test func echoedKeysNeverReachOutputStoreReportsOrLogs() async throws {
        let directory = try CLI.workspace()
        let stub = try await StubServer(["--echo-auth"])
        // openai names its variable; anthropic relies on its default ANTHROPIC_API_KEY.
        try """
            models:
              - id: gpt
                provider: openai
                model: gpt-4o-mini
                base_url: \(stub.baseURL)/v1
                api_key_env: TRIAGE_EVAL_TEST_OPENAI_KEY
                max_retries: 0
                circuit_breaker: 0
                concurrency: 1
              - id: claude
                provider: anthropic
                model: claude-3-5-haiku
                base_url: \(stub.baseURL)
                max_retries: 0
                circuit_breaker: 0
                concurrency: 1

            """.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        let environment = ["TRIAGE_EVAL_TEST_OPENAI_KEY": Self.openAIKey, "ANTHROPIC_API_KEY": Self.anthropicKey]
        func expectNoKey(_ text: String, _ place: String) {
            #expect(!text.contains(Self.openAIKey), "the OpenAI key is in \(place)")
            #expect(!text.contains(Self.anthropicKey), "the Anthropic key is in \(place)")
        }

        let run = try await CLI.run(["run", "--prompt", "host-triage@v2", "--scenario", "LSASS", "--verbose"], in: directory, environment: environment)
        #expect(run.status == 3, "\(run.stderr)")
        #expect(run.stderr.contains("Incorrect API key provided: [REDACTED]"), "the verbose log shows the redacted error")
        expectNoKey(run.stdout + run.stderr, "run's output or --verbose log")

        let tried = try await CLI.run(["try", "--prompt", "host-triage@v2", "--model", "claude", "--case", "lsass-comsvcs-minidump-01", "--verbose"],
                                      in: directory, environment: environment)
        #expect(tried.status == 3)
        #expect(tried.stdout.contains("[REDACTED]"))
        expectNoKey(tried.stdout + tried.stderr, "try's output")

        let report = try await CLI.run(["report", "--format", "md,json,html,junit", "--out", "every-report"], in: directory, environment: environment)
        #expect(report.status == 0, "\(report.stderr)")
        let exported = try await CLI.run(["results", "export", "--format", "jsonl"], in: directory, environment: environment)
        #expect(exported.stdout.contains("[REDACTED]"), "the stored errors are there, redacted")
        expectNoKey(exported.stdout, "the stored results")

        let files = try contents(of: directory)
        #expect(files.contains { $0.0 == "store.sqlite" })
        #expect(files.contains { $0.0.hasSuffix(".html") && $0.1.contains("Incorrect API key provided: [REDACTED]") })
        for (name, text) in files { expectNoKey(text, name) }
    }

    /// A case whose fields carry terminal escapes: clear screen, OSC title, a C1 CSI, a bidi override.
    static let hostileCase = #"""
        - id: hostile-01
          label: TP
          scenario: "Evil\e]0;pwned\a"
          tags: [injection]
          entity: {type: host, name: "WS-\u202Etxt.exe"}
          alert_count: 3
          time_window_minutes: 5
          max_risk_score: 73
          rules: [Suspicious Command Line]
          command_lines: ["\e[2J\e[Hfake: ALL TESTS PASSED\x9B31m"]
          notes: "hostile"

        """#

    static func expectInert(_ text: String, _ place: String) {
        for scalar: Unicode.Scalar in ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}", "\r"] {
            #expect(!text.unicodeScalars.contains(scalar), "\(place) carries U+\(String(scalar.value, radix: 16)) raw")
        }
    }

    @Test func hostileCaseFieldsAnswersAndErrorsReachTheTerminalEscaped() async throws {
        let directory = try CLI.workspace()
        try Self.hostileCase.write(to: directory.appendingPathComponent("cases/zz-hostile.yaml"), atomically: true, encoding: .utf8)
        let answering = try await StubServer(["--answer", "text:\u{1B}[2J\u{1B}]8;;http://evil\u{07}fake: ALL TESTS PASSED\u{202E} verdict=TP confidence=0.9 summary=x"])
        let body = directory.appendingPathComponent("error.json")
        try #"{"error": {"message": "\u001b[2J\u001b[Hfake: ALL TESTS PASSED", "type": "server_error", "param": null, "code": null}}"#
            .write(to: body, atomically: true, encoding: .utf8)
        let failing = try await StubServer(["--reply-status", "400", "--reply-body", body.path])
        try """
            models:
              - id: answering
                provider: openai
                model: m
                base_url: \(answering.baseURL)/v1
              - id: failing
                provider: openai
                model: m
                base_url: \(failing.baseURL)/v1

            """.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)

        let tried = try await CLI.run(["try", "--prompt", "host-triage@v2", "--model", "answering", "--case", "hostile-01"], in: directory)
        #expect(tried.status == 0, "\(tried.stderr)")
        Self.expectInert(tried.stdout + tried.stderr, "try")
        #expect(tried.stdout.contains(#"\u{1B}[2J\u{1B}]8;;http://evil\u{07}fake: ALL TESTS PASSED\u{202E}"#))
        #expect(tried.stdout.contains("\n── raw answer"), "newlines are kept")
        #expect(tried.stdout.contains("shown escaped as \\u{…}"), "try says what it escaped")

        let failed = try await CLI.run(["try", "--prompt", "host-triage@v2", "--model", "failing", "--case", "hostile-01"], in: directory)
        #expect(failed.status == 3)
        Self.expectInert(failed.stdout + failed.stderr, "a provider error")
        #expect(failed.stdout.contains(#"\u{1B}[2J\u{1B}[Hfake"#))

        let rendered = try await CLI.run(["render", "--prompt", "host-triage@v2", "--case", "hostile-01"], in: directory)
        #expect(rendered.status == 0, "\(rendered.stderr)")
        Self.expectInert(rendered.stdout, "render")
        #expect(rendered.stdout.contains(#"\u{1B}[2J\u{1B}[Hfake: ALL TESTS PASSED\u{9B}31m"#))
        #expect(rendered.stderr.contains("shown escaped"), "render says its output is not byte-exact")

        #expect(try await CLI.run(["cases", "import"], in: directory).status == 0)
        let listed = try await CLI.run(["cases", "list"], in: directory)
        Self.expectInert(listed.stdout, "cases list")
        #expect(listed.stdout.contains(#"Evil\u{1B}]0;pwned\u{07}"#))

        let unknown = try await CLI.run(["render", "--prompt", "host-triage@v2", "--case", "nope\u{1B}[2J\u{202E}"], in: directory)
        #expect(unknown.status == 2)
        Self.expectInert(unknown.stderr, "an error message")
        #expect(unknown.stderr.contains(#"nope\u{1B}[2J\u{202E}"#))
    }
}
