import CommandSupport
import ArgumentParser
import Foundation
import TriageEval
import TriageEvalProviders
import TriageEvalReports
import TriageEvalEngine
import TriageEvalStore

struct ResultsPushCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Bulk-index a run's results into Elasticsearch (ECS-style fields, no prompts; answers only with --include-responses).",
        discussion: "The API key is read from the environment variable named by --api-key-env (sent as `Authorization: ApiKey …`)."
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The run (default: the latest).", valueName: "ID"))
    var run: Int64?

    @Option(help: ArgumentHelp("Elasticsearch base URL.", valueName: "URL"))
    var url: String

    @Option(help: "The index (or data stream) to write to.")
    var index = "triage-eval-results"

    @Option(name: .customLong("api-key-env"), help: ArgumentHelp("Environment variable holding an Elasticsearch API key.", valueName: "NAME"))
    var apiKeyEnv: String?

    @Flag(name: .customLong("include-responses"), help: "Include the models' raw answers (they can echo alert fields).")
    var includeResponses = false

    @Option(name: .customLong("bulk-size"), help: ArgumentHelp("Result documents per _bulk request (a big run is read and sent a page at a time).", valueName: "N"))
    var bulkSize = 1000

    func validate() throws {
        guard bulkSize >= 1 else { throw ValidationError("--bulk-size must be at least 1") }
    }

    func run() async throws {
        let (workspace, store) = try global.open()
        let info = try await RunLoader(store: store, defaults: workspace.config.decision).run(run)
        guard let endpoint = URL(string: url.hasSuffix("/") ? url + "_bulk" : url + "/_bulk"), endpoint.scheme?.hasPrefix("http") == true else {
            throw UsageError(SecretRedactor().redact("--url must be an http(s) URL, got \"\(url)\""))
        }
        var headers = [HTTPHeader("Content-Type", "application/x-ndjson")]
        var redactor = SecretRedactor()
        if let apiKeyEnv {
            guard let key = ProcessInfo.processInfo.environment[apiKeyEnv], !key.isEmpty else {
                throw UsageError("--api-key-env \(apiKeyEnv): the variable is not set")
            }
            headers.append(HTTPHeader("Authorization", "ApiKey \(key)"))
            redactor = SecretRedactor(secrets: [key])
        }
        let transport = URLSessionTransport(maxConnections: 1, timeoutSeconds: 120)
        // One page of results per request: memory stays flat however big the run. Document ids are stable, so a
        // push stopped half-way is finished by pushing again (the documents sent are overwritten, not duplicated).
        var sent = 0
        var after: Int64 = 0
        while true {
            let page = try await store.resultPage(run: info.id, after: after, limit: bulkSize)
            guard let last = page.last else { break }
            after = last
            let body = try ResultDocuments.bulkBody(run: info, results: page.results, index: index, includeResponses: includeResponses)
            let stopped = sent == 0 ? "nothing was indexed" : "the first \(sent) result documents were indexed; push again to finish (ids are stable)"
            let response: HTTPResponse
            do {
                response = try await transport.send(HTTPRequest(url: endpoint, headers: headers, body: Data(body.utf8)))
            } catch {
                throw UsageError(redactor.redact("\(endpoint.absoluteString): \(error)") + "; \(stopped)")
            }
            let reply = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any]
            guard (200..<300).contains(response.status), reply?["errors"] as? Bool == false else {
                let errors = reply?["errors"] as? Bool == true ? " with item errors" : ""
                throw UsageError(redactor.redact("\(endpoint.absoluteString)") + " answered \(response.status)\(errors); nothing is retried; \(stopped)")
            }
            sent += page.results.count
        }
        print("run \(info.id): \(sent) result documents indexed into \(index)")
    }
}
