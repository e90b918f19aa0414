import Testing
import TriageEval

@Suite("Repeats")
struct RepeatsMetricsTests {
    @Test("majority verdict: most frequent, ties go to TP, SUSPICIOUS, FP, then null")
    func majority() {
        #expect(RepeatCase.majority(of: ["FP", "FP", "TP"]) == "FP")  // plain majority beats the TP preference
        #expect(RepeatCase.majority(of: ["SUSPICIOUS", "TP"]) == "TP")
        #expect(RepeatCase.majority(of: ["FP", "SUSPICIOUS"]) == "SUSPICIOUS")
        #expect(RepeatCase.majority(of: [nil, "FP"]) == "FP")
        #expect(RepeatCase.majority(of: [nil, nil, "TP"]) == nil)  // two failures outvote one TP
        #expect(RepeatCase.majority(of: ["FP", "TP", "SUSPICIOUS", nil]) == "TP")  // four-way tie
        // A verdict the prompt declared itself ranks after FP and before null; among themselves, by name.
        #expect(RepeatCase.majority(of: ["BENIGN", nil]) == "BENIGN")
        #expect(RepeatCase.majority(of: ["FP", "BENIGN"]) == "FP")
        #expect(RepeatCase.majority(of: ["ZZZ", "AAA"]) == "AAA")
        #expect(RepeatCase.majority(of: []) == nil)
    }

    @Test("per-case entries and flip rate")
    func flips() throws {
        let items = [
            // a: samples given out of order → sorted verdicts [TP, FP, FP], majority FP, flipped.
            scored("a", .tp, "FP", 0.8, sample: 2),
            scored("a", .tp, "TP", 0.9, alert: true, sample: 0),
            scored("a", .tp, "FP", 0.6, sample: 1),
            // b: [SUSPICIOUS, TP] tie → TP, flipped.
            scored("b", .fp, "SUSPICIOUS", 0.8, alert: true, sample: 0),
            scored("b", .fp, "TP", 0.9, alert: true, sample: 1),
            // c: [FP, SUSPICIOUS] tie → SUSPICIOUS, flipped.
            scored("c", .tp, "FP", 0.9, sample: 0),
            scored("c", .tp, "SUSPICIOUS", 0.9, alert: true, sample: 1),
            // d: [null, FP] tie → FP, flipped (a parse failure is a different answer).
            scored("d", .fp, nil, nil, status: .noMatch, sample: 0),
            scored("d", .fp, "FP", 0.9, sample: 1),
            // e: [TP, TP] not flipped, but the alert flips (0.9 alerts, 0.6 does not).
            scored("e", .tp, "TP", 0.9, alert: true, sample: 0),
            scored("e", .tp, "TP", 0.6, sample: 1),
            // f: [null, null] → majority null, not flipped.
            scored("f", .tp, nil, nil, status: .empty, sample: 0),
            scored("f", .tp, nil, nil, status: .refused, sample: 1),
        ]
        let repeats = try #require(RepeatsMetrics(items: items))
        // 4 of 6 cases flipped (a b c d): 4 / 6 = 0.6666666666666666.
        #expect(repeats.nCases == 6)
        #expect(repeats.flippedCases == 4)
        #expect(repeats.flipRate == 4.0 / 6.0)
        #expect(repeats.cases.map(\.caseID) == ["a", "b", "c", "d", "e", "f"])
        #expect(repeats.cases.map(\.majority) == ["FP", "TP", "SUSPICIOUS", "FP", "TP", nil])
        #expect(repeats.cases.map(\.flipped) == [true, true, true, true, false, false])
        #expect(repeats.cases.map(\.alertFlipped) == [true, false, true, false, true, false])
        let a = repeats.cases[0]
        #expect(a.samples == [0, 1, 2])
        #expect(a.verdicts == ["TP", "FP", "FP"])
        #expect(a.alerts == [true, false, false])
        #expect(a.label == .tp)
        #expect(repeats.cases[3].verdicts == [nil, "FP"])
    }

    @Test("no case with more than one sample: repeats are null")
    func single() {
        #expect(RepeatsMetrics(items: mixedGroup) == nil)
        #expect(RepeatsMetrics(items: []) == nil)
        #expect(GroupMetrics(items: mixedGroup, threshold: 0.7).repeats == nil)
    }

    @Test("a single repeated case is enough; single-sample cases still count in n_cases")
    func partial() throws {
        let items = [
            scored("x", .tp, "TP", 0.9, sample: 0),
            scored("x", .tp, "FP", 0.9, sample: 1),
            scored("y", .fp, "FP", 0.9, sample: 0),
        ]
        let repeats = try #require(RepeatsMetrics(items: items))
        // x flipped, y (one sample) cannot: 1 / 2.
        #expect(repeats.nCases == 2)
        #expect(repeats.flipRate == 0.5)
    }
}
