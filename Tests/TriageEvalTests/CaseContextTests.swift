import EsqlEngine
import Testing
@testable import TriageEval

@Suite struct CaseContextTests {
    func text(_ context: CaseContext, _ name: String) -> String? {
        if case .text(let value)? = context.variables[name] { return value }
        return nil
    }

    @Test func joinsAndFallbacksFollowTheRules() {
        let item = TriageCase(
            id: "c", label: .tp, scenario: "S", entity: Entity(type: .host, name: "WS-1", id: "h1"), alertCount: 5,
            timeWindowMinutes: 12, maxRiskScore: 73, rules: ["R1", "R2", "R1"], tactics: ["Execution", "Persistence"],
            commandLines: ["a | b", "c"], users: ["u1", "u2"]
        )
        let context = CaseContext(item)
        #expect(text(context, "rules_str") == "R1; R2; R1")
        #expect(text(context, "unique_rules") == "2")
        #expect(text(context, "tactics_str") == "Execution, Persistence")
        #expect(text(context, "techniques_str") == "unknown")
        #expect(text(context, "cmdlines_str") == "a | b; c")
        #expect(text(context, "dlls_str") == "n/a")
        #expect(text(context, "users_str") == "u1, u2")
        #expect(text(context, "hosts_str") == "unknown")
        #expect(text(context, "max_risk_score") == "73.0")
        #expect(text(context, "host_name") == "WS-1")
        #expect(text(context, "user_name") == nil)
        #expect(context.variables["command_lines"] == .list(["a | b", "c"]))
        #expect(text(context, "alert_summary")?.hasPrefix("Host: WS-1 | Alert count: 5 | Time window: 12 minutes | Max risk score: 73.0 | Rules triggered: R1; R2; R1 |") == true)
    }

    @Test func everyCataloguedNameIsSupplied() {
        let item = TriageCase(id: "c", label: .fp, scenario: "S", entity: Entity(type: .host, name: "h"), alertCount: 1, timeWindowMinutes: 0, maxRiskScore: 21, rules: ["R"])
        let supplied = Set(CaseContext(item).variables.keys)
        let expectedMissing: Set<String> = ["user_name", "user_id"]
        #expect(CaseContext.structuredNames.subtracting(supplied) == expectedMissing)
    }

    @Test func esqlDoubleText() {
        #expect(EsqlText.double(99) == "99.0")
        #expect(EsqlText.double(47.5) == "47.5")
        #expect(EsqlText.double(0) == "0.0")
    }
}
