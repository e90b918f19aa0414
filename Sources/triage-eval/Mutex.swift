import Foundation
import TriageEvalStore
import TriageEvalReports
import TriageEvalEngine
import TriageEval

/// A small lock-protected value, for state shared with `@Sendable` callbacks.
final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
