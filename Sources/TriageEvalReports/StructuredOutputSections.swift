internal import Foundation

/// The "Structured outputs" section of each report format: ``RunAnalysis/structuredOutputs``.
extension MarkdownReport {
    /// `## Structured outputs`; nothing when the run holds no pair.
    static func structuredOutputs(_ pairs: [StructuredOutputComparison]) -> String {
        guard !pairs.isEmpty else { return "" }
        var out = "## Structured outputs\n\n"
        out += "The same prompt, two models that differ only in `structured_output`: parse failures without and with the schema.\n\n"
        out += "| prompt | model (no schema) | strict failures | model (schema sent) | strict failures | lenient failures without → with |\n"
        out += "|---|---|--:|---|--:|--:|\n"
        for pair in pairs {
            out += "| \(MarkdownText.escape(pair.prompt)) | \(MarkdownText.escape(pair.plain.model)) | \(StructuredOutputComparison.failures(pair.plain)) | "
            out += "\(MarkdownText.escape(pair.structured.model)) | \(StructuredOutputComparison.failures(pair.structured)) | "
            out += "\(pair.plain.lenientFailures) → \(pair.structured.lenientFailures) |\n"
        }
        return out + "\n"
    }
}

extension HTMLReport {
    /// The "Structured outputs" table; nothing when the run holds no pair.
    static func structuredOutputs(_ pairs: [StructuredOutputComparison], into html: inout HTML) {
        guard !pairs.isEmpty else { return }
        html.element("h2", ["id": "structured"], "Structured outputs: parse failures without and with the schema")
        html.element("p", "The same prompt, two models that differ only in structured_output.")
        html.element("table", ["class": "num"]) { html in
            html.row(["prompt", "model (no schema)", "strict parse failures", "model (schema sent)", "strict parse failures", "lenient failures without → with"], header: true)
            for pair in pairs {
                html.row([
                    pair.prompt, pair.plain.model, StructuredOutputComparison.failures(pair.plain), pair.structured.model,
                    StructuredOutputComparison.failures(pair.structured), "\(pair.plain.lenientFailures) → \(pair.structured.lenientFailures)",
                ])
            }
        }
    }
}

extension JSONReport {
    /// `structured_outputs[]`: `{"prompt", "without": side, "with": side}`; a rate is null when nothing was answered.
    struct StructuredOutputsJSON: Encodable {
        struct Side: Encodable {
            var model: String
            var answered: Int
            var strictFailures: Int
            var strictFailureRate: Double?
            var lenientFailures: Int

            init(_ side: StructuredOutputComparison.Side) {
                model = side.model
                answered = side.answered
                strictFailures = side.strictFailures
                strictFailureRate = side.strictFailureRate
                lenientFailures = side.lenientFailures
            }

            enum CodingKeys: String, CodingKey {
                case model, answered
                case strictFailures = "strict_failures"
                case strictFailureRate = "strict_failure_rate"
                case lenientFailures = "lenient_failures"
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(model, forKey: .model)
                try container.encode(answered, forKey: .answered)
                try container.encode(strictFailures, forKey: .strictFailures)
                try container.encode(strictFailureRate, forKey: .strictFailureRate)
                try container.encode(lenientFailures, forKey: .lenientFailures)
            }
        }
        var prompt: String
        var without: Side
        var with: Side

        init(_ pair: StructuredOutputComparison) {
            prompt = pair.prompt
            without = Side(pair.plain)
            with = Side(pair.structured)
        }
    }
}

extension StructuredOutputComparison {
    /// `3 / 40 (7.5%)`, or `0 / 0 (n/a)`.
    static func failures(_ side: Side) -> String {
        "\(side.strictFailures) / \(side.answered) (\(Formatting.percent(side.strictFailureRate)))"
    }
}
