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
    public init(_ arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        var port: Int?
        let handle = output.fileHandleForReading
        while port == nil {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            let text = String(decoding: buffer, as: UTF8.self)
            if let range = text.range(of: "listening on 127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                port = Int(digits)
            }
        }
        guard let port else {
            process.terminate()
            throw StubError.didNotStart(String(decoding: buffer, as: UTF8.self))
        }
        self.port = port
        self.process = process
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    public enum StubError: Error {
        case didNotStart(String)
    }
}
