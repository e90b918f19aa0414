import CommandSupport
internal import TriageEvalProviders

/// Recorded answers (`--answer replay:FILE`), looked up by the case id that occurs in the prompt text.
struct ReplayBook: Sendable {
    /// Case ids, longest first, so `case-10` wins over `case-1` when both occur.
    private let caseIDs: [String]
    /// Case id → its responses in sample order.
    private let samples: [String: [String]]

    /// Loads JSONL `{"case_id", "sample", "response"}` lines; a bad file is a usage error naming file and line.
    init(contentsOf path: String) throws(UsageError) {
        let replay: ReplayProvider
        do {
            replay = try ReplayProvider(contentsOf: path)
        } catch {
            throw UsageError("--answer replay: \(error)")
        }
        var samples: [String: [String]] = [:]
        for (caseID, answers) in replay.recordedAnswers {
            samples[caseID] = answers.sorted { $0.key < $1.key }.map(\.value)
        }
        self.samples = samples
        self.caseIDs = samples.keys.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// The answer for the case whose id occurs in `prompt`: sample 0, or with a `seed` the sample at
    /// `seed` modulo the number recorded. Nil when no recorded case id occurs in the prompt.
    func answer(for prompt: String, seed: Int?) -> String? {
        guard let caseID = caseIDs.first(where: { prompt.contains($0) }), let answers = samples[caseID] else {
            return nil
        }
        guard let seed else { return answers[0] }
        let count = answers.count
        return answers[((seed % count) + count) % count]
    }
}
