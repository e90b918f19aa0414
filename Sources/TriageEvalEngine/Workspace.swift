public import TriageEval
internal import Foundation

/// The project a command works in: `triage-eval.yaml` and the case, prompt and report directories it names.
///
/// Paths in the config are relative to the config file's directory, so commands work from anywhere
/// with `--config`.
public struct Workspace: Sendable {
    public var config: TriageConfig
    /// The config file as named (for errors).
    public var configFile: String
    /// Directory relative paths are resolved against.
    public var directory: String

    public init(config: TriageConfig, configFile: String, directory: String) {
        self.config = config
        self.configFile = configFile
        self.directory = directory
    }

    /// Loads `path`, or `triage-eval.yaml` in the current directory.
    public static func load(configPath: String?) throws(InputError) -> Workspace {
        let file = configPath ?? "triage-eval.yaml"
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            let hint = configPath == nil ? " (run from the project directory, or pass --config FILE)" : ""
            throw InputError(file: file, message: "cannot read the config file\(hint)")
        }
        let config = try ConfigParser.parse(text, file: file)
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
        return Workspace(config: config, configFile: file, directory: directory)
    }

    /// An absolute path for a config-relative one.
    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: directory).appendingPathComponent(path).path
    }

    /// A path for messages: relative to the current directory when possible.
    public func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    public var storePath: String { resolve(config.store) }
    public var reportsDirectory: String { resolve(config.reports) }

    /// Case files (`.yaml`, `.yml`, `.jsonl`) under the configured directory (or the given files/directories), sorted.
    public func caseFiles(_ paths: [String] = []) throws(InputError) -> [String] {
        let roots = paths.isEmpty ? [resolve(config.cases)] : paths
        var files: [String] = []
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else {
                throw InputError(file: display(root), message: "no such file or directory")
            }
            if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
                files += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".jsonl") }.sorted().map { "\(root)/\($0)" }
            } else {
                files.append(root)
            }
        }
        return files
    }

    /// Loads every `prompts/<id>/<version>.prompt`, checking that names match the front matter.
    public func loadPrompts() throws -> [PromptVersion] {
        let root = resolve(config.prompts)
        let manager = FileManager.default
        guard let ids = try? manager.contentsOfDirectory(atPath: root) else {
            throw InputError(file: display(root), message: "cannot read the prompts directory")
        }
        var prompts: [PromptVersion] = []
        var errors: [InputError] = []
        for id in ids.sorted() {
            let directory = "\(root)/\(id)"
            let files = ((try? manager.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".prompt") }.sorted()
            for name in files {
                let path = "\(directory)/\(name)"
                do throws(InputError) {
                    prompts.append(try loadPrompt(path, expectedID: id, expectedVersion: String(name.dropLast(".prompt".count))))
                } catch {
                    errors.append(error)
                }
            }
        }
        if !errors.isEmpty { throw InputErrors(errors) }
        return prompts
    }

    /// Loads one prompt file.
    public func loadPrompt(_ path: String, expectedID: String? = nil, expectedVersion: String? = nil) throws(InputError) -> PromptVersion {
        let name = display(path)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError(file: name, message: "cannot read the prompt file")
        }
        let promptDirectory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let prompt = try PromptFileParser.parse(text, file: name, defaults: config.decision) { schemaPath in
            let url = schemaPath.hasPrefix("/") ? URL(fileURLWithPath: schemaPath) : promptDirectory.appendingPathComponent(schemaPath)
            return try? String(contentsOf: url, encoding: .utf8)
        }
        if let expectedID, prompt.id != expectedID {
            throw InputError(file: name, field: "id", message: "is \"\(prompt.id)\" but the file lives in prompts/\(expectedID)/")
        }
        if let expectedVersion, prompt.version != expectedVersion {
            throw InputError(file: name, field: "version", message: "is \"\(prompt.version)\" but the file is named \(expectedVersion).prompt")
        }
        return prompt
    }
}
