internal import Foundation
#if canImport(FoundationNetworking)
internal import FoundationNetworking
#endif

extension URLSession {
    /// `data(for:)` whose cancellation never blocks the cancelling thread.
    ///
    /// On Linux, cancelling a task suspended in `URLSession.data(for:)` calls `URLSessionTask.cancel()`
    /// synchronously while the Swift runtime holds the task's status lock; `cancel()` waits for the
    /// session's queue, and that queue may at the same moment be resuming the task's continuation, which
    /// needs the same lock — a deadlock seen when the engine's deadline cancelled a slow request. Here the
    /// cancellation handler only schedules `cancel()` on another queue.
    func cancellableData(for request: URLRequest) async throws -> (Data, URLResponse) {
        let handle = CancellableTaskHandle()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                handle.attach(task)
                task.resume()
            }
        } onCancel: {
            handle.cancel()
        }
    }
}

/// The URLSession task of one request, cancelled asynchronously whether cancellation comes before or
/// after the task exists.
private final class CancellableTaskHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionTask?
    private var cancelled = false

    func attach(_ task: URLSessionTask) {
        lock.lock()
        self.task = task
        let cancelNow = cancelled
        lock.unlock()
        if cancelNow { Self.cancelLater(task) }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let current = task
        lock.unlock()
        if let current { Self.cancelLater(current) }
    }

    private static func cancelLater(_ task: URLSessionTask) {
        DispatchQueue.global().async { task.cancel() }
    }
}
