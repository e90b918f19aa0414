public import Foundation
internal import Synchronization

/// A child process whose exit a test awaits without blocking a thread.
///
/// `Process.waitUntilExit()` blocks its thread, and the test pool has one per core: two blocked waits stop
/// every other test. The exit is observed through `terminationHandler`, set before the process starts so
/// that it cannot be missed.
public final class ChildProcess: @unchecked Sendable {
    public let process: Process
    private let exit = ExitSignal()

    /// Wraps a configured, not yet started `process`.
    public init(_ process: Process) {
        self.process = process
        let exit = self.exit
        process.terminationHandler = { _ in exit.fire() }
    }

    /// Starts the process.
    public func run() throws {
        try process.run()
    }

    /// Waits until the process has exited; returns its status (exit code, or signal number).
    @discardableResult
    public func exited() async -> Int32 {
        await exit.wait()
        return process.terminationStatus
    }

    /// Waits at most `seconds` for the exit, then kills the process (SIGKILL) and waits for that.
    /// - Returns: true when the process had to be killed.
    public func killed(after seconds: Double) async -> Bool {
        let pid = process.processIdentifier
        let watchdog = Task {
            try await Task.sleep(for: .seconds(seconds))
            kill(pid, SIGKILL)
        }
        await exit.wait()
        watchdog.cancel()
        if case .success = await watchdog.result { return true }
        return false
    }
}

/// Fired once when the process exits; any number of waiters, before or after.
final class ExitSignal: Sendable {
    private let state = Mutex<(fired: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func fire() {
        let waiters = state.withLock { state in
            state.fired = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let fired = state.withLock { state in
                if !state.fired { state.waiters.append(continuation) }
                return state.fired
            }
            if fired { continuation.resume() }
        }
    }
}

extension ChildProcess {
    /// Wraps and starts a configured `process`.
    public static func started(_ process: Process) throws -> ChildProcess {
        let child = ChildProcess(process)
        try child.run()
        return child
    }
}
