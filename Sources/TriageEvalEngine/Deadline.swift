internal import Synchronization
internal import TriageEvalProviders

/// The engine's per-request timeout: a backstop behind the provider's own, so a stalled or
/// trickling connection cannot hold a concurrency slot longer than `timeout_s`.
///
/// The call and the timer race as unstructured tasks: the caller gets its answer at the deadline
/// even when the operation does not honour cancellation (it is cancelled, and abandoned).
enum Deadline {
    /// Runs `operation`, cancelling it and throwing a retryable `timeout` error after `seconds`.
    static func run<T: Sendable>(
        seconds: Double, _ operation: @escaping @Sendable () async throws(ProviderError) -> T
    ) async throws(ProviderError) -> T {
        let race = DeadlineRace<T>()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                race.wait(continuation)
                let work = Task {
                    do throws(ProviderError) {
                        race.finish(.success(try await operation()))
                    } catch {
                        race.finish(.failure(error))
                    }
                }
                let timer = Task {
                    guard (try? await Task.sleep(for: .seconds(seconds))) != nil else { return }
                    race.finish(.failure(ProviderError(.timeout, "no answer within \(seconds.formatted)s (timeout_s)", retryable: true)))
                }
                race.track(work, timer)
            }
        } onCancel: {
            race.finish(.failure(ProviderError(.transport, "cancelled")))
        }
        return try result.get()
    }
}

/// The first of operation, timer and cancellation to finish resumes the caller; the others are cancelled.
final class DeadlineRace<T: Sendable>: Sendable {
    struct State {
        var continuation: CheckedContinuation<Result<T, ProviderError>, Never>?
        var result: Result<T, ProviderError>?
        var tasks: [Task<Void, Never>] = []
        var finished = false
    }

    private let state = Mutex(State())

    func wait(_ continuation: CheckedContinuation<Result<T, ProviderError>, Never>) {
        let ready = state.withLock { state -> Result<T, ProviderError>? in
            if let result = state.result { return result }
            state.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(returning: ready) }
    }

    func track(_ tasks: Task<Void, Never>...) {
        let cancelNow = state.withLock { state -> Bool in
            state.tasks = tasks
            return state.finished
        }
        if cancelNow { tasks.forEach { $0.cancel() } }
    }

    func finish(_ result: Result<T, ProviderError>) {
        let (continuation, tasks) = state.withLock { state -> (CheckedContinuation<Result<T, ProviderError>, Never>?, [Task<Void, Never>]) in
            guard !state.finished else { return (nil, []) }
            state.finished = true
            guard let continuation = state.continuation else {
                state.result = result
                return (nil, state.tasks)
            }
            state.continuation = nil
            return (continuation, state.tasks)
        }
        continuation?.resume(returning: result)
        tasks.forEach { $0.cancel() }
    }
}

extension Double {
    /// The number without a trailing `.0` (`60`, `0.5`).
    var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
