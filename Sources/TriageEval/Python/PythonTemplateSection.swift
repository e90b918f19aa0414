internal import Mustache

/// `{{#python}}EXPRESSION{{/python}}` in a prompt template: the expression is evaluated over the case's
/// values (``CaseContext/pythonValues``) and written as an f-string hole writes it (`str()`), so a template
/// reproduces an analyzer script's prompt byte for byte, e.g.
/// `{{#python}}json.dumps(alert, indent=2, default=str)[:3000]{{/python}}`.
///
/// Expressions are parsed when the prompt loads (``PythonExpressionParser``); what only a case's data can
/// make fail (`.get` on a list, a missing key) renders as `[python error: …]` in the prompt text, where
/// `render`, `try` and reports show it.
enum PythonTemplateSection {
    /// The section name.
    static let name = "python"

    /// The lambda Mustache calls with the section's raw text.
    static func lambda(_ values: @escaping @Sendable () -> [String: PythonValue]) -> MustacheLambda {
        MustacheLambda { text in Rendered(text: render(text, values: values())) }
    }

    /// The text the expression `text` renders to over `values`.
    static func render(_ text: String, values: [String: PythonValue]) -> String {
        do {
            let expression = try PythonExpressionParser.parse(text)
            return PythonText.str(try PythonEvaluator(names: values).evaluate(expression))
        } catch let error as PythonExpressionError {
            return "[python error: \(error.message)]"
        } catch let error as PythonEvaluator.Failure {
            return "[python error: \(error.message)]"
        } catch {
            return "[python error: \(error)]"
        }
    }

    /// A lambda result Mustache writes as is (a `String` result would be parsed again as a template,
    /// and alert text containing `{{` would then be expanded).
    struct Rendered: CustomStringConvertible {
        let text: String
        var description: String { text }
    }
}
