public import Testing

/// A suite or test trait: at most ``width`` of its test cases run at once, across every suite that has it.
///
/// Swift Testing starts every test at once. Tests that start processes (`llm-stub`, `triage-eval`) or open
/// stores each hold file descriptors while they wait, and a few hundred of them together pass 1,024: the
/// default soft limit, and the most Foundation's `Process` can watch (it waits for its children with
/// `select`), so past it children are never seen to exit and the suite hangs. Each test case takes one slot
/// for its whole run and never a second, so slots cannot deadlock. The paths it made with ``Scratch`` are removed
/// when it ends.
public struct BoundedResources: SuiteTrait, TestTrait, TestScoping {
    /// Test cases with this trait running at once.
    public static let width = 8

    static let slots = SlotPool(width)

    public var isRecursive: Bool { true }

    public func scopeProvider(for test: Test, testCase: Test.Case?) -> BoundedResources? {
        testCase == nil ? nil : self
    }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        await Self.slots.acquire()
        do {
            try await Scratch.scoped(function)
        } catch {
            await Self.slots.release()
            throw error
        }
        await Self.slots.release()
    }
}

extension Trait where Self == BoundedResources {
    /// At most ``BoundedResources/width`` test cases with this trait run at once.
    public static var boundedResources: Self { BoundedResources() }
}

/// A counting semaphore for tasks: `acquire` waits, in order, while `limit` holders are in.
actor SlotPool {
    private let limit: Int
    private var holders = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ limit: Int) {
        self.limit = limit
    }

    func acquire() async {
        guard holders == limit else {
            holders += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the first waiter, if any.
    func release() {
        if waiting.isEmpty {
            holders -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
