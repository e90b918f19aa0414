import Foundation
import TriageEval

/// One builder per live wire format: which config keys and environment variables each one reads.
enum LiveProviders {
    /// `api: chat` (default) or `api: responses`.
    static func openAIAPI(_ settings: ModelSettings) throws(InputError) -> OpenAIProvider.API {
        guard let text = settings.model.options["api"] else { return .chat }
        guard let api = OpenAIProvider.API(rawValue: text) else {
            throw settings.error("api", "must be chat or responses, got \"\(text)\"")
        }
        return api
    }

    static func openAI(_ settings: ModelSettings, transport: any HTTPTransport) throws(InputError) -> OpenAIProvider {
        try settings.checkOptions(allowed: ["api"])
        let model = try settings.requiredModel()
        let baseURL = try settings.baseURL(default: OpenAIProvider.defaultBaseURL)
        // OpenAI itself needs a key; an OpenAI-compatible server gets one only when api_key_env is set.
        let isOpenAI = URL(string: baseURL)?.host == "api.openai.com"
        let key = isOpenAI ? try settings.apiKey(defaultName: "OPENAI_API_KEY") : try settings.optionalAPIKey()
        return OpenAIProvider(transport: transport, baseURL: baseURL, model: model, apiKey: key, params: settings.model.params, api: try openAIAPI(settings))
    }

    static func azureOpenAI(_ settings: ModelSettings, transport: any HTTPTransport) throws(InputError) -> AzureOpenAIProvider {
        try settings.checkOptions(allowed: ["api", "deployment", "api_version", "auth", "bearer_token_env"])
        let baseURL = try settings.baseURL(default: nil)
        let options = settings.model.options
        let api = try openAIAPI(settings)
        let route: AzureOpenAIProvider.Route
        if let deployment = options["deployment"] {
            let defaultVersion = api == .responses ? AzureOpenAIProvider.defaultResponsesAPIVersion : AzureOpenAIProvider.defaultAPIVersion
            route = .deployment(name: deployment, apiVersion: options["api_version"] ?? defaultVersion)
        } else {
            if options["api_version"] != nil { throw settings.error("api_version", "applies only with deployment (the v1 API has no api-version)") }
            route = .v1(model: try settings.requiredModel("the deployment name, or set deployment"))
        }
        let auth: AzureOpenAIProvider.Auth
        switch options["auth"] ?? "api-key" {
        case "api-key":
            if options["bearer_token_env"] != nil { throw settings.error("bearer_token_env", "applies only with auth: entra") }
            auth = .apiKey(try settings.apiKey(defaultName: "AZURE_OPENAI_API_KEY"))
        case "entra":
            auth = .entraToken(try settings.optionSecret("bearer_token_env", defaultName: "AZURE_OPENAI_AD_TOKEN"))
        case let other:
            throw settings.error("auth", "must be api-key or entra, got \"\(other)\"")
        }
        return AzureOpenAIProvider(transport: transport, baseURL: baseURL, route: route, auth: auth, params: settings.model.params, api: api)
    }

    static func anthropic(_ settings: ModelSettings, transport: any HTTPTransport) throws(InputError) -> AnthropicProvider {
        try settings.checkOptions(allowed: [])
        return AnthropicProvider(
            transport: transport, baseURL: try settings.baseURL(default: AnthropicProvider.defaultBaseURL), model: try settings.requiredModel(),
            apiKey: try settings.apiKey(defaultName: "ANTHROPIC_API_KEY"), params: settings.model.params
        )
    }

    /// A Bedrock API key when `api_key_env` is set, else SigV4 credentials from `access_key_env`, `secret_key_env`
    /// and (optional) `session_token_env`, defaulting to the standard AWS variables.
    static func bedrock(_ settings: ModelSettings, transport: any HTTPTransport) throws(InputError) -> BedrockProvider {
        try settings.checkOptions(allowed: ["region", "access_key_env", "secret_key_env", "session_token_env"])
        let modelID = try settings.requiredModel("a Bedrock model or inference-profile id")
        let region = try settings.requiredOption("region", "e.g. us-east-1")
        let baseURL = try settings.baseURL(default: BedrockProvider.defaultBaseURL(region: region))
        let auth: BedrockProvider.Auth
        if let key = try settings.optionalAPIKey() {
            for option in ["access_key_env", "secret_key_env", "session_token_env"] where settings.model.options[option] != nil {
                throw settings.error(option, "does not apply with api_key_env (a Bedrock API key replaces SigV4 credentials)")
            }
            auth = .apiKey(key)
        } else {
            let accessKey = try settings.optionSecret("access_key_env", defaultName: "AWS_ACCESS_KEY_ID")
            let secretKey = try settings.optionSecret("secret_key_env", defaultName: "AWS_SECRET_ACCESS_KEY")
            var token: Secret?
            if let name = settings.model.options["session_token_env"] {
                token = try settings.secret(field: "session_token_env", name: name, defaultName: name)
            } else if settings.environment["AWS_SESSION_TOKEN"]?.isEmpty == false {
                token = try settings.secret(field: "session_token_env", name: nil, defaultName: "AWS_SESSION_TOKEN")
            }
            auth = .sigV4(SigV4Credentials(accessKeyID: accessKey.value, secretAccessKey: secretKey, sessionToken: token))
        }
        return BedrockProvider(transport: transport, baseURL: baseURL, modelID: modelID, region: region, auth: auth, params: settings.model.params)
    }

    static func gemini(_ settings: ModelSettings, transport: any HTTPTransport) throws(InputError) -> GeminiProvider {
        try settings.checkOptions(allowed: [])
        return GeminiProvider(
            transport: transport, baseURL: try settings.baseURL(default: GeminiProvider.defaultBaseURL), model: try settings.requiredModel(),
            apiKey: try settings.apiKey(defaultName: "GEMINI_API_KEY"), params: settings.model.params
        )
    }

    /// The OAuth access token (`gcloud auth print-access-token`) comes from `bearer_token_env` or `api_key_env`.
    static func vertex(_ settings: ModelSettings, transport: any HTTPTransport) throws(InputError) -> VertexProvider {
        try settings.checkOptions(allowed: ["project", "location", "bearer_token_env"])
        let model = try settings.requiredModel()
        let project = try settings.requiredOption("project", "the Google Cloud project id")
        let location = settings.model.options["location"] ?? "us-central1"
        let token = settings.model.apiKeyEnv != nil && settings.model.options["bearer_token_env"] == nil
            ? try settings.apiKey(defaultName: "GOOGLE_OAUTH_ACCESS_TOKEN")
            : try settings.optionSecret("bearer_token_env", defaultName: "GOOGLE_OAUTH_ACCESS_TOKEN")
        return VertexProvider(
            transport: transport, baseURL: try settings.baseURL(default: VertexProvider.defaultBaseURL(location: location)), model: model,
            project: project, location: location, accessToken: token, params: settings.model.params
        )
    }

    static func ollama(_ settings: ModelSettings, transport: any HTTPTransport) throws(InputError) -> OllamaProvider {
        try settings.checkOptions(allowed: [])
        return OllamaProvider(
            transport: transport, baseURL: try settings.baseURL(default: OllamaProvider.defaultBaseURL), model: try settings.requiredModel(),
            apiKey: try settings.optionalAPIKey(), params: settings.model.params
        )
    }

    /// Basic auth when `username_env` is set (with `password_env`), else `ApiKey` from `api_key_env` (default `ELASTIC_API_KEY`).
    static func elasticAuth(_ settings: ModelSettings) throws(InputError) -> ElasticAuth {
        let options = settings.model.options
        guard options["username_env"] != nil || options["password_env"] != nil else {
            return .apiKey(try settings.apiKey(defaultName: "ELASTIC_API_KEY"))
        }
        if settings.model.apiKeyEnv != nil { throw settings.error("api_key_env", "does not apply with username_env/password_env (basic auth)") }
        let auth = ElasticAuth.basic(
            username: try settings.optionValue("username_env", defaultName: "ELASTIC_USERNAME"),
            password: try settings.optionSecret("password_env", defaultName: "ELASTIC_PASSWORD")
        )
        settings.derivedSecret(auth.credentials)
        return auth
    }

    static func elasticInference(_ settings: ModelSettings, transport: any HTTPTransport) throws(InputError) -> ElasticInferenceProvider {
        try settings.checkOptions(allowed: ["inference_id", "username_env", "password_env"])
        let baseURL = try settings.baseURL(default: nil)
        let inferenceID = try settings.requiredOption("inference_id", "the completion endpoint created with PUT /_inference/completion/{id}")
        return ElasticInferenceProvider(
            transport: transport, baseURL: baseURL, inferenceID: inferenceID, auth: try elasticAuth(settings), timeoutSeconds: settings.model.timeoutSeconds
        )
    }

    static func esqlCompletion(_ settings: ModelSettings, transport: any HTTPTransport) throws(InputError) -> EsqlCompletionProvider {
        try settings.checkOptions(allowed: ["inference_id", "username_env", "password_env"])
        let baseURL = try settings.baseURL(default: nil)
        let inferenceID = try settings.requiredOption("inference_id", "the completion endpoint ES|QL COMPLETION calls")
        return EsqlCompletionProvider(transport: transport, baseURL: baseURL, inferenceID: inferenceID, auth: try elasticAuth(settings))
    }
}
