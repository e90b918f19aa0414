/// Two groups of answers on the same cases, paired by case on sample 0: McNemar on per-case correctness,
/// a paired bootstrap of Δrecall and Δprecision, and the cases whose decision flipped.
///
/// A case is correct when its alert decision agrees with its label. Cases answered on one side only are
/// named and left out of every paired statistic.
public struct PairedComparison: Sendable, Hashable {
    /// A paired case whose correctness differs between the two sides.
    public struct Flip: Sendable, Hashable {
        public var caseID: String
        public var label: Label
        /// Whether each side alerted on sample 0.
        public var baseAlert: Bool
        public var candidateAlert: Bool

        /// Whether the candidate got the case right (and so the base wrong).
        public var improved: Bool { candidateAlert == (label == .tp) }
    }

    /// Cases answered on both sides.
    public var paired: Int
    /// Of those, the attacks (label TP): the denominator of the paired recall.
    public var pairedAttacks: Int
    /// Paired cases the base got right and the candidate wrong.
    public var b: Int
    /// Paired cases the base got wrong and the candidate right.
    public var c: Int
    /// Exact two-sided McNemar p-value of b against c.
    public var pValue: Double
    /// McNemar on the paired attacks alone (recall): b = attacks the base caught and the candidate missed,
    /// c = attacks the candidate caught and the base missed.
    public var attacks: Discordance
    /// McNemar on the paired benign cases alone (false alarms): b = false alarms the candidate raised and the
    /// base did not, c = false alarms the base raised and the candidate cleared.
    public var benign: Discordance
    /// Paired benign cases: the denominator of the paired false-positive rate.
    public var pairedBenign: Int { paired - pairedAttacks }

    /// Discordant counts of one label and their exact McNemar p-value.
    public struct Discordance: Sendable, Hashable {
        /// Base right, candidate wrong.
        public var b: Int
        /// Base wrong, candidate right.
        public var c: Int
        public var pValue: Double { McNemar.exact(b: b, c: c) }
    }
    /// Δrecall and Δprecision (candidate − base) on the paired cases, with bootstrap intervals.
    public var bootstrap: PairedBootstrap.Result
    /// The seed the bootstrap used.
    public var seed: UInt64
    /// Paired cases whose correctness flipped, by case id.
    public var flipped: [Flip]
    /// Case ids answered by the base only, sorted.
    public var onlyInBase: [String]
    /// Case ids answered by the candidate only, sorted.
    public var onlyInCandidate: [String]

    /// The seed used unless told otherwise, so a comparison is reproducible by default.
    public static let defaultSeed: UInt64 = 20_240_917

    /// Whether the candidate is worse (b > c) with p below `significance`.
    public func isSignificantRegression(at significance: Double) -> Bool {
        b > c && pValue < significance
    }

    /// Pairs `base` and `candidate` answers by case id on sample 0 and compares them.
    public init(
        base: some Collection<ScoredItem>, candidate: some Collection<ScoredItem>, seed: UInt64 = defaultSeed,
        resamples: Int = PairedBootstrap.defaultResamples
    ) {
        // Each side's sample 0 per case, in case-id order, merged: a case on one side only is listed, not paired.
        let baseFirsts = Self.firstSamples(base)
        let candidateFirsts = Self.firstSamples(candidate)
        var outcomes: [PairedOutcome] = []
        var flipped: [Flip] = []
        var onlyInBase: [String] = [], onlyInCandidate: [String] = []
        var b = 0, c = 0
        var attacks = Discordance(b: 0, c: 0), benign = Discordance(b: 0, c: 0)
        var next = (base: 0, candidate: 0)
        while next.base < baseFirsts.count || next.candidate < candidateFirsts.count {
            let left = next.base < baseFirsts.count ? base[baseFirsts[next.base]] : nil
            let right = next.candidate < candidateFirsts.count ? candidate[candidateFirsts[next.candidate]] : nil
            guard let left, let right, left.caseID == right.caseID else {
                if let left, right.map({ left.caseID < $0.caseID }) ?? true {
                    onlyInBase.append(left.caseID)
                    next.base += 1
                } else if let right {
                    onlyInCandidate.append(right.caseID)
                    next.candidate += 1
                }
                continue
            }
            let caseID = left.caseID
            next = (next.base + 1, next.candidate + 1)
            outcomes.append(PairedOutcome(label: left.label, baseAlert: left.alert, candidateAlert: right.alert))
            let baseCorrect = left.alert == (left.label == .tp)
            let candidateCorrect = right.alert == (left.label == .tp)
            guard baseCorrect != candidateCorrect else { continue }
            if baseCorrect { b += 1 } else { c += 1 }
            if left.label == .tp {
                if baseCorrect { attacks.b += 1 } else { attacks.c += 1 }
            } else {
                if baseCorrect { benign.b += 1 } else { benign.c += 1 }
            }
            flipped.append(Flip(caseID: caseID, label: left.label, baseAlert: left.alert, candidateAlert: right.alert))
        }
        self.paired = outcomes.count
        self.pairedAttacks = outcomes.count { $0.label == .tp }
        self.b = b
        self.c = c
        self.pValue = McNemar.exact(b: b, c: c)
        self.attacks = attacks
        self.benign = benign
        self.bootstrap = PairedBootstrap.run(outcomes, seed: seed, resamples: resamples)
        self.seed = seed
        self.flipped = flipped
        self.onlyInBase = onlyInBase
        self.onlyInCandidate = onlyInCandidate
    }

    /// Where each case's sample-0 item is, in case-id order: in the items' order when they are in case order (as
    /// results are read; neither a dictionary nor a copy of a big run's case ids), else through a dictionary (a case's
    /// last sample 0 kept).
    private static func firstSamples<Items: Collection<ScoredItem>>(_ items: Items) -> [Items.Index] {
        var firsts: [Items.Index] = []
        var previous: String?
        var inOrder = true
        for position in items.indices {
            let item = items[position]
            guard item.sample == 0 else { continue }
            if let previous, !(previous < item.caseID) { inOrder = false }
            previous = item.caseID
            firsts.append(position)
        }
        guard !inOrder else { return firsts }
        var byCase: [String: Items.Index] = [:]
        for position in firsts { byCase[items[position].caseID] = position }
        return byCase.sorted { $0.key < $1.key }.map(\.value)
    }
}
