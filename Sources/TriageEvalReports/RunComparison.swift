public import TriageEval
public import TriageEvalStore

/// A base and a candidate prompt × model compared on the cases both answered: metric deltas, McNemar,
/// the paired bootstrap and the flipped cases with both answers.
public struct RunComparison: Sendable {
    /// One side: a group and the run it comes from.
    public struct Side: Sendable {
        public var runID: Int64
        public var group: RunAnalysis.Group

        public init(runID: Int64, group: RunAnalysis.Group) {
            self.runID = runID
            self.group = group
        }

        /// `run 12 · host-triage@v1 × recorded`.
        public var name: String { "run \(runID) · \(group.name)" }
    }

    /// A flipped case with both sides' sample-0 results.
    public struct FlippedCase: Sendable {
        public var flip: PairedComparison.Flip
        public var base: StoredResult?
        public var candidate: StoredResult?
    }

    public var base: Side
    public var candidate: Side
    public var statistics: PairedComparison
    public var flipped: [FlippedCase]

    /// Pairs the sides by case id on sample 0. A case judged at different revisions on the two sides is not the
    /// same case: it is named once per side (`id (rev N)`) and left out of paired statistics.
    public init(base: Side, candidate: Side, seed: UInt64 = PairedComparison.defaultSeed, resamples: Int = PairedBootstrap.defaultResamples) {
        self.base = base
        self.candidate = candidate
        let baseRevisions = Self.revisions(base.group.results)
        let candidateRevisions = Self.revisions(candidate.group.results)
        func rekey(_ items: [ScoredItem], own: [String: Int], other: [String: Int]) -> [ScoredItem] {
            items.map { item in
                guard let mine = own[item.caseID], let theirs = other[item.caseID], mine != theirs else { return item }
                var renamed = item
                renamed.caseID = "\(item.caseID) (rev \(mine))"
                return renamed
            }
        }
        statistics = PairedComparison(
            base: rekey(base.group.items, own: baseRevisions, other: candidateRevisions),
            candidate: rekey(candidate.group.items, own: candidateRevisions, other: baseRevisions),
            seed: seed, resamples: resamples
        )
        let baseResults = Self.firstSamples(base.group.results)
        let candidateResults = Self.firstSamples(candidate.group.results)
        flipped = statistics.flipped.map { FlippedCase(flip: $0, base: baseResults[$0.caseID], candidate: candidateResults[$0.caseID]) }
    }

    /// Rows of the metric table: name, base value, candidate value (nil where undefined).
    public var metricRows: [(name: String, base: Double?, candidate: Double?)] {
        let b = base.group, c = candidate.group
        return [
            ("precision", b.overall.alert.precision, c.overall.alert.precision),
            ("recall", b.overall.alert.recall, c.overall.alert.recall),
            ("F1", b.overall.alert.f1, c.overall.alert.f1),
            ("FPR", b.overall.alert.fpr, c.overall.alert.fpr),
            ("accuracy", b.overall.alert.accuracy, c.overall.alert.accuracy),
            ("ECE", b.overall.calibration.ece, c.overall.calibration.ece),
            ("Brier", b.overall.calibration.brier, c.overall.calibration.brier),
            ("AUROC", b.overall.calibration.auroc, c.overall.calibration.auroc),
            ("parse failure rate", b.overall.parseFailureRate, c.overall.parseFailureRate),
        ]
    }

    /// Count rows of the metric table.
    public var countRows: [(name: String, base: Int, candidate: Int)] {
        let b = base.group, c = candidate.group
        return [
            ("answers", b.overall.n, c.overall.n),
            ("attacks alerted (TP)", b.overall.alert.tp, c.overall.alert.tp),
            ("false alarms (FP)", b.overall.alert.fp, c.overall.alert.fp),
            ("missed attacks (FN)", b.overall.alert.fn, c.overall.alert.fn),
            ("parse failures", b.overall.parseFailures, c.overall.parseFailures),
            ("alerts lost to format", b.alertsLostToFormat, c.alertsLostToFormat),
            ("provider errors", b.errorCount, c.errorCount),
            ("tokens", b.usage.inputTokens + b.usage.outputTokens, c.usage.inputTokens + c.usage.outputTokens),
        ]
    }

    /// One sentence on what McNemar says.
    public var verdict: String {
        let s = statistics
        if s.b == s.c { return "No difference in per-case correctness (b = c = \(s.b))." }
        let direction = s.c > s.b ? "better" : "worse"
        let strength = s.pValue < 0.05 ? "significantly" : "not significantly"
        return "The candidate is \(strength) \(direction) (exact McNemar p = \(Formatting.pValue(s.pValue)), b = \(s.b), c = \(s.c))."
    }

    private static func revisions(_ results: [StoredResult]) -> [String: Int] {
        results.reduce(into: [:]) { $0[$1.caseID] = $1.caseRevision }
    }

    private static func firstSamples(_ results: [StoredResult]) -> [String: StoredResult] {
        results.reduce(into: [:]) { if $1.key.sample == 0 { $0[$1.caseID] = $1 } }
    }
}
