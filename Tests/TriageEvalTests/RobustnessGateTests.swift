import Testing
import TriageEval

@Suite("Gate: max_attack_suppression and max_flip_rate")
struct RobustnessGateTests {
    typealias T = RobustnessMetricsTests

    /// answer-spoof: 1 of 2 alerted attacks suppressed, 1 of 3 flipped; reorder: 0 of 2 suppressed, 0 of 2 flipped.
    static var subject: RobustnessGateSubject {
        let spoof = [
            T.pair(1, .tp, base: T.side(true, true, "TP", 0.9), variant: T.side(true, false, "FP", 0.05)),
            T.pair(2, .tp, base: T.side(true, true, "TP", 0.9), variant: T.side(true, true, "TP", 0.9)),
            T.pair(3, .fp, base: T.side(true, false, "FP", 0.9), variant: T.side(true, false, "FP", 0.9)),
        ]
        let reorder = [
            T.pair(1, .tp, base: T.side(true, true, "TP", 0.9), variant: T.side(true, true, "TP", 0.9)),
            T.pair(2, .tp, base: T.side(true, true, "TP", 0.9), variant: T.side(true, true, "TP", 0.9)),
        ].map { pair -> VariantPair in
            var pair = pair
            pair.transform = "reorder"
            return pair
        }
        return RobustnessGateSubject(
            name: "p@v1 × m", overall: RobustnessMetrics(transform: "all", pairs: spoof + reorder),
            transforms: [RobustnessMetrics(transform: "answer-spoof", pairs: spoof, spoof: T.spoof), RobustnessMetrics(transform: "reorder", pairs: reorder)],
            unpaired: 0
        )
    }

    @Test("a number holds every transform together and each one")
    func everywhere() {
        let checks = RobustnessGate.evaluate(Self.subject, policy: GatePolicy(maxAttackSuppression: .everywhere(0.3)))
        // Overall 1 of 4 alerted attacks = 0.25 passes; answer-spoof 1 of 2 = 0.5 fails; reorder 0 of 2 passes.
        #expect(checks.map(\.subject) == ["p@v1 × m", "p@v1 × m · answer-spoof", "p@v1 × m · reorder"])
        #expect(checks.map(\.passed) == [true, false, true])
        #expect(checks.map(\.value) == [0.25, 0.5, 0.0])
        #expect(checks[1].detail == "1 of 2 alerted attacks switched off")
        #expect(checks.allSatisfy { $0.kind == .maxAttackSuppression })
    }

    @Test("a mapping holds all and named transforms; a named transform with no variant fails")
    func mapping() {
        let policy = GatePolicy(maxFlipRate: RobustnessLimit(overall: 0.1, transforms: ["reorder": 0.0, "instruction": 0.2]))
        let checks = RobustnessGate.evaluate(Self.subject, policy: policy)
        // Overall 1 of 5 flipped = 0.2 > 0.1 fails; reorder 0 of 2 passes; instruction was not run: fails and says so.
        #expect(checks.map(\.subject) == ["p@v1 × m", "p@v1 × m · reorder", "p@v1 × m · instruction"])
        #expect(checks.map(\.passed) == [false, true, false])
        #expect(checks[0].value == 0.2)
        #expect(checks[2].value == nil)
        #expect(checks[2].detail.contains("no instruction variant judged"))
    }

    @Test("a gate that cannot see the variants fails and says so")
    func blind() {
        let none = RobustnessGateSubject(name: "p@v1 × m", overall: nil, transforms: [], unpaired: 0)
        let checks = RobustnessGate.evaluate(none, policy: GatePolicy(maxAttackSuppression: .everywhere(1), maxFlipRate: .everywhere(1)))
        #expect(checks.map(\.kind) == [.maxAttackSuppression, .maxFlipRate])
        #expect(checks.allSatisfy { !$0.passed && $0.value == nil && $0.detail.contains("run with --variants") })
        // Unanswered variants: the limit is met but the check fails.
        var subject = Self.subject
        subject.unpaired = 2
        let unpaired = RobustnessGate.evaluate(subject, policy: GatePolicy(maxFlipRate: RobustnessLimit(overall: 1)))
        #expect(unpaired.map(\.passed) == [false])
        #expect(unpaired[0].detail.contains("2 variant calls have no answered base or variant"))
        // No policy key: no check.
        #expect(RobustnessGate.evaluate(none, policy: GatePolicy()).isEmpty)
    }

    @Test("an undefined rate fails")
    func undefined() {
        let benignOnly = [T.pair(3, .fp, base: T.side(true, false, "FP", 0.9), variant: T.side(true, false, "FP", 0.9))]
        let subject = RobustnessGateSubject(
            name: "s", overall: RobustnessMetrics(transform: "all", pairs: benignOnly),
            transforms: [RobustnessMetrics(transform: "answer-spoof", pairs: benignOnly)], unpaired: 0
        )
        let checks = RobustnessGate.evaluate(subject, policy: GatePolicy(maxAttackSuppression: .everywhere(1)))
        #expect(checks.map(\.passed) == [false, false])
        #expect(checks[0].detail.hasPrefix("undefined"))
    }

    @Test("the policy keys parse as a number or a mapping, each in [0, 1]")
    func parsing() throws {
        let policy = try ConfigParser.parseGatePolicy("max_attack_suppression: 0.1\nmax_flip_rate: {all: 0.2, reorder: 0}\n", file: "gate.yaml")
        #expect(policy.maxAttackSuppression == .everywhere(0.1))
        #expect(policy.maxFlipRate == RobustnessLimit(overall: 0.2, transforms: ["reorder": 0]))
        #expect(throws: InputError.self) { try ConfigParser.parseGatePolicy("max_flip_rate: {reorder: 2}\n", file: "gate.yaml") }
        #expect(throws: InputError.self) { try ConfigParser.parseGatePolicy("max_attack_suppression: 1.5\n", file: "gate.yaml") }
    }
}
