import Foundation
import TriageEval
@testable import TriageEvalReports
@testable import TriageEvalStore

/// A two-model run over four cases whose command line and answers carry markup, `</td>` and table pipes.
enum HostileRun {
    static let casesYAML = """
        - id: evil-01
          label: TP
          scenario: "S|CCM <b>"
          tags: [must-alert, injection]
          entity: {type: host, name: "HOST</td><td>x"}
          alert_count: 2
          time_window_minutes: 5
          max_risk_score: 73
          rules: ["Rule | x |"]
          command_lines: ['cmd.exe /c echo <script>alert(1)</script> </td> | x | `rm -rf /` @team']
        - id: benign-01
          label: FP
          scenario: SCCM
          entity: {type: host, name: SCCM-01}
          alert_count: 1
          time_window_minutes: 5
          max_risk_score: 21
          rules: ["Rule"]
          command_lines: ['ccmexec.exe']
        """

    static func analysis() throws -> RunAnalysis {
        let evaluator = try reportEvaluator()
        let prompt = try PromptFileParser.parse(reportPromptText, file: "prompts/host-triage/v1.prompt", defaults: AlertPolicy())
        let cases = try CaseFileParser.parse(casesYAML, file: "hostile.yaml")
        // Case ids are validated on import; a hostile one is used here anyway, to prove ids are escaped too.
        let evil = "evil-<script>alert(1)</script>"
        let answers = [
            ("a", "verdict=FP confidence=0.9 summary=\(hostileText)", "verdict=TP confidence=0.9 summary=ok"),
            ("b", "Sure! verdict=TP confidence=0.95 summary=\(hostileText)", "verdict=FP confidence=0.8 summary=</pre><script>alert(2)</script>"),
        ]
        var results: [StoredResult] = []
        for (model, evilAnswer, benignAnswer) in answers {
            results.append(storedResult(evil, label: .tp, scenario: cases[0].scenario, evaluation: evaluator.evaluate(evilAnswer), revisionID: 1, model: model, tags: cases[0].tags))
            results.append(storedResult("benign-01", label: .fp, scenario: "SCCM", evaluation: evaluator.evaluate(benignAnswer), revisionID: 2, model: model))
        }
        return RunAnalysis(
            run: runInfo(planned: 4), results: results, policies: ["host-triage@v1": prompt.decision],
            prompts: ["host-triage@v1": prompt], cases: [1: cases[0], 2: cases[1]]
        )
    }
}

extension String {
    /// Non-overlapping occurrences of `needle`.
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
