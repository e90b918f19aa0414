internal import Foundation

/// Finds the variable names a Mustache template reads, with the line each appears on.
///
/// swift-mustache renders a missing variable as an empty string; scanning the tags when a prompt
/// loads turns a misspelt `{{cmdline_str}}` into an error instead of a silently emptier prompt.
enum TemplateVariables {
    struct Reference: Equatable {
        var name: String
        /// 1-based line within the template body.
        var line: Int
        /// Read by a `{{#python}}` expression (documents are Python values there only).
        var inPython = false
    }

    enum ScanError: Error, Equatable {
        case unsupported(tag: String, line: Int, reason: String)
    }

    /// The variables referenced by `template`, in order of appearance.
    static func scan(_ template: String) throws(ScanError) -> [Reference] {
        var references: [Reference] = []
        var rest = Substring(template)
        var line = 1
        while let open = rest.range(of: "{{") {
            line += rest[..<open.lowerBound].count(where: \.isNewline)
            let triple = rest[open.upperBound...].hasPrefix("{")
            let bodyStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            let closer = triple ? "}}}" : "}}"
            guard let close = rest[bodyStart...].range(of: closer) else { break }
            let body = rest[bodyStart..<close.lowerBound]
            let tagLine = line
            line += body.count(where: \.isNewline)
            rest = rest[close.upperBound...]
            if !triple, body.trimmingCharacters(in: .whitespaces) == "#" + PythonTemplateSection.name {
                let closer = "{{/" + PythonTemplateSection.name + "}}"
                guard let end = rest.range(of: closer) else {
                    throw .unsupported(tag: String(body), line: tagLine, reason: "the python section is not closed by \(closer)")
                }
                let text = String(rest[..<end.lowerBound])
                do {
                    references += try PythonExpressionParser.parse(text).names.map { Reference(name: $0, line: tagLine, inPython: true) }
                } catch {
                    throw .unsupported(tag: String(body), line: tagLine + error.line - 1, reason: "python expression: \(error.message)")
                }
                line += text.count(where: \.isNewline)
                rest = rest[end.upperBound...]
                continue
            }
            if let name = try variableName(in: String(body), line: tagLine) {
                references.append(Reference(name: name, line: tagLine))
            }
        }
        return references
    }

    /// The root variable a tag reads, or nil for comments, closers and pragmas.
    private static func variableName(in tag: String, line: Int) throws(ScanError) -> String? {
        var body = tag.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let sigil = body.first else { return nil }
        switch sigil {
        case "!", "/", "%": return nil
        case ">", "<", "$": throw .unsupported(tag: tag, line: line, reason: "partials and inheritance are not available in prompts")
        case "=": throw .unsupported(tag: tag, line: line, reason: "changing delimiters is not supported in prompts")
        case "#", "^", "&": body = String(body.dropFirst()).trimmingCharacters(in: .whitespacesAndNewlines)
        default: break
        }
        // Transforms: `{{uppercased(name)}}` reads `name`.
        if let open = body.lastIndex(of: "("), let close = body.firstIndex(of: ")"), open < close {
            body = String(body[body.index(after: open)..<close])
        }
        if body == "." || body.isEmpty { return nil }
        return String(body.split(separator: ".", maxSplits: 1).first ?? Substring(body))
    }
}
