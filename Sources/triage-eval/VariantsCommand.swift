import ArgumentParser
import TriageEval
import TriageEvalEngine

/// `triage-eval variants --list`: the robustness transforms `run --variants` accepts, each with what it does.
struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants",
        abstract: "List the robustness transforms `run --variants NAME,…` applies (built in, and transforms: in the config).",
        discussion: """
            A variant is a derived case base~transform~n with its base's label; only attacker-controlled values change. \
            The seed (--variant-seed, variant_seed:) fixes every random choice.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "List every transform with a one-paragraph description.")
    var list = false

    func validate() throws {
        guard list else { throw ValidationError("nothing to do: use --list") }
    }

    func run() throws {
        let workspace = try global.workspace()
        let transforms = VariantTransform.available(user: workspace.config.transforms)
        print(transforms.map { "\($0.name)\n" + Self.wrap($0.summary, width: 100, indent: "    ") }.joined(separator: "\n\n"))
    }

    /// `text` in lines of at most `width` characters, each indented.
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty, indent.count + line.count + 1 + word.count > width {
                lines.append(indent + line)
                line = String(word)
            } else {
                line = line.isEmpty ? String(word) : line + " " + word
            }
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines.joined(separator: "\n")
    }
}
