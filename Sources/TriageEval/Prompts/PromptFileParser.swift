internal import Foundation
internal import Mustache
internal import Yams
import EsqlEngine

/// Reads a `prompts/<id>/<version>.prompt` file: YAML front matter between `---` lines, then a Mustache template.
///
/// The body is the user message. A body whose first line is `--- system ---` holds two templates: the
/// system part up to a `--- user ---` line, then the user part (each marker alone on its line).
///
/// Everything that can be checked without a model is checked here, when the prompt loads:
/// front matter keys, the output pattern (a bad `DISSECT` pattern is an error now, not at run time),
/// and every template variable against what cases supply.
public enum PromptFileParser {
    static let frontMatterKeys: Set<String> = ["id", "version", "description", "entity", "output", "decision"]
    static let outputKeys: Set<String> = ["format", "pattern", "append_separator", "verdicts", "fields", "verdict", "confidence", "summary", "secondary", "schema"]
    static let fieldKeys: Set<String> = ["verdict", "confidence", "summary"]

    /// Parses a prompt file. `defaults` is the config's `decision:` block, used where the prompt sets none.
    /// `readSchema` returns the text of a schema file named by `output.schema` (a path relative to the
    /// prompt file), nil when it cannot be read.
    public static func parse(
        _ text: String, file: String, defaults: AlertPolicy, readSchema: (String) -> String? = { _ in nil }
    ) throws(InputError) -> PromptVersion {
        let (frontMatter, whole, wholeLine) = try split(text, file: file)
        let (system, body, bodyLine) = try splitRoles(whole, file: file, line: wholeLine)
        // A leading newline keeps YAML line numbers equal to file line numbers (the `---` is line 1).
        guard let node = try YAMLMapping.compose("\n" + frontMatter, file: file) else {
            throw InputError(file: file, line: 2, message: "front matter is empty; it needs at least id and version")
        }
        let map = try YAMLMapping(node, file: file, path: "")
        try map.checkKeys(frontMatterKeys)

        let id = try map.requiredString("id")
        let version = try map.requiredString("version")
        var entity: Entity.Kind?
        if let entityText = try map.string("entity") {
            guard let kind = Entity.Kind(rawValue: entityText) else { throw map.error("entity", "must be host or user") }
            entity = kind
        }
        let decision = try parseDecision(map, defaults: defaults)
        let output = try parseOutput(map, verdictCase: decision.verdictCase)
        let schema = try parseSchema(map, promptID: id, readSchema: readSchema)
        if let condition = decision.condition {
            guard let declared = output.declared else {
                throw map.error("decision", "where needs declared fields (a format: json prompt with typed output.fields); a DISSECT prompt decides with alert_verdicts and min_confidence")
            }
            do {
                _ = try DecisionCondition(condition, fields: declared.fields)
            } catch {
                throw (try map.submapping("decision"))?.error("where", error.message) ?? map.error("decision", error.message)
            }
        } else {
            for verdict in decision.alertVerdicts where !output.verdicts.contains(verdict) {
                throw map.error("decision", "alert verdict \(verdict) is not among output.verdicts \(output.verdicts)")
            }
        }

        var variables = try checkVariables(body, file: file, bodyLine: bodyLine)
        let compiled = try compile(body, file: file, bodyLine: bodyLine)
        var systemCompiled: MustacheTemplate?
        if let system {
            variables.formUnion(try checkVariables(system.text, file: file, bodyLine: system.line))
            systemCompiled = try compile(system.text, file: file, bodyLine: system.line)
        }

        return PromptVersion(
            id: id, version: version, description: try map.string("description") ?? "", entity: entity,
            output: output, decision: decision, template: body, systemTemplate: system?.text, variables: variables, text: text,
            sha256: PromptVersion.sha256(text: text, schemaFileText: schema?.fileText),
            file: file, renderer: .mustache(user: compiled, system: systemCompiled),
            schema: schema?.schema, schemaFileText: schema?.fileText
        )
    }

    /// The line that opens a system part (the body's first line) and the one that ends it.
    static let systemMarker = "--- system ---"
    static let userMarker = "--- user ---"

    /// Splits a body into its optional system part and its user part, with the 1-based file line each starts on.
    static func splitRoles(_ body: String, file: String, line: Int) throws(InputError) -> (system: (text: String, line: Int)?, user: String, userLine: Int) {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        func isMarker(_ text: Substring, _ marker: String) -> Bool { text.trimmingCharacters(in: .whitespaces) == marker }
        guard let first = lines.first, isMarker(first, systemMarker) else {
            if let stray = lines.firstIndex(where: { isMarker($0, systemMarker) || isMarker($0, userMarker) }) {
                throw InputError(file: file, line: line + stray, message: "a `\(systemMarker)` line must be the first line of the template, and `\(userMarker)` must follow it")
            }
            return (nil, body, line)
        }
        let markers = lines.indices.filter { isMarker(lines[$0], userMarker) }
        guard markers.count == 1, let userIndex = markers.first else {
            throw InputError(file: file, line: line, message: "a template that opens with `\(systemMarker)` needs exactly one `\(userMarker)` line (found \(markers.count))")
        }
        if let stray = lines.indices.dropFirst().first(where: { isMarker(lines[$0], systemMarker) }) {
            throw InputError(file: file, line: line + stray, message: "a second `\(systemMarker)` line")
        }
        let system = lines[1..<userIndex].joined(separator: "\n")
        let user = lines[(userIndex + 1)...].joined(separator: "\n")
        guard !system.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw InputError(file: file, line: line, message: "the system part is empty")
        }
        guard !user.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw InputError(file: file, line: line + userIndex, message: "the user part after `\(userMarker)` is empty")
        }
        return ((system, line + 1), user, line + userIndex + 1)
    }

    /// Compiles one template part; errors carry file lines.
    static func compile(_ body: String, file: String, bodyLine: Int) throws(InputError) -> MustacheTemplate {
        do {
            // Prompts are plain text: no HTML escaping of alert fields.
            return try MustacheTemplate(string: "{{%CONTENT_TYPE:TEXT}}" + body)
        } catch let error as MustacheTemplate.ParserError {
            throw InputError(file: file, line: bodyLine + error.context.lineNumber - 1, column: error.context.columnNumber, message: "template: \(error.error)")
        } catch {
            throw InputError(file: file, line: bodyLine, message: "template: \(error)")
        }
    }

    /// Splits front matter from body; the body loses exactly one trailing newline (editors add one).
    static func split(_ text: String, file: String) throws(InputError) -> (String, String, Int) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
            throw InputError(file: file, line: 1, message: "a prompt starts with a `---` line, then YAML front matter, then `---`")
        }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else {
            throw InputError(file: file, line: 1, message: "front matter is not closed by a `---` line")
        }
        let frontMatter = lines[1..<end].joined(separator: "\n")
        lines = Array(lines[(end + 1)...])
        var body = lines.joined(separator: "\n")
        if body.hasSuffix("\n") { body.removeLast() }
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw InputError(file: file, line: end + 2, message: "the template after the front matter is empty")
        }
        return (frontMatter, body, end + 2)
    }

    static func parseDecision(_ map: YAMLMapping, defaults: AlertPolicy) throws(InputError) -> AlertPolicy {
        guard let decision = try map.submapping("decision") else { return defaults }
        return try AlertPolicyParser.parse(decision, defaults: defaults, allowsCondition: true)
    }

    static func parseOutput(_ map: YAMLMapping, verdictCase: VerdictCase) throws(InputError) -> OutputSpec {
        guard let output = try map.submapping("output") else {
            throw InputError(file: map.file, field: "output", message: "is required: the answer format (format: dissect with a pattern, or format: json)")
        }
        try output.checkKeys(outputKeys)
        let verdicts = try output.stringList("verdicts")
        let formatName = try output.requiredString("format")
        guard formatName == "dissect" || formatName == "json" else {
            throw output.error("format", "must be dissect or json, got \"\(formatName)\"")
        }
        if formatName == "json", let declared = try DeclaredOutputParser.parse(output, verdicts: verdicts.isEmpty ? ["TP", "FP", "SUSPICIOUS"] : verdicts) {
            return OutputSpec(
                format: .json(verdictField: declared.verdict.field, confidenceField: declared.confidence?.field ?? "", summaryField: declared.summary ?? ""),
                verdicts: verdicts.isEmpty ? ["TP", "FP", "SUSPICIOUS"] : verdicts, verdictCase: verdictCase,
                verdictKey: declared.verdict.field, confidenceKey: declared.confidence?.field ?? "", summaryKey: declared.summary ?? "",
                declared: declared
            )
        }
        for key in DeclaredOutputParser.roleKeys where output.has(key) {
            throw output.error(key, "needs typed fields (output.fields entries with type:) in a format: json prompt")
        }
        var fields = (verdict: "verdict", confidence: "confidence", summary: "summary")
        if let names = try output.submapping("fields") {
            try names.checkKeys(fieldKeys)
            fields = (try names.string("verdict") ?? fields.verdict, try names.string("confidence") ?? fields.confidence, try names.string("summary") ?? fields.summary)
        }
        let format: OutputSpec.Format
        if formatName == "dissect" {
            let pattern = try output.requiredString("pattern")
            format = .dissect(pattern: pattern, appendSeparator: try output.string("append_separator") ?? "")
        } else {
            format = .json(verdictField: fields.verdict, confidenceField: fields.confidence, summaryField: fields.summary)
        }
        let spec = OutputSpec(
            format: format, verdicts: verdicts.isEmpty ? ["TP", "FP", "SUSPICIOUS"] : verdicts, verdictCase: verdictCase,
            verdictKey: fields.verdict, confidenceKey: fields.confidence, summaryKey: fields.summary
        )
        if case .dissect(let pattern, let separator) = format {
            let keys: [String]
            do {
                keys = try DissectPattern(pattern, appendSeparator: separator).outputKeys
            } catch {
                throw output.error("pattern", "invalid DISSECT pattern: \(error)")
            }
            for key in [fields.verdict, fields.confidence] where !keys.contains(key) {
                throw output.error("pattern", "does not extract the key \"\(key)\" (fields.\(key == fields.verdict ? "verdict" : "confidence"))")
            }
        }
        return spec
    }

    static func checkVariables(_ body: String, file: String, bodyLine: Int) throws(InputError) -> Set<String> {
        let references: [TemplateVariables.Reference]
        do {
            references = try TemplateVariables.scan(body)
        } catch {
            switch error {
            case .unsupported(let tag, let line, let reason):
                throw InputError(file: file, line: bodyLine + line - 1, message: "template tag {{\(tag)}}: \(reason)")
            }
        }
        for reference in references where !CaseContext.structuredNames.contains(reference.name) {
            if reference.inPython, CaseContext.documentNames.contains(reference.name) { continue }
            if CaseContext.documentNames.contains(reference.name) {
                throw InputError(
                    file: file, line: bodyLine + reference.line - 1,
                    message: "template uses {{\(reference.name)}}: a case's documents are Python values, read them in a {{#python}}…{{/python}} section (e.g. json.dumps(\(reference.name)))"
                )
            }
            let known = reference.inPython ? CaseContext.structuredNames.union(CaseContext.documentNames) : CaseContext.structuredNames
            let suggestion = known.min { editDistance($0, reference.name) < editDistance($1, reference.name) }
            let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
            throw InputError(
                file: file, line: bodyLine + reference.line - 1,
                message: "template uses {{\(reference.name)}}, which cases do not supply\(hint); see `triage-eval prompts variables`"
            )
        }
        return Set(references.map(\.name))
    }

    /// Levenshtein distance, for "did you mean" hints.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
