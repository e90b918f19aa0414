import EsqlEngine
import Foundation
import StubTestSupport
import Testing
@testable import TriageEval

@Suite struct AlertGroupingTests {
    func alerts() throws -> [EsqlRow] {
        try AlertDocuments.parse(String(decoding: try TestFixtures.data("alerts/alerts.ndjson"), as: UTF8.self), file: "alerts.ndjson")
    }

    @Test func nestedDottedAndHitDocumentsReadAlike() throws {
        let rows = try AlertDocuments.parse(#"""
            {"host": {"name": "a"}, "kibana.alert.risk_score": 47, "@timestamp": "2026-11-30T09:00:00Z", "tags": ["x", "y"]}
            {"_id": "1", "_source": {"host.name": "a", "kibana": {"alert": {"risk_score": 73.5}}}}
            """#, file: "a.ndjson")
        #expect(rows[0]["host.name"] == .string("a"))
        #expect(rows[1]["host.name"] == .string("a"))
        #expect(rows[0]["kibana.alert.risk_score"] == .double(47))
        #expect(rows[1]["kibana.alert.risk_score"] == .double(73.5))
        #expect(rows[0]["@timestamp"] == .datetime(1_796_029_200_000))
        #expect(rows[0]["tags"] == .strings(["x", "y"]))
        #expect(throws: InputError(file: "b.ndjson", line: 2, message: "expected one JSON object per line (an alert document)")) {
            try AlertDocuments.parse("{}\nnot json", file: "b.ndjson")
        }
    }

    @Test func theRulesFiltersAndStatsMakeTheFourCases() throws {
        let rule = try DetectionRule(toml: try RuleFixtures.text(RuleFixtures.currentHost), file: "host.toml")
        let labels = try LabelFileParser.parse(String(decoding: try TestFixtures.data("alerts/labels.yaml"), as: UTF8.self), file: "labels.yaml")
        let drafts = try AlertGrouping.drafts(from: try alerts(), stages: AlertGrouping.Stages(rule: rule), labels: labels, source: "test")
        let byName = Dictionary(uniqueKeysWithValues: drafts.map { ($0.item.entity?.name ?? "", $0) })
        // WS-MKT-0007 has two distinct rules: the rule's `where … count_distinct >= 3` drops it.
        #expect(Set(byName.keys) == ["WS-HR-0412", "SRV-APP-21", "WS-FIN-0118", "WS-FIN-0231"])
        #expect(drafts.allSatisfy { $0.labeled })

        let lsass = try #require(byName["WS-FIN-0231"]?.item)
        // The threat_match and risk-21 alerts on this host are filtered out by the rule.
        #expect(lsass.alertCount == 5)
        #expect(lsass.maxRiskScore == 99)
        #expect(lsass.timeWindowMinutes == 2)
        #expect(lsass.label == .tp)
        #expect(lsass.scenario == "LSASS")
        #expect(lsass.entity?.id == "0b8f4a2e-5c1d-4f7a-9e3b-7d2c6a1f8e40")
        #expect(Set(lsass.rules).count == 4)
        #expect(!lsass.rules.contains("Threat Intel Indicator Match"))

        let certutil = try #require(byName["WS-FIN-0118"]?.item)
        // Closed, "Deprecated - *" and higher-order (KQL on tags) alerts are filtered out.
        #expect(certutil.alertCount == 6)
        #expect(!certutil.rules.contains { $0.hasPrefix("Deprecated") || $0.hasPrefix("LLM-Based") || $0 == "Closed Alert Rule" })
        #expect(byName["WS-HR-0412"]?.item.label == .fp)

        // Each draft renders through the rule itself.
        let prompt = try RuleFixtures.prompt(RuleFixtures.currentHost)
        #expect(drafts.allSatisfy { prompt.accepts($0.item) })
    }

    @Test func withoutARuleTheBuiltInStatsGroupEverything() throws {
        let drafts = try AlertGrouping.drafts(from: try alerts(), stages: try AlertGrouping.Stages(kind: .host), source: "test")
        #expect(drafts.count == 5)
        #expect(drafts.allSatisfy { !$0.labeled })
        #expect(drafts.first { $0.item.entity?.name == "WS-FIN-0118" }?.item.alertCount == 9)
        let yaml = try CaseYAMLWriter.yaml(drafts.map(\.item), unlabeled: Set(drafts.map(\.item.id)))
        #expect(yaml.contains("label: null"))
        // Drafts are not cases until labeled.
        #expect(try CaseFileParser.parse(yaml, file: "drafts.yaml").isEmpty)
        let labeled = yaml.replacingFirst("label: null", with: "label: TP")
        #expect(try CaseFileParser.parse(labeled, file: "drafts.yaml").count == 1)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
