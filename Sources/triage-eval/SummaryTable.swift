import TriageEval
import TriageEvalReports

/// The short prompt × model table `run` and `report` print.
enum SummaryTable {
    static func render(_ analysis: RunAnalysis) -> String {
        var table = TextTable(header: ["prompt", "model", "n", "errors", "precision", "recall", "F1", "ECE", "parse-fail"])
        table.rightAligned = [2, 3, 4, 5, 6, 7, 8]
        for group in analysis.groups {
            let m = group.overall
            table.rows.append([
                group.prompt, group.model, "\(m.n)", "\(group.errorCount)", Formatting.metric(m.alert.precision),
                Formatting.metric(m.alert.recall), Formatting.metric(m.alert.f1), Formatting.metric(m.calibration.ece),
                Formatting.percent(m.parseFailureRate),
            ])
        }
        return table.render()
    }
}
