internal import Foundation

/// A small lock-protected value shared between concurrent tasks, for state read on every item
/// where an actor hop would cost more than the work (circuit breaker, cost budget).
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
