import Foundation
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

    /// The repository root (for the bundled cases and prompts).
    static var repository: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        return url
    }

    /// Runs the binary to completion, with `environment` added to this process's. Output goes through
    /// temporary files, not pipes: a pipe's write end inherited by a process another test starts in
    /// parallel (a long-lived `llm-stub`) would keep `readDataToEndOfFile` waiting.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL? = nil, environment: [String: String] = [:]) async throws -> Output {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("triage-eval-cli-io-\(UUID().uuidString)")
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
        // Wait without blocking a thread of the test pool (it has one per core): blocked waits starve
        // every other test's timers and deadlines.
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let stdout = try Data(contentsOf: outURL), stderr = try Data(contentsOf: errURL)
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A temporary project: the bundled prompts and cases, the heuristic model, its own store.
    static func workspace() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("triage-eval-cli-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        try manager.copyItem(at: repository.appendingPathComponent("prompts"), to: directory.appendingPathComponent("prompts"))
        try manager.createDirectory(at: directory.appendingPathComponent("cases"), withIntermediateDirectories: true)
        for name in try manager.contentsOfDirectory(atPath: repository.appendingPathComponent("cases").path) where name.hasSuffix(".yaml") {
            try manager.copyItem(at: repository.appendingPathComponent("cases/\(name)"), to: directory.appendingPathComponent("cases/\(name)"))
        }
        // The cases' documents_file:s.
        try manager.copyItem(at: repository.appendingPathComponent("cases/documents"), to: directory.appendingPathComponent("cases/documents"))
        try "models:\n  - id: heuristic\n    provider: heuristic\n".write(to: directory.appendingPathComponent("triage-eval.yaml"), atomically: true, encoding: .utf8)
        return directory
    }
}
