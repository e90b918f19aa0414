public import TriageEval
internal import Foundation
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Who executes a run: one process at a time holds its lease, stored in the run row (`lease_holder`
/// "pid@host", `lease_heartbeat`), and renews it every ``heartbeatInterval``. A lease whose heartbeat is older
/// than ``staleAfter``, or whose holder process on this host is gone, is stale: the run reads as
/// `interrupted` and the next `--resume` takes it over.
public enum RunLease {
    public static let heartbeatInterval = 5.0
    public static let staleAfter = 30.0

    /// This process: "pid@host".
    public static let current = "\(getpid())@\(ProcessInfo.processInfo.hostName)"

    /// Whether a lease held by `holder`, last renewed at `heartbeat`, no longer protects its run.
    static func isStale(holder: String, heartbeat: Date?, now: Date = Date()) -> Bool {
        guard let heartbeat, now.timeIntervalSince(heartbeat) < staleAfter else { return true }
        let parts = holder.split(separator: "@", maxSplits: 1)
        guard parts.count == 2, let pid = Int32(parts[0]), String(parts[1]) == ProcessInfo.processInfo.hostName else { return false }
        // On this host the holder's death is known at once: kill(pid, 0) fails with ESRCH.
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// A run row's status as a reader should see it: `running` with a stale (or no) lease is `interrupted`.
    static func status(of record: RunRecord) -> RunInfo.Status {
        let status = RunInfo.Status(rawValue: record.status) ?? .incomplete
        guard status == .running else { return status }
        guard let holder = record.leaseHolder else { return .interrupted }
        return isStale(holder: holder, heartbeat: record.leaseHeartbeat) ? .interrupted : .running
    }
}

/// Another live process is executing the run: exit 2, nothing changed.
public struct RunLeaseHeld: ClassifiedError, Sendable {
    public var runID: Int64
    public var holder: String
    public var secondsSinceHeartbeat: Double

    public var description: String {
        String(
            format: "run %lld is being executed by process %@ (last heartbeat %.0fs ago); wait for it to finish or stop it — a run whose process died is taken over after %.0fs",
            runID, holder, secondsSinceHeartbeat, RunLease.staleAfter
        )
    }

    public var exitStatus: ExitStatus { .usage }
}
