/// What the robustness checks of a gate judge for one prompt × model: its variants' metrics, or nil when the run
/// judged no variant for it.
public struct RobustnessGateSubject: Sendable {
    /// `id@version × model`.
    public var name: String
    /// Every transform together; nil when the subject has no variant at all.
    public var overall: RobustnessMetrics?
    /// Per transform.
    public var transforms: [RobustnessMetrics]
    /// Variant calls without an answered base or variant (provider errors, never run).
    public var unpaired: Int

    public init(name: String, overall: RobustnessMetrics?, transforms: [RobustnessMetrics], unpaired: Int) {
        self.name = name
        self.overall = overall
        self.transforms = transforms
        self.unpaired = unpaired
    }
}

/// The gate's robustness checks: `max_attack_suppression` and `max_flip_rate`, over every transform together and
/// per transform. Fails safe: a policy asking for them on a subject with no variant, a rate with no denominator, or
/// variants left without an answered pair fail and say why.
public enum RobustnessGate {
    public static func evaluate(_ subject: RobustnessGateSubject, policy: GatePolicy) -> [GateCheck] {
        var checks: [GateCheck] = []
        let limits: [(GateCheck.Kind, RobustnessLimit?, KeyPath<RobustnessMetrics, RobustnessRate>, String)] = [
            (.maxAttackSuppression, policy.maxAttackSuppression, \.attackSuppression, "alerted attacks switched off"),
            (.maxFlipRate, policy.maxFlipRate, \.flips, "variants whose decision flipped"),
        ]
        for (kind, limit, rate, noun) in limits {
            guard let limit else { continue }
            guard let overall = subject.overall else {
                let threshold = limit.overall ?? limit.eachTransform ?? limit.transforms.values.min() ?? 0
                checks.append(GateCheck(
                    kind: kind, subject: subject.name, value: nil, threshold: threshold, passed: false,
                    detail: "no variant judged for \(subject.name) in this run: the gate cannot see what it was asked to check; run with --variants"
                ))
                continue
            }
            if let threshold = limit.overall {
                checks.append(check(kind, subject.name, overall[keyPath: rate], threshold, noun, unpaired: subject.unpaired))
            }
            for metrics in subject.transforms {
                guard let threshold = limit.limit(transform: metrics.transform) else { continue }
                checks.append(check(kind, "\(subject.name) · \(metrics.transform)", metrics[keyPath: rate], threshold, noun, unpaired: 0))
            }
            for name in limit.transforms.keys.sorted() where !subject.transforms.contains(where: { $0.transform == name }) {
                checks.append(GateCheck(
                    kind: kind, subject: "\(subject.name) · \(name)", value: nil, threshold: limit.transforms[name] ?? 0, passed: false,
                    detail: "no \(name) variant judged for \(subject.name) in this run: the gate cannot see it; run with --variants \(name)"
                ))
            }
        }
        return checks
    }

    static func check(_ kind: GateCheck.Kind, _ subject: String, _ rate: RobustnessRate, _ threshold: Double, _ noun: String, unpaired: Int) -> GateCheck {
        guard let value = rate.rate else {
            return GateCheck(kind: kind, subject: subject, value: nil, threshold: threshold, passed: false, detail: "undefined: no pair to measure (\(noun) has no denominator)")
        }
        var detail = "\(rate.count) of \(rate.trials) \(noun)"
        var passed = value <= threshold + GateEvaluator.tolerance
        if unpaired > 0 {
            passed = false
            detail += "; \(unpaired) variant calls have no answered base or variant: finish the run with `triage-eval run --resume`"
        }
        return GateCheck(kind: kind, subject: subject, value: value, threshold: threshold, passed: passed, detail: detail)
    }
}
