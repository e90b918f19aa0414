internal import TriageEval

/// The JSON report's `robustness` object: per prompt × model the metrics overall and per transform (each with
/// its flipped pairs and both raw answers), and the defences measured. Groups empty without variants.
struct RobustnessJSON: Encodable {
    struct Group: Encodable {
        var prompt: String
        var model: String
        var unpaired: Int
        var overall: RobustnessMetrics
        var transforms: [Transform]
    }

    struct Transform: Encodable {
        var metrics: RobustnessMetrics
        var flipped: [Flip]

        func encode(to encoder: any Encoder) throws {
            try metrics.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(flipped, forKey: .flipped)
        }

        enum CodingKeys: String, CodingKey { case flipped }
    }

    struct Flip: Encodable {
        var caseID: String
        var baseID: String
        var label: String
        var sample: Int
        var baseAlert: Bool
        var variantAlert: Bool
        var baseAnswers: [String]
        var variantAnswers: [String]

        enum CodingKeys: String, CodingKey {
            case caseID = "case_id", baseID = "base_id", label, sample, baseAlert = "base_alert", variantAlert = "variant_alert"
            case baseAnswers = "base_answers", variantAnswers = "variant_answers"
        }
    }

    struct Defence: Encodable {
        var prompt: String
        var model: String
        var transform: String
        var variants: Int
        var promptChanged: Int
        var plantedTextReached: Int?
        var defenceColumns: [String]
        var firedOnVariant: Int
        var firedOnBase: Int
        var answered: Int
        var decisionOverridden: Int
        var overriddenBackToBase: Int

        enum CodingKeys: String, CodingKey {
            case prompt, model, transform, variants, answered
            case promptChanged = "prompt_changed", plantedTextReached = "planted_text_reached", defenceColumns = "defence_columns"
            case firedOnVariant = "fired_on_variant", firedOnBase = "fired_on_base", decisionOverridden = "decision_overridden"
            case overriddenBackToBase = "overridden_back_to_base"
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(prompt, forKey: .prompt)
            try container.encode(model, forKey: .model)
            try container.encode(transform, forKey: .transform)
            try container.encode(variants, forKey: .variants)
            try container.encode(answered, forKey: .answered)
            try container.encode(promptChanged, forKey: .promptChanged)
            try container.encode(plantedTextReached, forKey: .plantedTextReached)
            try container.encode(defenceColumns, forKey: .defenceColumns)
            try container.encode(firedOnVariant, forKey: .firedOnVariant)
            try container.encode(firedOnBase, forKey: .firedOnBase)
            try container.encode(decisionOverridden, forKey: .decisionOverridden)
            try container.encode(overriddenBackToBase, forKey: .overriddenBackToBase)
        }
    }

    var groups: [Group]
    var defences: [Defence]
    /// Models not asked about the variants (replay models without recorded answers for them).
    var notAsked: [String]

    enum CodingKeys: String, CodingKey {
        case groups, defences
        case notAsked = "not_asked"
    }

    init(_ report: RobustnessReport) {
        groups = report.groups.map { group in
            Group(
                prompt: group.prompt, model: group.model, unpaired: group.unpaired, overall: group.overall,
                transforms: group.cells.map { cell in
                    Transform(metrics: cell.metrics, flipped: cell.flips.map { flip in
                        Flip(
                            caseID: flip.pair.caseID, baseID: flip.pair.baseID, label: flip.pair.label.rawValue, sample: flip.pair.sample,
                            baseAlert: flip.pair.base.alert, variantAlert: flip.pair.variant.alert, baseAnswers: flip.baseAnswers,
                            variantAnswers: flip.variantAnswers
                        )
                    })
                }
            )
        }
        notAsked = report.notAsked
        defences = report.defences.rows.map { row in
            Defence(
                prompt: row.prompt, model: row.model, transform: row.transform, variants: row.variants, promptChanged: row.changedPrompt,
                plantedTextReached: row.payloadReached, defenceColumns: row.defenceColumns, firedOnVariant: row.firedOnVariant,
                firedOnBase: row.firedOnBase, answered: row.answered, decisionOverridden: row.outcomeChanged, overriddenBackToBase: row.outcomeRestored
            )
        }
    }
}
