import Foundation
import StubTestSupport
import Testing

/// Runs the `triage-eval` binary built next to the test bundle.
struct CLI {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("triage-eval")
    }

    /// `Tests/Fixtures/<name>`: the tests' own files, never the repository's working `cases/`, `prompts/` or `rules/`.
    static func fixture(_ name: String) throws -> URL {
        URL(fileURLWithPath: try TestFixtures.path(name))
    }

    /// Runs the binary to completion, with `environment` added to this process's. Output goes through
    /// temporary files, not pipes: a pipe's write end inherited by a process another test starts in
    /// parallel (a long-lived `llm-stub`) would keep `readDataToEndOfFile` waiting.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil, environment: [String: String] = [:]) async throws -> Output {
        let scratch = Scratch.url("triage-eval-cli-io")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let inURL = scratch.appendingPathComponent("stdin"), outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        try Data((stdin ?? "").utf8).write(to: inURL)
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let input = try FileHandle(forReadingFrom: inURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? input.close(); try? out.close(); try? err.close() }

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        // Waits without blocking a thread of the test pool (it has one per core); a run that hangs is killed
        // and fails its test instead of holding the suite.
        let child = ChildProcess(process)
        try child.run()
        let killed = await child.killed(after: patience)
        let stdout = try Data(contentsOf: outURL), stderr = try Data(contentsOf: errURL)
        if killed { Issue.record("`triage-eval \(arguments.joined(separator: " "))` was killed after \(Int(patience)) s") }
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// How long one command may run before the test kills it: far longer than any test's command takes.
    static let patience = 600.0

    /// A temporary copy of `Tests/Fixtures/workspace`: frozen copies of the bundled prompts and cases, the
    /// heuristic model, its own store.
    static func workspace() throws -> URL {
        let directory = Scratch.url("triage-eval-cli")
        try FileManager.default.copyItem(at: try fixture("workspace"), to: directory)
        return directory
    }

    /// ``workspace()`` with one OpenAI-compatible model on `stub`: two requests in flight, no retries.
    static func workspace(stub: StubServer) throws -> URL {
        let directory = try workspace()
        let config = """
            models:
              - id: stub
                provider: openai
                model: stub-model
                base_url: \(stub.baseURL)/v1
                concurrency: 2
                max_retries: 0

            """
        try config.write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        return directory
    }
}
