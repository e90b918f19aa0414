/// Parses a prompt version from recorded text, whichever kind it is: a detection rule (`*.toml`,
/// named by its recorded id and version) or a `.prompt` file (named by its front matter).
public enum StoredPromptParser {
    public static func parse(text: String, file: String, id: String, version: String, defaults: AlertPolicy) throws(InputError) -> PromptVersion {
        if file.hasSuffix(".toml") {
            return try RulePromptParser.parse(text, file: file, id: id, version: version, defaults: defaults)
        }
        return try PromptFileParser.parse(text, file: file, defaults: defaults)
    }
}
