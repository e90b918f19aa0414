public import Foundation

/// A running `llm-stub` process on 127.0.0.1, started by a test and stopped when released.
public final class StubServer: @unchecked Sendable {
    public let port: Int
    let process: Process

    /// The stub binary built next to the test bundle.
    public static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("llm-stub")
    }

    /// Starts the stub with extra arguments (e.g. `["--answer", "text:verdict=TP ..."]`) on a free port.
    ///
    /// Its standard output goes to a temporary file that is polled for the `listening on` line: a pipe
    /// would be inherited by processes other tests start in parallel and could block their reads.
    public init(_ arguments: [String] = []) async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("llm-stub-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--port", "0"] + arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var port: Int?
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while port == nil, Date() < deadline {
            let running = process.isRunning
            text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on 127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if text[range.upperBound...].dropFirst(digits.count).first == "\n" { port = Int(digits) }
            }
            if port == nil {
                guard running else { break }
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        guard let port else {
            if process.isRunning { process.terminate() }
            throw StubError.didNotStart(text)
        }
        self.port = port
        self.process = process
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops the stub (SIGTERM) without waiting: a blocked wait would hold one of the test pool's few threads.
    deinit {
        process.terminate()
    }

    public enum StubError: Error {
        case didNotStart(String)
    }
}
