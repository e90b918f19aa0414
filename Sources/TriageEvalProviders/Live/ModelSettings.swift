import Foundation
import TriageEval

/// Reads one model's configuration and environment for a provider, rejecting what is missing or wrong
/// before any call, as ``InputError``s naming the model and field. Every secret it reads is kept in
/// ``secretsRead``, so the provider's errors can be redacted of them.
struct ModelSettings {
    /// The secret values read so far (a reference: the builders take settings by value).
    final class SecretsRead {
        private(set) var values: [String] = []
        func add(_ value: String) { values.append(value) }
    }

    let model: ModelConfig
    let environment: [String: String]
    /// The config file as the user named it (`--config`), for errors.
    let file: String
    let secretsRead = SecretsRead()

    func error(_ field: String, _ message: String) -> InputError {
        InputError(file: file, field: "models[\(model.id)].\(field)", message: message)
    }

    /// Fails on options this provider does not use (`region` on an OpenAI model is a mistake, not a no-op).
    func checkOptions(allowed: Set<String>) throws(InputError) {
        for key in model.options.keys.sorted() where !allowed.contains(key) {
            let known = allowed.isEmpty ? "it takes none" : "it takes \(allowed.sorted().joined(separator: ", "))"
            throw error(key, "is not an option of provider \(model.provider.rawValue); \(known)")
        }
    }

    /// The `model` field, required.
    func requiredModel(_ meaning: String = "the provider's model name") throws(InputError) -> String {
        guard let name = model.model, !name.isEmpty else { throw error("model", "is required (\(meaning))") }
        return name
    }

    func requiredOption(_ key: String, _ meaning: String) throws(InputError) -> String {
        guard let value = model.options[key], !value.isEmpty else { throw error(key, "is required for provider \(model.provider.rawValue) (\(meaning))") }
        return value
    }

    /// `base_url` if given (it must be an absolute http(s) URL), else `fallback`.
    func baseURL(default fallback: String?) throws(InputError) -> String {
        guard let text = model.baseURL else {
            guard let fallback else { throw error("base_url", "is required for provider \(model.provider.rawValue)") }
            return fallback
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else {
            throw error("base_url", "must be an absolute http:// or https:// URL without query, got \"\(text)\"")
        }
        return text
    }

    /// The value of the environment variable named by `field` (or `defaultName` when the field is not set).
    func secret(field: String, name: String?, defaultName: String) throws(InputError) -> Secret {
        let variable = name ?? defaultName
        guard let value = environment[variable], !value.isEmpty else {
            throw error(field, "environment variable \(variable) is not set")
        }
        secretsRead.add(value)
        return Secret(value)
    }

    /// A secret derived from the ones read (e.g. a Basic credential's base64), kept for redaction too.
    func derivedSecret(_ value: String) {
        secretsRead.add(value)
    }

    /// A value that is not a secret (a user name), from the variable an option names or `defaultName`.
    func optionValue(_ key: String, defaultName: String) throws(InputError) -> String {
        let variable = model.options[key] ?? defaultName
        guard let value = environment[variable], !value.isEmpty else {
            throw error(key, "environment variable \(variable) is not set")
        }
        return value
    }

    /// The API key from `api_key_env`, or from `defaultName` when `api_key_env` is not set.
    func apiKey(defaultName: String) throws(InputError) -> Secret {
        try secret(field: "api_key_env", name: model.apiKeyEnv, defaultName: defaultName)
    }

    /// The API key from `api_key_env` if that field is set; nil when it is not.
    func optionalAPIKey() throws(InputError) -> Secret? {
        guard let name = model.apiKeyEnv else { return nil }
        return try secret(field: "api_key_env", name: name, defaultName: name)
    }

    /// A secret from the variable an option names, e.g. `password_env: ES_PASSWORD`.
    func optionSecret(_ key: String, defaultName: String) throws(InputError) -> Secret {
        try secret(field: key, name: model.options[key], defaultName: defaultName)
    }
}
