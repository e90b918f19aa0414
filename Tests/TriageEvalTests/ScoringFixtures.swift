import TriageEval

/// A scored answer with terse defaults: a parsed answer, sample 0, scenario "S".
func scored(
    _ caseID: String,
    _ label: Label,
    _ verdict: String?,
    _ confidence: Double?,
    alert: Bool = false,
    status: ParseStatus = .ok,
    sample: Int = 0,
    scenario: String = "S"
) -> ScoredItem {
    ScoredItem(caseID: caseID, scenario: scenario, label: label, sample: sample, status: status, verdict: verdict, confidence: confidence, alert: alert)
}

/// Whether two doubles agree to within `tolerance` (absolute).
func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

/// The mixed group used by several suites (production rule: TP/SUSPICIOUS with confidence > 0.7).
///
/// | id | label | status   | verdict    | conf | alert | p_malicious              | bin |
/// |----|-------|----------|------------|------|-------|--------------------------|-----|
/// | a  | TP    | ok       | TP         | 0.9  | yes   | 0.9                      | 9   |
/// | b  | TP    | ok       | SUSPICIOUS | 0.7  | no (0.7 is not > 0.7) | 0.7     | 7   |
/// | c  | FP    | ok       | FP         | 0.9  | no    | 1 − 0.9 = 0.09999999999999998 | 0 |
/// | d  | FP    | ok       | TP         | 0.8  | yes   | 0.8                      | 8   |
/// | e  | TP    | ok       | TP         | 1.0  | yes   | 1.0                      | 9   |
/// | f  | FP    | ok       | FP         | 0.7  | no    | 1 − 0.7 = 0.30000000000000004 | 3 |
/// | g  | TP    | no_match | nil        | nil  | no    | — (parse failure)        |     |
/// | h  | FP    | ok       | TP         | 95   | yes   | — (out of [0, 1])        |     |
/// | i  | TP    | ok       | FP         | 0.7  | no    | 0.30000000000000004      | 3   |
/// | j  | FP    | ok       | SUSPICIOUS | 0.3  | no    | 0.3                      | 3   |
let mixedGroup: [ScoredItem] = [
    scored("a", .tp, "TP", 0.9, alert: true),
    scored("b", .tp, "SUSPICIOUS", 0.7),
    scored("c", .fp, "FP", 0.9),
    scored("d", .fp, "TP", 0.8, alert: true),
    scored("e", .tp, "TP", 1.0, alert: true),
    scored("f", .fp, "FP", 0.7),
    scored("g", .tp, nil, nil, status: .noMatch),
    scored("h", .fp, "TP", 95, alert: true),
    scored("i", .tp, "FP", 0.7),
    scored("j", .fp, "SUSPICIOUS", 0.3),
]
