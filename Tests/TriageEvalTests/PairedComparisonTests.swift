import Testing
import TriageEval

@Suite("Paired comparison")
struct PairedComparisonTests {
    /// Base and candidate on cases c1…c12 (sample 0):
    ///
    /// | case | label | base alert | base right | cand. alert | cand. right | |
    /// |------|-------|-----------|-----------|------------|------------|---|
    /// | c1…c4 | TP | yes | ✓ | yes | ✓ | both right |
    /// | c5 | FP | no | ✓ | no | ✓ | both right |
    /// | c6 | TP | no | ✗ | no | ✗ | both wrong |
    /// | c7 | TP | yes | ✓ | no | ✗ | b |
    /// | c8, c9, c10, c11 | TP | no | ✗ | yes | ✓ | c |
    /// | c12 | FP | yes | ✗ | no | ✓ | c |
    ///
    /// b = 1, c = 5, n = 6: p = 2 · P(X ≤ 1 | Bin(6, ½)) = 2 · (1 + 6) / 64 = 0.21875.
    static let base: [ScoredItem] = [
        scored("c1", .tp, "TP", 0.9, alert: true), scored("c2", .tp, "TP", 0.9, alert: true),
        scored("c3", .tp, "TP", 0.9, alert: true), scored("c4", .tp, "TP", 0.9, alert: true),
        scored("c5", .fp, "FP", 0.9), scored("c6", .tp, "FP", 0.9), scored("c7", .tp, "TP", 0.9, alert: true),
        scored("c8", .tp, "FP", 0.8), scored("c9", .tp, "FP", 0.8), scored("c10", .tp, nil, nil, status: .noMatch),
        scored("c11", .tp, "TP", 0.6), scored("c12", .fp, "TP", 0.9, alert: true),
        scored("only-base", .tp, "TP", 0.9, alert: true),
        // a second sample never enters the paired statistics
        scored("c7", .tp, "FP", 0.9, alert: false, sample: 1),
    ]
    static let candidate: [ScoredItem] = [
        scored("c1", .tp, "TP", 0.9, alert: true), scored("c2", .tp, "TP", 0.9, alert: true),
        scored("c3", .tp, "TP", 0.9, alert: true), scored("c4", .tp, "TP", 0.9, alert: true),
        scored("c5", .fp, "FP", 0.9), scored("c6", .tp, "FP", 0.9), scored("c7", .tp, "TP", 0.5),
        scored("c8", .tp, "TP", 0.8, alert: true), scored("c9", .tp, "TP", 0.8, alert: true),
        scored("c10", .tp, "TP", 0.9, alert: true), scored("c11", .tp, "TP", 0.95, alert: true), scored("c12", .fp, "FP", 0.9),
        scored("only-candidate", .fp, "TP", 0.9, alert: true),
    ]

    @Test("Issue 15: sides read in case order (merged) pair as sides in any order (through dictionaries)")
    func caseOrderMergesLikeAnyOrder() {
        let sorted = { (items: [ScoredItem]) in items.sorted { ($0.caseID, $0.sample) < ($1.caseID, $1.sample) } }
        let merged = PairedComparison(base: sorted(Self.base), candidate: sorted(Self.candidate), seed: 1, resamples: 100)
        let looked = PairedComparison(base: Self.base, candidate: Self.candidate, seed: 1, resamples: 100)
        #expect(merged == looked)
        #expect(merged.paired == 12 && merged.b == 1 && merged.c == 5)
        #expect(merged.onlyInBase == ["only-base"] && merged.onlyInCandidate == ["only-candidate"])
        #expect(merged.flipped.map(\.caseID) == ["c10", "c11", "c12", "c7", "c8", "c9"])
    }

    @Test("McNemar counts and p-value match the hand computation")
    func mcnemar() {
        let comparison = PairedComparison(base: Self.base, candidate: Self.candidate, seed: 1, resamples: 100)
        #expect(comparison.paired == 12)
        #expect(comparison.b == 1)
        #expect(comparison.c == 5)
        #expect(comparison.pValue == 0.21875)
        #expect(!comparison.isSignificantRegression(at: 0.5))  // the candidate is better
        #expect(comparison.flipped.map(\.caseID) == ["c10", "c11", "c12", "c7", "c8", "c9"])
        #expect(comparison.flipped.filter { !$0.improved }.map(\.caseID) == ["c7"])
        #expect(comparison.onlyInBase == ["only-base"])
        #expect(comparison.onlyInCandidate == ["only-candidate"])
    }

    @Test("the paired deltas use paired cases only")
    func deltas() {
        let comparison = PairedComparison(base: Self.base, candidate: Self.candidate, seed: 1, resamples: 100)
        // 10 paired TP cases: base alerts on c1–c4, c7 (5); candidate on c1–c4, c8–c11 (8).
        #expect(close(comparison.bootstrap.deltaRecall, 8.0 / 10 - 5.0 / 10))
        // Base alerts 6 (5 TP), candidate 8 (8 TP).
        #expect(close(comparison.bootstrap.deltaPrecision, 1.0 - 5.0 / 6))
    }

    @Test("the bootstrap is reproducible with a seed and changes with another")
    func reproducible() {
        let first = PairedComparison(base: Self.base, candidate: Self.candidate, seed: 42, resamples: 500)
        let again = PairedComparison(base: Self.base, candidate: Self.candidate, seed: 42, resamples: 500)
        let other = PairedComparison(base: Self.base, candidate: Self.candidate, seed: 43, resamples: 500)
        #expect(first == again)
        #expect(first.bootstrap.deltaRecallCI95 != nil)
        #expect(first.bootstrap != other.bootstrap)
        let interval = first.bootstrap.deltaRecallCI95
        #expect((interval?.lower ?? 1) <= 0.3 && 0.3 <= (interval?.upper ?? -1))
    }

    @Test("a worse candidate is a significant regression below the level")
    func regression() {
        // Swap sides: now b = 5, c = 1.
        let comparison = PairedComparison(base: Self.candidate, candidate: Self.base, seed: 1, resamples: 0)
        #expect(comparison.b == 5 && comparison.c == 1)
        #expect(comparison.isSignificantRegression(at: 0.25))
        #expect(!comparison.isSignificantRegression(at: 0.2))
    }
}
