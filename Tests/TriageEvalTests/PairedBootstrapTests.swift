import Testing
import TriageEval

@Suite("SplitMix64 and the paired bootstrap")
struct PairedBootstrapTests {
    @Test("SplitMix64 matches the reference sequence")
    func splitMix() {
        // Reference outputs (Vigna's splitmix64.c; recomputed in Python).
        var zero = SplitMix64(seed: 0)
        #expect([zero.next(), zero.next(), zero.next()] == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var generator = SplitMix64(seed: 1_234_567)
        #expect((0 ..< 5).map { _ in generator.next() } == [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ])
    }

    @Test("bounded indices follow Lemire's method")
    func indices() {
        // Python: (next() · bound) >> 64 with rejection of low words below 2⁶⁴ mod bound.
        var ten = SplitMix64(seed: 42)
        #expect((0 ..< 10).map { _ in ten.index(below: 10) } == [7, 1, 2, 3, 0, 8, 2, 8, 3, 6])
        var three = SplitMix64(seed: 42)
        #expect((0 ..< 10).map { _ in three.index(below: 3) } == [2, 0, 0, 1, 0, 2, 0, 2, 1, 1])
        var one = SplitMix64(seed: 42)
        #expect(one.index(below: 1) == 0)
        #expect(one.index(below: 0) == 0)
    }

    /// 12 cases: (label, base alert, candidate alert).
    /// Positives 6; base tp 3 (recall 0.5), candidate tp 4 (recall 2/3) → Δrecall = 1/6.
    /// Base alerts 6 with 3 tp (precision 0.5), candidate alerts 6 with 4 tp (2/3) → Δprecision ≈ 1/6.
    private let outcomes: [PairedOutcome] = [
        (Label.tp, true, true), (.tp, false, true), (.tp, false, true), (.tp, true, false),
        (.tp, true, true), (.tp, false, false), (.fp, true, false), (.fp, false, true),
        (.fp, true, true), (.fp, false, false), (.fp, true, false), (.fp, false, false),
    ].map { PairedOutcome(label: $0.0, baseAlert: $0.1, candidateAlert: $0.2) }

    @Test("observed deltas and percentile intervals match an independent implementation")
    func reference() throws {
        // Python re-implementation (same SplitMix64 + Lemire draws, numpy.percentile linear) for seed 2024, B = 500:
        // Δrecall  [-0.4, 0.75] over 500 resamples; Δprecision [-0.2159722222222222, 0.6] over 499
        // (one resample had no base or no candidate alert).
        let result = PairedBootstrap.run(outcomes, seed: 2024, resamples: 500)
        #expect(close(result.deltaRecall, 1.0 / 6.0))
        #expect(close(result.deltaPrecision, 2.0 / 3.0 - 0.5))
        #expect(result.resamples == 500)
        #expect(result.recallResamplesUsed == 500)
        #expect(result.precisionResamplesUsed == 499)
        let recall = try #require(result.deltaRecallCI95)
        let precision = try #require(result.deltaPrecisionCI95)
        #expect(close(recall.lower, -0.4))
        #expect(close(recall.upper, 0.75))
        #expect(close(precision.lower, -0.2159722222222222))
        #expect(close(precision.upper, 0.6))
    }

    @Test("the same seed reproduces, another seed differs")
    func reproducible() {
        let first = PairedBootstrap.run(outcomes, seed: 7)
        let again = PairedBootstrap.run(outcomes, seed: 7)
        let other = PairedBootstrap.run(outcomes, seed: 2024)
        #expect(first.resamples == PairedBootstrap.defaultResamples)
        #expect(first == again)
        // Seed 7, B = 2000 (Python): Δprecision [-0.25, 0.6] from 2000 resamples, Δrecall from 1999.
        // Another seed draws other resamples.
        #expect(first.deltaPrecisionCI95?.lower == -0.25)
        #expect(first.recallResamplesUsed == 1999)
        #expect(first != other)
    }

    @Test("identical runs give a zero interval; nothing to resample gives nil")
    func degenerate() {
        let same = outcomes.map { PairedOutcome(label: $0.label, baseAlert: $0.baseAlert, candidateAlert: $0.baseAlert) }
        let result = PairedBootstrap.run(same, seed: 1, resamples: 200)
        #expect(result.deltaRecallCI95 == ConfidenceInterval(lower: 0, upper: 0))
        #expect(result.deltaPrecisionCI95 == ConfidenceInterval(lower: 0, upper: 0))
        let empty = PairedBootstrap.run([], seed: 1)
        #expect(empty.resamples == 0)
        #expect(empty.deltaRecall == nil)
        #expect(empty.deltaRecallCI95 == nil)
        #expect(empty.deltaPrecisionCI95 == nil)
        let none = PairedBootstrap.run(outcomes, seed: 1, resamples: 0)
        #expect(none.deltaRecallCI95 == nil)
        #expect(none.deltaRecall == 1.0 / 6.0)
    }
}
