import Foundation
import StubTestSupport
import Testing

@Suite(.boundedResources) struct ResultsPushCommandTests {
    @Test("Issue 15: results push sends a big run a page at a time (--bulk-size), every result exactly once, ids stable")
    func pushesInPages() async throws {
        let stub = try await StubServer()
        let directory = try CLI.workspace()
        let run = try await CLI.run(["run", "--prompt", "host-triage@v2", "--model", "heuristic", "--quiet"], in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let exported = try await CLI.run(["results", "export", "--format", "jsonl"], in: directory)
        let results = exported.stdout.split(separator: "\n").count
        #expect(results > 25)

        let push = try await CLI.run(["results", "push", "--url", stub.baseURL, "--bulk-size", "10"], in: directory)
        #expect(push.status == 0, "\(push.stderr)")
        #expect(push.stdout.contains("\(results) result documents indexed into triage-eval-results"))
        let bulks = try await stub.requests().filter { $0.path == "/_bulk" }
        #expect(bulks.count == (results + 9) / 10)
        var ids: [String] = []
        for request in bulks {
            let lines = request.body.split(separator: "\n")
            #expect(lines.count <= 20 && lines.count % 2 == 0)
            for (offset, line) in lines.enumerated() where offset % 2 == 0 {
                let action = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                ids.append(try #require((action["index"] as? [String: Any])?["_id"] as? String))
            }
        }
        #expect(ids.count == results)
        #expect(Set(ids).count == results)

        // Pushing again sends the same ids (Elasticsearch overwrites them: no duplicates).
        try await stub.reset()
        let again = try await CLI.run(["results", "push", "--url", stub.baseURL, "--bulk-size", "1000"], in: directory)
        #expect(again.status == 0, "\(again.stderr)")
        let resent = try await stub.requests().filter { $0.path == "/_bulk" }
        #expect(resent.count == 1)
        let resentIDs = try resent[0].body.split(separator: "\n").enumerated().filter { $0.offset % 2 == 0 }.map { line in
            try #require(((try JSONSerialization.jsonObject(with: Data(line.element.utf8)) as? [String: Any])?["index"] as? [String: Any])?["_id"] as? String)
        }
        #expect(Set(resentIDs) == Set(ids))
    }
}
