import Foundation
import Testing
import TriageEval

@Suite("Metrics JSON (report contract)")
struct MetricsJSONTests {
    /// Encodes a value and parses it back as a Foundation object tree (nulls become NSNull).
    private func jsonObject(_ value: some Encodable) throws -> Any {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(value), options: [.fragmentsAllowed])
    }

    private func parse(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test("the empty group writes every key, with null where undefined")
    func emptyGroup() throws {
        let actual = try jsonObject(GroupMetrics(items: [], threshold: 0.7))
        let expected = try parse(
            """
            {
              "n": 0, "parse_failures": 0, "parse_failure_rate": 0.0,
              "alert": {"threshold": 0.7, "tp": 0, "fp": 0, "tn": 0, "fn": 0,
                        "precision": 0.0, "recall": 0.0, "f1": 0.0, "fpr": 0.0, "accuracy": 0.0,
                        "precision_ci95": null, "recall_ci95": null},
              "calibration": {"n": 0, "positives": 0, "brier": null, "ece": null, "mce": null,
                              "auroc": null, "average_precision": null,
                              "reliability": [
                {"bin": 0, "lower": 0.0, "upper": 0.1, "count": 0, "mean_predicted": null, "observed_frequency": null},
                {"bin": 1, "lower": 0.1, "upper": 0.2, "count": 0, "mean_predicted": null, "observed_frequency": null},
                {"bin": 2, "lower": 0.2, "upper": 0.3, "count": 0, "mean_predicted": null, "observed_frequency": null},
                {"bin": 3, "lower": 0.3, "upper": 0.4, "count": 0, "mean_predicted": null, "observed_frequency": null},
                {"bin": 4, "lower": 0.4, "upper": 0.5, "count": 0, "mean_predicted": null, "observed_frequency": null},
                {"bin": 5, "lower": 0.5, "upper": 0.6, "count": 0, "mean_predicted": null, "observed_frequency": null},
                {"bin": 6, "lower": 0.6, "upper": 0.7, "count": 0, "mean_predicted": null, "observed_frequency": null},
                {"bin": 7, "lower": 0.7, "upper": 0.8, "count": 0, "mean_predicted": null, "observed_frequency": null},
                {"bin": 8, "lower": 0.8, "upper": 0.9, "count": 0, "mean_predicted": null, "observed_frequency": null},
                {"bin": 9, "lower": 0.9, "upper": 1.0, "count": 0, "mean_predicted": null, "observed_frequency": null}
              ]},
              "verdict_confusion": {"TP": {"TP": 0, "SUSPICIOUS": 0, "FP": 0, "null": 0},
                                    "FP": {"TP": 0, "SUSPICIOUS": 0, "FP": 0, "null": 0}},
              "repeats": null,
              "undefined": ["precision", "recall", "f1", "fpr", "accuracy", "parse_failure_rate"]
            }
            """
        )
        let actualDictionary = try #require(actual as? [String: Any])
        let expectedDictionary = try #require(expected as? [String: Any])
        #expect(NSDictionary(dictionary: actualDictionary).isEqual(to: expectedDictionary))
        // Spot-check that nulls are real JSON nulls, not omitted keys or zeros.
        let text = String(decoding: try JSONEncoder().encode(GroupMetrics(items: [], threshold: 0.7)), as: UTF8.self)
        #expect(text.contains(#""repeats":null"#))
        #expect(text.contains(#""precision_ci95":null"#))
        #expect(text.contains(#""auroc":null"#))
        #expect(text.contains(#""mean_predicted":null"#))
    }

    @Test("undefined lists exactly the metrics whose denominator is 0; their values stay 0.0 (zero_division=0)")
    func undefinedList() throws {
        // Two benign cases, neither alerted: precision (no alert) and recall (no attack) are undefined; FPR is 0/2.
        let metrics = GroupMetrics(items: [scored("b1", .fp, "FP", 0.9), scored("b2", .fp, "FP", 0.8)], threshold: 0.7)
        #expect(metrics.undefined == ["precision", "recall", "f1"])
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(metrics)) as? [String: Any])
        #expect(json["undefined"] as? [String] == ["precision", "recall", "f1"])
        let alert = try #require(json["alert"] as? [String: Any])
        #expect(alert["precision"] as? Double == 0.0)
        #expect(alert["fpr"] as? Double == 0.0)
        #expect(metrics.alert.definedPrecision == nil)
        #expect(metrics.alert.definedFPR == 0.0)
    }

    @Test("intervals are [lo, hi] arrays; repeat entries keep null verdicts and majority")
    func populated() throws {
        let items = mixedGroup + [
            scored("g", .tp, nil, nil, status: .noMatch, sample: 1),
            scored("a", .tp, "FP", 0.9, sample: 1),
        ]
        let group = GroupMetrics(items: items, threshold: 0.7)
        let object = try #require(try jsonObject(group) as? [String: Any])
        let alert = try #require(object["alert"] as? [String: Any])
        let recallCI = try #require(alert["recall_ci95"] as? [Double])
        #expect(recallCI.count == 2)
        #expect(close(group.alert.recallCI95?.lower, recallCI[0]))  // JSONSerialization may round the last digit
        let repeats = try #require(object["repeats"] as? [String: Any])
        #expect(Set(repeats.keys) == ["n_cases", "flipped_cases", "flip_rate", "cases"])
        let cases = try #require(repeats["cases"] as? [[String: Any]])
        let g = try #require(cases.first { $0["case_id"] as? String == "g" })
        #expect(Set(g.keys) == ["case_id", "label", "samples", "verdicts", "majority", "alerts", "flipped", "alert_flipped"])
        #expect(g["majority"] is NSNull)
        let verdicts = try #require(g["verdicts"] as? [Any])
        #expect(verdicts.count == 2 && verdicts.allSatisfy { $0 is NSNull })
        #expect(g["label"] as? String == "TP")
        let a = try #require(cases.first { $0["case_id"] as? String == "a" })
        #expect(a["verdicts"] as? [String] == ["TP", "FP"])
        #expect(a["majority"] as? String == "TP")  // 1–1 tie → TP
        #expect(a["flipped"] as? Bool == true)
        // And it decodes back to the same value.
        #expect(try JSONDecoder().decode(GroupMetrics.self, from: JSONEncoder().encode(group)) == group)
    }

    @Test("a verdict outside TP/SUSPICIOUS/FP is an extra key, not dropped")
    func extraVerdict() throws {
        let confusion = VerdictConfusion(items: [scored("x", .fp, "BENIGN", 0.9), scored("y", .fp, "FP", 0.9)])
        #expect(confusion.fp == VerdictCounts(fp: 1, other: ["BENIGN": 1]))
        let object = try #require(try jsonObject(confusion) as? [String: [String: Int]])
        #expect(object["FP"] == ["TP": 0, "SUSPICIOUS": 0, "FP": 1, "null": 0, "BENIGN": 1])
        #expect(object["TP"] == ["TP": 0, "SUSPICIOUS": 0, "FP": 0, "null": 0])
        #expect(try JSONDecoder().decode(VerdictConfusion.self, from: JSONEncoder().encode(confusion)) == confusion)
    }

    @Test("an interval must be exactly [lo, hi]")
    func intervalShape() throws {
        #expect(try JSONDecoder().decode(ConfidenceInterval.self, from: Data("[0.25, 0.5]".utf8)) == ConfidenceInterval(lower: 0.25, upper: 0.5))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ConfidenceInterval.self, from: Data("[0.1, 0.2, 0.3]".utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ConfidenceInterval.self, from: Data("[0.1]".utf8))
        }
    }
}
