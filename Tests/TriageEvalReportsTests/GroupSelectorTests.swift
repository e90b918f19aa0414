import Testing
import TriageEval
@testable import TriageEvalReports

@Suite("Group selectors")
struct GroupSelectorTests {
    @Test("the command-line forms parse", arguments: [
        ("12", GroupSelector(runID: 12)),
        ("12:host-triage@v2/simulated", GroupSelector(runID: 12, prompt: "host-triage@v2", model: "simulated")),
        ("host-triage@v2", GroupSelector(prompt: "host-triage@v2")),
        ("host-triage@v2/simulated", GroupSelector(prompt: "host-triage@v2", model: "simulated")),
        ("simulated", GroupSelector(model: "simulated")),
        ("3:simulated", GroupSelector(runID: 3, model: "simulated")),
    ])
    func parses(text: String, expected: GroupSelector) throws {
        #expect(try GroupSelector(parsing: text, field: "BASE") == expected)
    }

    @Test("malformed selectors are input errors naming the argument", arguments: ["", "x:host-triage@v2", "host-triage/simulated"])
    func rejects(text: String) {
        #expect(throws: InputError.self) { try GroupSelector(parsing: text, field: "BASE") }
    }

    @Test("parts left out come from the other side; ambiguity is an error")
    func resolves() throws {
        let analysis = try HostileRun.analysis()  // host-triage@v1 × a, host-triage@v1 × b
        let prompt = GroupSelector(prompt: "host-triage@v1")
        #expect(throws: InputError.self) { try prompt.resolve(in: analysis, field: "BASE") }
        #expect(try prompt.resolve(in: analysis, hint: ("host-triage@v9", "b"), field: "BASE").model == "b")
        #expect(try GroupSelector(model: "a").resolve(in: analysis, field: "BASE").model == "a")
        #expect(throws: InputError.self) { try GroupSelector(model: "c").resolve(in: analysis, field: "BASE") }
    }
}
