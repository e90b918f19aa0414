/// A prompt's context loss over the cases it renders (``ContextLoss`` per case): counts per case and rates.
/// A rate over nothing (no case with documents, no evidence value) is nil, shown as `n/a`.
public struct ContextLossSummary: Sendable, Equatable {
    /// The prompt (`ID@VERSION`).
    public var prompt: String
    /// Case id → its loss, in case order.
    public var cases: [(caseID: String, loss: ContextLoss)]

    public init(prompt: String, cases: [(caseID: String, loss: ContextLoss)]) {
        self.prompt = prompt
        self.cases = cases
    }

    /// Rendered prompts checked (cases with documents).
    public var renders: Int { cases.count }
    /// Renders where a `.get` came back empty / where that was the dotted-key trap.
    public var rendersWithNullFields: Int { cases.count { !$0.loss.nullFields.isEmpty } }
    public var rendersWithDottedKeyTrap: Int { cases.count { !$0.loss.dottedKeyTraps.isEmpty } }
    /// Renders where a slice cut something.
    public var rendersCut: Int { cases.count { $0.loss.cuts > 0 } }
    /// Evidence values over all renders, and how many were cut or never included.
    public var evidence: Int { cases.reduce(0) { $0 + $1.loss.evidence.count } }
    public var evidenceCut: Int { cases.reduce(0) { $0 + $1.loss.cutEvidence.count } }
    public var evidenceAbsent: Int { cases.reduce(0) { $0 + $1.loss.absentEvidence.count } }
    /// Renders that lost at least one evidence value (cut or absent).
    public var rendersLosingEvidence: Int { cases.count { $0.loss.evidence.contains { $0.fate != .shown } } }

    /// Share of renders with a dotted-key trap.
    public var dottedKeyTrapRate: Double? { rate(rendersWithDottedKeyTrap, renders) }
    /// Share of renders with any null field.
    public var nullFieldRate: Double? { rate(rendersWithNullFields, renders) }
    /// Share of evidence values cut by a truncation.
    public var evidenceCutRate: Double? { rate(evidenceCut, evidence) }
    /// Share of evidence values never included.
    public var evidenceAbsentRate: Double? { rate(evidenceAbsent, evidence) }

    /// Each null field key with the number of renders it came out null in, and how many of those were the trap.
    public var nullFieldCounts: [(key: String, renders: Int, trap: Int)] {
        var order: [String] = []
        var counts: [String: (Int, Int)] = [:]
        for entry in cases {
            for field in entry.loss.nullFields {
                if counts[field.key] == nil { order.append(field.key) }
                counts[field.key, default: (0, 0)].0 += 1
                if field.isDottedKeyTrap { counts[field.key, default: (0, 0)].1 += 1 }
            }
        }
        return order.map { (key: $0, renders: counts[$0]?.0 ?? 0, trap: counts[$0]?.1 ?? 0) }
    }

    private func rate(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }

    public static func == (lhs: ContextLossSummary, rhs: ContextLossSummary) -> Bool {
        lhs.prompt == rhs.prompt && lhs.cases.map(\.caseID) == rhs.cases.map(\.caseID) && lhs.cases.map(\.loss) == rhs.cases.map(\.loss)
    }
}
