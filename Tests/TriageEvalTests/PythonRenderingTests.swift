import EsqlEngine
import Foundation
import StubTestSupport
import Testing
@testable import TriageEval

/// One CPython vector: `expected` is `str(eval(expression))` with `doc = json.loads(document)`.
private struct RenderVector: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let document: String
    let expression: String
    let expected: String
    var testDescription: String { "\(name): \(expression)" }
}

private struct VectorFile<Vector: Decodable>: Decodable {
    let python: String
    let count: Int
    let vectors: [Vector]
}

private func renderVectors() throws -> [RenderVector] {
    try JSONDecoder().decode(VectorFile<RenderVector>.self, from: TestFixtures.data("python/render_vectors.json")).vectors
}

@Suite("Python-faithful rendering: json.dumps, slicing, dict.get, str() as CPython writes them")
struct PythonRenderingTests {
    @Test("every CPython vector renders byte for byte (scripts/generate-python-vectors.py)")
    func vectors() throws {
        let vectors = try renderVectors()
        #expect(vectors.count >= 200)
        var failures: [String] = []
        for vector in vectors {
            guard let document = PythonJSON.loads(vector.document) else {
                failures.append("\(vector.name): document does not load")
                continue
            }
            let rendered = PythonTemplateSection.render(vector.expression, values: ["doc": document]).text
            if Array(rendered.unicodeScalars) != Array(vector.expected.unicodeScalars) {
                failures.append("\(vector.name): \(vector.expression)\n  got      \(rendered.debugDescription.prefix(300))\n  expected \(vector.expected.debugDescription.prefix(300))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(vectors.count) differ:\n\(failures.prefix(15).joined(separator: "\n"))")
    }

    @Test("float repr: Python's switch to exponent notation and its exponent spelling")
    func floatRepr() {
        let cases: [(Double, String)] = [
            (1e16, "1e+16"), (1e15, "1000000000000000.0"), (1.5e-7, "1.5e-07"), (0.0001, "0.0001"), (0.00001, "1e-05"),
            (0, "0.0"), (-0.0, "-0.0"), (100, "100.0"), (0.1 + 0.2, "0.30000000000000004"), (1e100, "1e+100"),
            (5e-324, "5e-324"), (.infinity, "inf"), (.nan, "nan"), (123456789012345678, "1.2345678901234568e+17"),
        ]
        for (value, expected) in cases { #expect(PythonFloat.repr(value) == expected, "\(value)") }
        #expect(PythonJSONDumps.float(.infinity) == "Infinity" && PythonJSONDumps.float(-.infinity) == "-Infinity" && PythonJSONDumps.float(.nan) == "NaN")
    }

    @Test("a dotted key on a nested document is None, as dict.get gives it")
    func dottedGet() throws {
        let alert = try #require(PythonJSON.loads(#"{"host": {"name": "ws-01"}}"#))
        #expect(PythonTemplateSection.render(#"json.dumps({"host": doc.get("host.name")})"#, values: ["doc": alert]).text == #"{"host": null}"#)
        #expect(PythonTemplateSection.render(#"doc.get("host", {}).get("name")"#, values: ["doc": alert]).text == "ws-01")
    }

    @Test("errors only data can cause render visibly; unknown names, functions and options fail at load")
    func errors() throws {
        let list = PythonValue.list([.int(1)])
        #expect(PythonTemplateSection.render(#"doc.get("a")"#, values: ["doc": list]).text == "[python error: AttributeError: 'list' object has no attribute 'get']")
        #expect(PythonTemplateSection.render("doc[5]", values: ["doc": list]).text == "[python error: IndexError: list index out of range]")
        for bad in ["eval('1')", "json.loads(doc)", "json.dumps(doc, cls=str)", "doc.keys()", "doc[::2]", "doc +", "json.dumps(doc, default=repr)"] {
            #expect(throws: PythonExpressionError.self, "\(bad)") { try PythonExpressionParser.parse(bad) }
        }
    }
}

@Suite("{{#python}} sections in prompt templates")
struct PythonTemplateTests {
    static func prompt(body: String) -> String {
        "---\nid: p\nversion: v1\noutput:\n  format: json\n---\n" + body
    }

    static let item = TriageCase(
        id: "c1", label: .tp, scenario: "s", entity: Entity(type: .host, name: "WS-01"), alertCount: 2, timeWindowMinutes: 5,
        maxRiskScore: 73, rules: ["Rule A"], commandLines: ["cmd /c \"{{alert_summary}}\" é"]
    )

    @Test("the section renders the expression over case variables; its output is never read as a template")
    func renders() throws {
        let body = "Alert:\n{{#python}}json.dumps({\"host\": host_name, \"cmds\": command_lines}, indent=2)[:60]{{/python}}\nEnd {{host_name}}"
        let prompt = try PromptFileParser.parse(Self.prompt(body: body), file: "p.prompt", defaults: AlertPolicy())
        #expect(prompt.variables == ["host_name", "command_lines"])
        let expected = "{\n  \"host\": \"WS-01\",\n  \"cmds\": [\n    \"cmd /c \\\"{{alert_summary}}\\\" \\u00e9\"\n  ]\n}"
        #expect(try prompt.render(CaseContext(Self.item)) == "Alert:\n" + String(expected.unicodeScalars.prefix(60)) + "\nEnd WS-01")
    }

    @Test("a bad expression or an unknown name is an error at load, with its line")
    func loadErrors() throws {
        let unknown = try #require(throws: InputError.self) {
            try PromptFileParser.parse(Self.prompt(body: "x\n{{#python}}json.dumps(hostname){{/python}}"), file: "p.prompt", defaults: AlertPolicy())
        }
        #expect(unknown.line == 8)
        #expect(unknown.message.contains("did you mean host_name?"), "\(unknown.message)")
        let syntax = try #require(throws: InputError.self) {
            try PromptFileParser.parse(Self.prompt(body: "{{#python}}json.dumps(\n  host_name,, ){{/python}}"), file: "p.prompt", defaults: AlertPolicy())
        }
        #expect(syntax.line == 8)
        #expect(syntax.message.contains("python expression"), "\(syntax.message)")
        let unclosed = try #require(throws: InputError.self) {
            try PromptFileParser.parse(Self.prompt(body: "{{#python}}host_name"), file: "p.prompt", defaults: AlertPolicy())
        }
        #expect(unclosed.message.contains("not closed"))
    }

    @Test("a section that fails on the case's data makes the render throw (an error result), never text for the model")
    func failingSectionThrows() throws {
        // `command_lines` is a list: `.get` on it fails only when a case is rendered.
        let prompt = try PromptFileParser.parse(Self.prompt(body: "Alert {{host_name}}: {{#python}}command_lines.get(\"x\"){{/python}}"), file: "p.prompt", defaults: AlertPolicy())
        let error = try #require(throws: EsqlError.self) { try prompt.render(CaseContext(Self.item)) }
        #expect(error.message.contains("AttributeError: 'list' object has no attribute 'get'"), "\(error.message)")
        #expect(error.message.contains("{{#python}}command_lines.get(\"x\"){{/python}}"), "\(error.message)")
    }
}
