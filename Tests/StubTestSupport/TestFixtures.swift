public import Foundation

/// Files under `Tests/Fixtures`, found by walking up from this source file, for every test target.
public enum TestFixtures {
    public struct NotFound: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "fixture \(name) not found under any Tests/Fixtures above \(#filePath)" }
    }

    /// The absolute path of `Tests/Fixtures/<name>`.
    public static func path(_ name: String) throws -> String {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.pathComponents.count > 1 {
            let candidate = directory.appendingPathComponent("Tests/Fixtures/\(name)")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate.path }
            directory = directory.deletingLastPathComponent()
        }
        throw NotFound(name: name)
    }

    /// The bytes of `Tests/Fixtures/<name>`.
    public static func data(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(name)))
    }
}
