internal import Dispatch
internal import Synchronization
internal import TriageEvalProviders

/// The engine's per-request timeout: a backstop behind the provider's own, so a stalled or
/// trickling connection cannot hold a concurrency slot longer than `timeout_s`.
///
/// The call races a dispatch timer as an unstructured task: the caller gets its answer at the deadline
/// even when the operation does not honour cancellation (it is cancelled, and abandoned). The timer is a
/// cancellable `DispatchSourceTimer`, cancelled as soon as the race is decided: a `Task.sleep` timer would
/// stay queued in Dispatch (with its task) until it fired, `timeout_s` later, however early it was cancelled —
/// at 1,500 calls/s and 60 s, some 90,000 of them held at once (the live run's memory growth per call).
enum Deadline {
    /// Runs `operation`, cancelling it and throwing a retryable `timeout` error after `seconds`.
    /// - Parameter released: called once Dispatch has let go of the timer (for tests).
    static func run<T: Sendable>(
        seconds: Double, released: (@Sendable () -> Void)? = nil, _ operation: @escaping @Sendable () async throws(ProviderError) -> T
    ) async throws(ProviderError) -> T {
        let race = DeadlineRace<T>()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                race.wait(continuation)
                let timer = DeadlineTimer(seconds: seconds, released: released) {
                    // Decided on the concurrency runtime's threads, like the operation: when they are all busy, an
                    // operation that has answered is not overtaken by a timer that Dispatch fires on its own thread.
                    Task { race.finish(.failure(ProviderError(.timeout, "no answer within \(seconds.formatted)s (timeout_s)", retryable: true))) }
                }
                let work = Task {
                    do throws(ProviderError) {
                        race.finish(.success(try await operation()))
                    } catch {
                        race.finish(.failure(error))
                    }
                }
                race.track(work, timer)
            }
        } onCancel: {
            race.finish(.failure(ProviderError(.transport, "cancelled")))
        }
        return try result.get()
    }

}

/// One armed `DispatchSourceTimer` (thread-safe, though Dispatch does not mark it `Sendable`): fires `fire` once
/// after `seconds` unless cancelled first; Dispatch lets go of it, and of its handlers, once cancelled.
final class DeadlineTimer: @unchecked Sendable {
    /// Where deadline timers fire (their handlers only resume a continuation and cancel).
    private static let queue = DispatchQueue(label: "triage-eval.deadline")
    private let source: any DispatchSourceTimer

    /// - Parameter released: called once Dispatch has let go of the timer (after ``cancel()``).
    init(seconds: Double, released: (@Sendable () -> Void)?, fire: @escaping @Sendable () -> Void) {
        source = DispatchSource.makeTimerSource(queue: Self.queue)
        source.setEventHandler(handler: fire)
        if let released { source.setCancelHandler(handler: released) }
        source.schedule(deadline: .now() + .nanoseconds(Int(max(0, min(seconds, 1e9)) * 1e9)), leeway: .milliseconds(10))
        source.activate()
    }

    func cancel() {
        source.cancel()
    }
}

/// The first of operation, timer and cancellation to finish resumes the caller; the others are cancelled.
final class DeadlineRace<T: Sendable>: Sendable {
    struct State {
        var continuation: CheckedContinuation<Result<T, ProviderError>, Never>?
        var result: Result<T, ProviderError>?
        var work: Task<Void, Never>?
        var timer: DeadlineTimer?
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

    func track(_ work: Task<Void, Never>, _ timer: DeadlineTimer) {
        let cancelNow = state.withLock { state -> Bool in
            state.work = work
            state.timer = timer
            return state.finished
        }
        if cancelNow {
            work.cancel()
            timer.cancel()
        }
    }

    func finish(_ result: Result<T, ProviderError>) {
        let (continuation, work, timer) = state.withLock { state -> (CheckedContinuation<Result<T, ProviderError>, Never>?, Task<Void, Never>?, DeadlineTimer?) in
            guard !state.finished else { return (nil, nil, nil) }
            state.finished = true
            let taken = (state.work, state.timer)
            (state.work, state.timer) = (nil, nil)
            guard let continuation = state.continuation else {
                state.result = result
                return (nil, taken.0, taken.1)
            }
            state.continuation = nil
            return (continuation, taken.0, taken.1)
        }
        continuation?.resume(returning: result)
        work?.cancel()
        timer?.cancel()
    }
}

extension Double {
    /// The number without a trailing `.0` (`60`, `0.5`).
    var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
