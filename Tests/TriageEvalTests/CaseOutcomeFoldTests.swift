import Testing
@testable import TriageEval

@Suite("Case outcomes: folding samples into cases")
struct CaseOutcomeFoldTests {
    static func item(_ caseID: String, _ sample: Int, alert: Bool, label: Label = .tp) -> ScoredItem {
        ScoredItem(caseID: caseID, scenario: "s", label: label, sample: sample, status: .ok, verdict: alert ? "TP" : "FP", confidence: alert ? 0.9 : 0.1, alert: alert)
    }

    @Test("Issue 15: items interleaved across cases fold as when each case's items are adjacent (slices of one array)")
    func interleavedItemsFoldLikeAdjacentOnes() {
        // Case a: samples 0 and 2 alert, 1 does not (2 of 3 right); case b: only sample 1 alerts (1 of 3 right).
        let interleaved = [
            Self.item("a", 2, alert: true), Self.item("b", 0, alert: false), Self.item("a", 0, alert: true),
            Self.item("b", 1, alert: true), Self.item("a", 1, alert: false), Self.item("b", 2, alert: false),
        ]
        let planned: [(caseID: String, label: Label, scenario: String)] = [("a", .tp, "s"), ("b", .tp, "s"), ("c", .tp, "s")]
        let folded = CaseOutcome.fold(interleaved, plannedCases: planned, samples: 3)

        #expect(folded.map(\.caseID) == ["a", "b", "c"])
        #expect(folded[0].answered.map(\.sample) == [0, 1, 2])
        #expect(folded[0].right == 2 && !folded[0].isMissedAttack)
        #expect(folded[1].answered.map(\.sample) == [0, 1, 2])
        #expect(folded[1].right == 1 && folded[1].isMissedAttack)
        #expect(folded[2].answered.isEmpty && folded[2].unanswered == 3 && folded[2].isMissedAttack)
        let adjacent = CaseOutcome.fold(
            interleaved.sorted { ($0.caseID, $0.sample) < ($1.caseID, $1.sample) }, plannedCases: planned, samples: 3
        )
        #expect(folded.map(\.samplesText) == adjacent.map(\.samplesText))
        #expect(folded.map(\.right) == adjacent.map(\.right))
    }
}

@Suite("Case outcomes read from a shared source")
struct CaseOutcomeSourceTests {
    /// Items read from somewhere else, counting the reads.
    final class Counted: ScoredItems.Source, @unchecked Sendable {
        let items: [ScoredItem]
        init(_ items: [ScoredItem]) { self.items = items }
        var count: Int { items.count }
        func item(at position: Int) -> ScoredItem { items[position] }
    }

    @Test("Issue 15: cases folded over a source are the cases folded over the same items held, and stay small")
    func foldOverASourceEqualsFoldOverAnArray() {
        // Sorted by case (as results are read): a (3 samples, the middle one out of order), b (1), c (2).
        let items = [
            CaseOutcomeFoldTests.item("a", 0, alert: true), CaseOutcomeFoldTests.item("a", 2, alert: false), CaseOutcomeFoldTests.item("a", 1, alert: true),
            CaseOutcomeFoldTests.item("b", 0, alert: false, label: .fp), CaseOutcomeFoldTests.item("c", 0, alert: true), CaseOutcomeFoldTests.item("c", 1, alert: true),
        ]
        let planned: [(caseID: String, label: Label, scenario: String)] = [("d", .fp, "s")]
        let viewed = CaseOutcome.fold(ScoredItems(Counted(items)), plannedCases: planned, samples: 3)
        let held = CaseOutcome.fold(items, plannedCases: planned, samples: 3)
        #expect(viewed == held)
        #expect(viewed.map(\.caseID) == ["a", "b", "c", "d"])
        #expect(viewed[0].answered.map(\.sample) == [0, 1, 2])
        #expect(viewed.map(\.answered.count) == [3, 1, 2, 0])
        #expect(viewed.map(\.right) == [2, 1, 2, 0])
        #expect(viewed[2].planned == 3 && viewed[2].unanswered == 1)
        // One case's line: its caseID and scenario, where its samples are, its planned count and label.
        #expect(MemoryLayout<CaseOutcome>.stride <= 64)
    }
}

@Suite("Case outcomes: planned cases without an answer")
struct CaseOutcomePlannedTests {
    @Test("Issue 15: each planned case without an answered sample is added once, its first entry kept, answered ones not again")
    func plannedCasesAddedOnceFirstEntryKept() {
        let answered = [CaseOutcomeFoldTests.item("b", 0, alert: true), CaseOutcomeFoldTests.item("d", 0, alert: false)]
        // e twice (the first says FP in scenario s1), b answered, a and c once; given out of case order.
        let planned: [(caseID: String, label: Label, scenario: String)] = [
            ("e", .fp, "s1"), ("c", .tp, "s"), ("b", .fp, "x"), ("e", .tp, "s2"), ("a", .tp, "s"),
        ]
        for items in [answered, answered.reversed()] {
            let folded = CaseOutcome.fold(items, plannedCases: planned, samples: 2)
            #expect(folded.map(\.caseID) == ["a", "b", "c", "d", "e"])
            #expect(folded.map(\.answered.count) == [0, 1, 0, 1, 0])
            // b keeps its answered sample's label, not the planned entry's; e its first entry's.
            #expect(folded[1].label == .tp && folded[1].scenario == "s")
            #expect(folded[4].label == .fp && folded[4].scenario == "s1")
            #expect(folded.map(\.planned) == [2, 2, 2, 2, 2])
        }
    }
}
