internal import Yams

/// Reads `triage-eval.yaml`, rejecting unknown keys and invalid values with their line.
public enum ConfigParser {
    static let rootKeys: Set<String> = ["store", "cases", "prompts", "reports", "models", "decision", "gate", "variants", "variant_seed", "transforms"]
    static let modelKeys: Set<String> = [
        "id", "provider", "model", "base_url", "api_key_env", "path", "params", "concurrency", "rpm", "max_retries", "timeout_s", "price", "circuit_breaker", "batch_size",
        // provider-specific settings, kept as written in `options`
        "deployment", "api_version", "auth", "region", "inference_id", "project", "location",
        "bearer_token_env", "username_env", "password_env", "access_key_env", "secret_key_env", "session_token_env",
    ]
    static let optionKeys: [String] = [
        "deployment", "api_version", "auth", "region", "inference_id", "project", "location",
        "bearer_token_env", "username_env", "password_env", "access_key_env", "secret_key_env", "session_token_env",
    ]
    static let paramKeys: Set<String> = ["temperature", "max_tokens", "seed", "top_p"]
    static let priceKeys: Set<String> = ["input_per_mtok", "output_per_mtok"]

    /// Parses the config text. `file` is the name used in errors.
    public static func parse(_ text: String, file: String) throws(InputError) -> TriageConfig {
        var config = TriageConfig()
        guard let node = try YAMLMapping.compose(text, file: file) else { return config }
        let map = try YAMLMapping(node, file: file, path: "")
        try map.checkKeys(rootKeys)
        config.store = try map.string("store") ?? config.store
        config.cases = try map.string("cases") ?? config.cases
        config.prompts = try map.string("prompts") ?? config.prompts
        config.reports = try map.string("reports") ?? config.reports
        if let decision = try map.submapping("decision") {
            config.decision = try AlertPolicyParser.parse(decision, defaults: config.decision)
        }
        if let gate = try map.submapping("gate") {
            config.gate = try parseGate(gate)
        }
        var seen: Set<String> = []
        for (index, node) in try map.list("models").enumerated() {
            let model = try parseModel(try YAMLMapping(node, file: file, path: "models[\(index)]"))
            guard seen.insert(model.id).inserted else {
                throw InputError(file: file, line: node.mark?.line, field: "models[\(index)].id", message: "duplicate model id \"\(model.id)\"")
            }
            config.models.append(model)
        }
        config.transforms = try UserTransformParser.parse(try map.list("transforms"), file: file)
        config.variants = try map.stringList("variants")
        for (index, name) in config.variants.enumerated() {
            do {
                _ = try VariantTransform.resolve([name], user: config.transforms, file: file, field: "variants[\(index)]")
            } catch {
                var located = error
                located.line = map.value("variants")?.mark?.line
                throw located
            }
        }
        if let seed = try map.int("variant_seed") {
            guard seed >= 0 else { throw map.error("variant_seed", "must not be negative") }
            config.variantSeed = UInt64(seed)
        }
        return config
    }

    /// Parses a gate policy: the `gate:` block, or a policy file holding those keys at its top level.
    public static func parseGatePolicy(_ text: String, file: String) throws(InputError) -> GatePolicy {
        guard let node = try YAMLMapping.compose(text, file: file) else {
            throw InputError(file: file, message: "the policy file is empty")
        }
        return try parseGate(try YAMLMapping(node, file: file, path: ""))
    }

    static func parseGate(_ map: YAMLMapping) throws(InputError) -> GatePolicy {
        try map.checkKeys(Set(GatePolicy.CodingKeys.allCases.map(\.rawValue)))
        func fraction(_ key: String) throws(InputError) -> Double? {
            guard let value = try map.double(key) else { return nil }
            guard (0...1).contains(value) else { throw map.error(key, "must lie in [0, 1], got \(value)") }
            return value
        }
        var gate = GatePolicy(
            minRecall: try fraction("min_recall"), minPrecision: try fraction("min_precision"), maxFPR: try fraction("max_fpr"),
            maxParseFailureRate: try fraction("max_parse_failure_rate"), maxECE: try fraction("max_ece"),
            maxRecallDrop: try fraction("max_recall_drop"), significance: try fraction("significance"),
            maxErrorRate: try fraction("max_error_rate"),
            maxAttackSuppression: try robustnessLimit(map, "max_attack_suppression"), maxFlipRate: try robustnessLimit(map, "max_flip_rate")
        )
        if let flaky = try map.string("flaky") {
            guard let policy = GatePolicy.FlakyPolicy(rawValue: flaky) else { throw map.error("flaky", "must be majority or all, got \"\(flaky)\"") }
            gate.flaky = policy
        }
        return gate
    }

    /// A robustness limit: a fraction for every transform together and each one, or a mapping of `all` and
    /// transform names to fractions.
    static func robustnessLimit(_ map: YAMLMapping, _ key: String) throws(InputError) -> RobustnessLimit? {
        guard let node = map.value(key) else { return nil }
        guard node.mapping != nil else {
            guard let value = try map.double(key) else { return nil }
            guard (0...1).contains(value) else { throw map.error(key, "must lie in [0, 1], got \(value)") }
            return .everywhere(value)
        }
        guard let limits = try map.submapping(key) else { return nil }
        var limit = RobustnessLimit()
        for name in limits.keys {
            guard let value = try limits.double(name) else { continue }
            guard (0...1).contains(value) else { throw limits.error(name, "must lie in [0, 1], got \(value)") }
            if name == "all" { limit.overall = value } else { limit.transforms[name] = value }
        }
        return limit
    }

    static func parseModel(_ map: YAMLMapping) throws(InputError) -> ModelConfig {
        try map.checkKeys(modelKeys)
        let id = try map.requiredString("id")
        let providerText = try map.requiredString("provider")
        guard let provider = ProviderKind(rawValue: providerText) else {
            let known = ProviderKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw map.error("provider", "unknown provider \"\(providerText)\"; known: \(known)")
        }
        var model = ModelConfig(id: id, provider: provider)
        model.model = try map.string("model")
        model.baseURL = try map.string("base_url")
        model.apiKeyEnv = try map.string("api_key_env")
        model.path = try map.string("path")
        for key in optionKeys {
            if let value = try map.string(key) { model.options[key] = value }
        }
        if let params = try map.submapping("params") {
            try params.checkKeys(paramKeys)
            model.params = ModelConfig.Parameters(
                temperature: try params.double("temperature"), maxTokens: try params.int("max_tokens"),
                seed: try params.int("seed"), topP: try params.double("top_p")
            )
        }
        if let value = try map.int("concurrency") {
            guard value >= 1 else { throw map.error("concurrency", "must be at least 1") }
            model.concurrency = value
        }
        if let value = try map.int("rpm") {
            guard value >= 1 else { throw map.error("rpm", "must be at least 1") }
            model.rpm = value
        }
        if let value = try map.int("max_retries") {
            guard value >= 0 else { throw map.error("max_retries", "must not be negative") }
            model.maxRetries = value
        }
        if let value = try map.double("timeout_s") {
            guard value > 0, value.isFinite else { throw map.error("timeout_s", "must be a positive number of seconds, got \(value)") }
            model.timeoutSeconds = value
        }
        if let value = try map.int("circuit_breaker") {
            guard value >= 0 else { throw map.error("circuit_breaker", "must not be negative (0 disables it)") }
            model.circuitBreaker = value
        }
        if let value = try map.int("batch_size") {
            guard let limit = provider.maxBatchSize else {
                throw map.error("batch_size", "model \"\(id)\": provider \(provider.rawValue) sends one prompt per request; batch_size applies to esql-completion only")
            }
            guard (1...limit).contains(value) else {
                throw map.error("batch_size", "model \"\(id)\": must be an integer from 1 to \(limit) (ES|QL COMPLETION runs over at most \(limit) rows), got \(value)")
            }
            model.batchSize = value
        }
        if let price = try map.submapping("price") {
            try price.checkKeys(priceKeys)
            func usd(_ key: String) throws(InputError) -> Double {
                let value = try price.double(key) ?? 0
                guard value >= 0, value.isFinite else { throw price.error(key, "must be a finite amount of USD ≥ 0, got \(value)") }
                return value
            }
            model.price = ModelConfig.Price(inputPerMTok: try usd("input_per_mtok"), outputPerMTok: try usd("output_per_mtok"))
        }
        if provider == .replay, model.path == nil {
            throw map.error(at: nil, field: map.fieldPath("path"), "is required for a replay model (the JSONL of recorded answers)")
        }
        if let key = model.apiKeyEnv, key.contains(where: { $0 == " " || $0 == "-" }) || key.hasPrefix("sk-") {
            throw map.error("api_key_env", "must name an environment variable (e.g. OPENAI_API_KEY), never hold the key itself")
        }
        return model
    }
}
