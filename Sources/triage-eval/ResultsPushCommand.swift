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

    func run() async throws {
        let (workspace, store) = try global.open()
        let info = try await RunLoader(store: store, defaults: workspace.config.decision).run(run)
        let results = try await store.results(run: info.id)
        let body = try ResultDocuments.bulkBody(run: info, results: results, index: index, includeResponses: includeResponses)
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
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(url: endpoint, headers: headers, body: Data(body.utf8)))
        } catch {
            throw UsageError(redactor.redact("\(endpoint.absoluteString): \(error)"))
        }
        let status = response.status
        let data = response.body
        let reply = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        guard (200..<300).contains(status), reply?["errors"] as? Bool == false else {
            throw UsageError(redactor.redact("\(endpoint.absoluteString)") + " answered \(status)\(reply?["errors"] as? Bool == true ? " with item errors" : ""); nothing is retried")
        }
        print("run \(info.id): \(results.count) result documents indexed into \(index)")
    }
}
