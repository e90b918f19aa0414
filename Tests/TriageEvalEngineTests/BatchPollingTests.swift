import Testing
import TriageEvalEngine

/// Polling backs off, bounded.
@Suite struct BatchPollingTests {
    @Test func delaysDoubleFromTheFirstUpToTheMaximum() {
        let polling = BatchPolling(initial: 30, maximum: 600)
        #expect((0..<7).map(polling.delay(after:)) == [30, 60, 120, 240, 480, 600, 600])
        #expect(polling.delay(after: 10_000) == 600)
    }

    @Test func settingsAreKeptSane() {
        let polling = BatchPolling(initial: 5, maximum: 1, factor: 0.5, maxAttempts: 0)
        #expect(polling.maximum == 5 && polling.factor == 1 && polling.maxAttempts == 1)
        #expect(polling.delay(after: 3) == 5)
    }
}
