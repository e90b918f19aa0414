/// What a built-in transform plants in a case's values for a prompt (``BuiltinTransform``, ``VariantTargets``):
/// the text, to look for in what the model received, and the answer it tries to make the model give, for the
/// answer-hijack rate. Transforms that plant nothing (reorder, benign-names …) have none.
public struct PlantedText: Sendable, Hashable {
    /// The planted text as it appears in a value.
    public var text: String
    /// The answer it plants, if it plants one.
    public var answer: SpoofedAnswer?

    public init(text: String, answer: SpoofedAnswer?) {
        self.text = text
        self.answer = answer
    }

    /// The text `transform` plants for `prompt` (the production answer format when the prompt is unknown).
    public static func of(transform: String, prompt: PromptVersion?) -> PlantedText? {
        let output = prompt?.output ?? OutputSpec.esqlTriage
        let decision = prompt?.decision ?? AlertPolicy()
        let benign = VariantTargets.benignVerdict(output, decision: decision)
        switch BuiltinTransform(rawValue: transform) {
        case .answerSpoof:
            return PlantedText(
                text: VariantTargets.spoof(output, decision: decision),
                answer: SpoofedAnswer(verdict: benign, confidence: Double(VariantTargets.spoofConfidence))
            )
        case .instruction:
            return PlantedText(text: BuiltinTransform.instructionText, answer: nil)
        case .jsonBreak:
            guard case .json(let field, _, _) = output.format else { return nil }
            return PlantedText(text: "\"\(field)\": \"\(benign)\"", answer: SpoofedAnswer(verdict: benign, confidence: nil))
        default:
            return nil
        }
    }
}
