import CommandSupport
import ArgumentParser
import EsqlEngine
import Foundation
import TriageEval
import TriageEvalEngine
import TriageEvalProviders

struct EsqlQueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "esql",
        abstract: "Run an ES|QL query locally: ROW …, or FROM … over documents, with COMPLETION answered by a configured model.",
        discussion: """
            The ROW workflow detection engineers use in Kibana, without a cluster. The query comes from QUERY, --query-file \
            or standard input. FROM picks, by index pattern, the documents of --documents (NDJSON: search hits with _index, \
            or _source documents living in --index). COMPLETION sends each row's prompt to --model (one call per row, \
            at most 100 rows, as Elasticsearch caps it); one failed call fails the query (exit 3), as in Elasticsearch. \
            A query outside the supported ES|QL exits 2 with the line it fails on.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The ES|QL query (default: --query-file, else standard input).")
    var query: String?

    @Option(help: ArgumentHelp("A file holding the query.", valueName: "FILE"))
    var queryFile: String?

    @Option(help: ArgumentHelp("NDJSON documents FROM reads: search hits (with _index) or _source documents.", valueName: "FILE"))
    var documents: String?

    @Option(help: ArgumentHelp("The index of documents given without _index.", valueName: "NAME"))
    var index: String?

    @Option(help: ArgumentHelp("A configured model id that answers COMPLETION.", valueName: "ID"))
    var model: String?

    @Option(help: ArgumentHelp("NOW() as ISO-8601 (default: the current time).", valueName: "TIME"))
    var now: String?

    @Option(help: "Output format.")
    var format: Format = .table

    func run() async throws {
        let (text, source) = try readQuery()
        let commands: [EsqlCommand]
        do {
            commands = try EsqlParser.parse(text)
        } catch {
            throw InputError(file: source, line: error.line, message: error.message)
        }
        let nowMillis = try nowMillis()
        var documentList: [EsqlDocument] = []
        if let documents {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: documents)) } catch { throw InputError(file: documents, message: "cannot read: \(error.localizedDescription)") }
            documentList = try AlertDocuments.documents(String(decoding: data, as: UTF8.self), file: documents, index: index)
        }
        let completion = try completionAnswerer(commands)
        let rows: [EsqlRow]
        do {
            rows = try await EsqlEvaluator.evaluate(commands, documents: documentList, now: nowMillis, completion: completion)
        } catch let error as EsqlError {
            throw InputError(file: source, line: error.line, message: error.message)
        } catch let error as ProviderError {
            printError("error: COMPLETION failed, so the query fails as in Elasticsearch: \(error)")
            throw ExitCode(ExitStatus.incomplete)
        }
        let rendered = EsqlResultFormatter.render(rows, format: format)
        // JSON and CSV are data: byte-exact into a file or pipe (CSV's CRLF included), neutralised on a terminal.
        if format == .table { print(rendered) } else { Terminal.data(rendered + "\n") }
    }

    func readQuery() throws -> (String, String) {
        if let query { return (query, "query") }
        if let queryFile {
            do {
                return (try String(contentsOfFile: queryFile, encoding: .utf8), queryFile)
            } catch {
                throw InputError(file: queryFile, message: "cannot read: \(error.localizedDescription)")
            }
        }
        return (String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self), "stdin")
    }

    func nowMillis() throws -> Int64 {
        guard let now else { return Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
        guard let millis = EsqlValue.parseDate(now) else { throw UsageError("--now: \"\(now)\" is not an ISO-8601 time") }
        return millis
    }

    /// The callback that answers `COMPLETION` with `--model`, in the answer format of the query's
    /// first `DISSECT` after it (offline models answer in it); nil when the query has no `COMPLETION`.
    func completionAnswerer(_ commands: [EsqlCommand]) throws -> EsqlEvaluator.AsyncCompletion? {
        guard let index = commands.firstIndex(where: { if case .completion = $0 { true } else { false } }) else { return nil }
        guard let model else { throw UsageError("the query has a COMPLETION (line \(commands[index].line)): name the model that answers it with --model") }
        let workspace = try global.workspace()
        guard let config = workspace.config.model(model) else {
            throw UsageError("no model \"\(model)\" in the config (configured: \(workspace.config.models.map(\.id).joined(separator: ", ")))")
        }
        let provider = try ProviderFactory.make(config, directory: workspace.directory)
        let spec = Self.outputSpec(commands[commands.index(after: index)...])
        return { request in
            var answers: [EsqlValue] = []
            for (row, prompt) in request.prompts.enumerated() {
                guard let prompt else { answers.append(.null); continue }
                let response = try await provider.complete(CompletionRequest(prompt: prompt, caseID: "esql-row-\(row + 1)", sample: 0, output: spec))
                answers.append(.string(response.text))
            }
            return answers
        }
    }

    /// The answer format: the first `DISSECT` after `COMPLETION`, its keys read by name; else Elastic's triage format.
    static func outputSpec(_ tail: ArraySlice<EsqlCommand>) -> OutputSpec {
        for case .dissect(_, let pattern, _) in tail {
            let keys = pattern.outputKeys
            func key(_ word: String) -> String { keys.first { $0.lowercased().contains(word) } ?? word }
            return OutputSpec(
                format: .dissect(pattern: pattern.pattern, appendSeparator: pattern.appendSeparator),
                verdictKey: key("verdict"), confidenceKey: key("confidence"), summaryKey: key("summary")
            )
        }
        return .esqlTriage
    }
}
