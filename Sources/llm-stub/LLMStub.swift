import ArgumentParser
import CommandSupport
internal import Foundation
internal import Hummingbird
internal import Logging

/// `llm-stub`: a local model server for tests, benchmarks and CI dry-runs.
@main
struct LLMStub: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llm-stub",
        abstract: "A local OpenAI- (Chat and Responses), Anthropic-, Bedrock-, Gemini-, Ollama- and Elastic-compatible model server.",
        discussion: """
            Binds 127.0.0.1 only and prints `listening on 127.0.0.1:<port>` when ready. \
            GET /stats and GET /requests show what it received; POST /reset clears both.
            """
    )

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int

    @Option(name: .customLong("latency-ms"), help: "Delay before every answer, in milliseconds.")
    var latencyMilliseconds = 0

    @Option(name: .customLong("fault-rate"), help: "Probability (0–1) that a model request gets a fault.")
    var faultRate = 0.0

    @Option(help: "Faults to choose from: 429,500,503,529,timeout,drop,garbage,empty (default: all).")
    var faults: String?

    @Option(help: "What to answer: heuristic, echo (what the stub read: system and user parts, as JSON), text:STRING or replay:FILE (JSONL case_id/sample/response).")
    var answer = "heuristic"

    @Option(help: "Seed of the fault sequence.")
    var seed: UInt64 = 1

    @Option(name: .customLong("retry-after"), help: "retry-after value sent on every other injected 429, in seconds.")
    var retryAfter = "1"

    @Option(name: .customLong("timeout-ms"), help: "How long a timeout fault waits before answering, in milliseconds.")
    var timeoutMilliseconds = 30_000

    @Option(name: .customLong("reply-status"), help: "Answer every model request with this status (needs --reply-body).")
    var replyStatus: Int?

    @Option(name: .customLong("reply-body"), help: "File whose bytes are the body of every --reply-status answer.")
    var replyBody: String?

    @Option(name: .customLong("reply-header"), help: "'name: value' header added to every --reply-status answer (repeatable).")
    var replyHeaders: [String] = []

    @Flag(name: .customLong("echo-auth"), help: "Answer every model request 401 in its provider's error format, echoing the credentials it carried (keys, tokens, Basic user:password), as some APIs do.")
    var echoAuth = false

    @Option(name: .customLong("hold-after"), help: "Answer the first N model requests, then hold later ones unanswered until POST /release.")
    var holdAfter: Int?

    @Flag(name: .customLong("require-schema"), help: "Answer 400 to every model request that carries no JSON schema in its provider's structured-output shape.")
    var requireSchema = false

    @Option(name: .customLong("batch-delay-ms"), help: "Batch APIs: a batch ends this long after it was created (0: at once).")
    var batchDelayMilliseconds = 0

    @Option(name: .customLong("batch-expire"), help: "Batch APIs: the first N batches expire with half their requests unanswered (Gemini: all).")
    var batchExpire = 0

    @Option(name: .customLong("batch-error-every"), help: "Batch APIs: every N-th request of a batch gets a server error (0: none).")
    var batchErrorEvery = 0

    @Option(name: .customLong("batch-invalid-every"), help: "Batch APIs: every N-th request of a batch gets an invalid-request error (0: none).")
    var batchInvalidEvery = 0

    static func main() async { await runAndExit() }

    func run() async throws {
        let stubConfiguration = try makeConfiguration()
        var logger = Logger(label: "llm-stub")
        logger.logLevel = .warning
        let app = Application(
            responder: StubResponder(configuration: stubConfiguration),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port), serverName: nil),
            onServerRunning: { channel in
                let actualPort = channel.localAddress?.port ?? port
                FileHandle.standardOutput.write(Data("listening on 127.0.0.1:\(actualPort)\n".utf8))
            },
            logger: logger
        )
        try await app.run()
    }

    /// Validates the options into a ``StubConfiguration``.
    func makeConfiguration() throws(UsageError) -> StubConfiguration {
        guard (0...65535).contains(port) else { throw UsageError("--port: \(port) is not a port number") }
        guard latencyMilliseconds >= 0 else { throw UsageError("--latency-ms: must be ≥ 0") }
        guard timeoutMilliseconds >= 0 else { throw UsageError("--timeout-ms: must be ≥ 0") }
        guard (0...1).contains(faultRate) else { throw UsageError("--fault-rate: must be between 0 and 1") }
        guard !retryAfter.isEmpty, !retryAfter.contains(where: \.isNewline) else {
            throw UsageError("--retry-after: needs a value such as 1 or 2.5")
        }
        var configuration = StubConfiguration()
        configuration.answers = try AnswerSource.parse(answer)
        configuration.latencyMilliseconds = latencyMilliseconds
        configuration.faultRate = faultRate
        if let faults { configuration.faults = try Fault.parseList(faults) }
        configuration.seed = seed
        configuration.retryAfter = retryAfter
        configuration.timeoutMilliseconds = timeoutMilliseconds
        if echoAuth && replyStatus != nil { throw UsageError("--echo-auth and --reply-status exclude each other") }
        configuration.echoAuth = echoAuth
        configuration.requireSchema = requireSchema
        if let holdAfter, holdAfter < 0 { throw UsageError("--hold-after: must be ≥ 0") }
        configuration.holdAfter = holdAfter
        guard batchDelayMilliseconds >= 0, batchExpire >= 0, batchErrorEvery >= 0, batchInvalidEvery >= 0 else {
            throw UsageError("--batch-delay-ms, --batch-expire, --batch-error-every and --batch-invalid-every must be ≥ 0")
        }
        configuration.batch = StubBatchSettings(
            delayMilliseconds: batchDelayMilliseconds, expireFirst: batchExpire, errorEvery: batchErrorEvery, invalidEvery: batchInvalidEvery
        )
        switch (replyStatus, replyBody) {
        case (let status?, let body?):
            configuration.fixedReply = try FixedReply(status: status, bodyFile: body, headers: replyHeaders)
        case (nil, nil):
            guard replyHeaders.isEmpty else { throw UsageError("--reply-header: needs --reply-status and --reply-body") }
        default:
            throw UsageError("--reply-status and --reply-body go together")
        }
        return configuration
    }
}
