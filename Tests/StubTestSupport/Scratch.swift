public import Foundation
internal import Synchronization

/// Temporary paths a test case makes, removed when it ends.
///
/// Workspaces, stores and CLI outputs add up to hundreds of megabytes per suite run; left behind, repeated runs
/// fill the disk. ``BoundedResources`` scopes each test case with a fresh registry; outside one, paths are
/// left for the system's temporary-file cleanup.
public enum Scratch {
    @TaskLocal static var current: Registry?

    /// A fresh path `<temporary directory>/<prefix>-<UUID>` (not created), removed when the current test case ends.
    public static func url(_ prefix: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        current?.add(url)
        return url
    }

    /// Runs `body` with its own registry, then removes every path made in it.
    static func scoped(_ body: () async throws -> Void) async rethrows {
        let registry = Registry()
        defer { registry.removeAll() }
        try await $current.withValue(registry) { try await body() }
    }

    final class Registry: Sendable {
        private let urls = Mutex<[URL]>([])

        func add(_ url: URL) {
            urls.withLock { $0.append(url) }
        }

        func removeAll() {
            for url in urls.withLock({ $0 }) { try? FileManager.default.removeItem(at: url) }
        }
    }
}
