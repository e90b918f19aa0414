internal import Foundation
internal import Synchronization
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Turns SIGINT (Ctrl-C) and SIGTERM into a graceful stop while a run executes: the first one calls `stop`
/// (the run stops sending, stores what was answered and is marked `interrupted`); a second one ends the process
/// at once. Handlers are restored to the default on ``uninstall()``.
final class StopSignals: Sendable {
    static let handled: [Int32] = [SIGINT, SIGTERM]

    private struct State: @unchecked Sendable {
        // DispatchSource objects are thread-safe; they are only created, resumed and cancelled under the lock.
        var sources: [any DispatchSourceSignal] = []
        var received: Int32?
    }

    private let state = Mutex(State())

    /// The first signal received, if any.
    var received: Int32? { state.withLock { $0.received } }

    /// Starts handling both signals; `stop` runs once, on the first.
    init(stop: @escaping @Sendable () -> Void) {
        let sources = Self.handled.map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            return source
        }
        for (number, source) in zip(Self.handled, sources) {
            source.setEventHandler { [weak self] in
                guard let self else { return }
                let first = self.state.withLock { state -> Bool in
                    guard state.received == nil else { return false }
                    state.received = number
                    return true
                }
                if first {
                    stop()
                } else {
                    // Asked twice: stop now, without waiting for calls in flight.
                    Foundation.exit(128 + number)
                }
            }
            source.resume()
        }
        state.withLock { $0.sources = sources }
    }

    /// Restores the default handling of both signals.
    func uninstall() {
        let sources = state.withLock { state -> [any DispatchSourceSignal] in
            defer { state.sources = [] }
            return state.sources
        }
        for source in sources { source.cancel() }
        for number in Self.handled { signal(number, SIG_DFL) }
    }
}
