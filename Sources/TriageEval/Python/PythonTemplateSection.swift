internal import Mustache
internal import Synchronization

/// `{{#python}}EXPRESSION{{/python}}` in a prompt template: the expression is evaluated over the case's
/// values (``CaseContext/pythonValues``) and written as an f-string hole writes it (`str()`), so a template
/// reproduces an analyzer script's prompt byte for byte, e.g.
/// `{{#python}}json.dumps(alert, indent=2, default=str)[:3000]{{/python}}`.
///
/// Expressions are parsed when the prompt loads (``PythonExpressionParser``); what only a case's data can
/// make fail (`.get` on a list, a missing key) is recorded in the render's ``Failures``, and the prompt's
/// render throws: the run stores an error result, never a prompt with an error in it.
enum PythonTemplateSection {
    /// The section name.
    static let name = "python"

    /// What the sections of one render failed on, in order.
    final class Failures: Sendable {
        private let recorded = Mutex<[String]>([])
        func add(_ message: String) { recorded.withLock { $0.append(message) } }
        var messages: [String] { recorded.withLock { $0 } }
    }

    /// The lambda Mustache calls with the section's raw text; a failure is recorded in `failures`.
    static func lambda(_ values: @escaping @Sendable () -> [String: PythonValue], failures: Failures, trace: PythonTrace? = nil) -> MustacheLambda {
        MustacheLambda { text in
            let rendered = render(text, values: values(), trace: trace)
            if let failure = rendered.failure { failures.add("{{#python}}\(text){{/python}}: \(failure)") }
            return Rendered(text: rendered.text)
        }
    }

    /// The text the expression `text` renders to over `values`, or `[python error: …]` and the failure.
    static func render(_ text: String, values: [String: PythonValue], trace: PythonTrace? = nil) -> (text: String, failure: String?) {
        let failure: String
        do {
            let expression = try PythonExpressionParser.parse(text)
            return (PythonText.str(try PythonEvaluator(names: values, trace: trace).evaluate(expression)), nil)
        } catch let error as PythonExpressionError {
            failure = error.message
        } catch let error as PythonEvaluator.Failure {
            failure = error.message
        } catch {
            failure = "\(error)"
        }
        return ("[python error: \(failure)]", failure)
    }

    /// A lambda result Mustache writes as is (a `String` result would be parsed again as a template,
    /// and alert text containing `{{` would then be expanded).
    struct Rendered: CustomStringConvertible {
        let text: String
        var description: String { text }
    }
}
