/// Parses a prompt version from recorded text, whichever kind it is: a detection rule (named by its
/// recorded id and version) or a `.prompt` file (named by its front matter).
public enum StoredPromptParser {
    /// `schemaText` is the schema file's text recorded with the version, read in place of the file.
    public static func parse(
        text: String, file: String, id: String, version: String, kind: PromptVersion.Kind, defaults: AlertPolicy, schemaText: String? = nil
    ) throws(InputError) -> PromptVersion {
        switch kind {
        case .rule: try RulePromptParser.parse(text, file: file, id: id, version: version, defaults: defaults)
        case .template: try PromptFileParser.parse(text, file: file, defaults: defaults, readSchema: { _ in schemaText })
        }
    }
}
