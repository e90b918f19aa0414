public import Foundation
public import TriageEval

/// Amazon Bedrock Runtime Converse API, signed with SigV4 or authorized with a Bedrock API key.
public struct BedrockProvider: HTTPModelProvider {
    /// How requests authenticate.
    public enum Auth: Sendable {
        /// AWS Signature V4 with signing name `bedrock`.
        case sigV4(SigV4Credentials)
        /// `Authorization: Bearer <Bedrock API key>`.
        case apiKey(Secret)
    }

    public static func defaultBaseURL(region: String) -> String { "https://bedrock-runtime.\(region).amazonaws.com" }

    public let transport: any HTTPTransport
    let endpoint: Endpoint
    let modelID: String
    let region: String
    let auth: Auth
    let params: ModelConfig.Parameters
    /// The signing clock (tests freeze it).
    let now: @Sendable () -> Date

    public init(
        transport: any HTTPTransport, baseURL: String? = nil, modelID: String, region: String, auth: Auth,
        params: ModelConfig.Parameters, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.transport = transport
        self.endpoint = Endpoint(base: baseURL ?? Self.defaultBaseURL(region: region))
        self.modelID = modelID
        self.region = region
        self.auth = auth
        self.params = params
        self.now = now
    }

    struct Body: Encodable {
        struct Message: Encodable {
            struct Block: Encodable { let text: String }
            let role: String
            let content: [Block]
        }
        struct InferenceConfig: Encodable {
            let maxTokens: Int?
            let temperature: Double?
            let topP: Double?
        }
        /// The system part: `[{"text": …}]`.
        let system: [Message.Block]?
        let messages: [Message]
        let inferenceConfig: InferenceConfig?
        /// Structured output: one tool taking the prompt's schema, forced (``BedrockStructuredOutput``).
        var toolConfig: BedrockStructuredOutput.ToolConfig? = nil
    }

    struct Response: Decodable {
        struct Output: Decodable {
            struct Message: Decodable {
                struct Block: Decodable {
                    /// Only its presence is read here; its `input` is taken from the raw body in written order.
                    struct ToolUse: Decodable {}
                    let text: String?
                    let toolUse: ToolUse?
                }
                let content: [Block]?
            }
            let message: Message?
        }
        struct Usage: Decodable {
            let inputTokens: Int?
            let outputTokens: Int?
        }
        let output: Output?
        let stopReason: String?
        let usage: Usage?
    }

    struct ErrorBody: Decodable {
        let message: String?
        let messageUpper: String?
        enum CodingKeys: String, CodingKey {
            case message
            case messageUpper = "Message"
        }
    }

    /// Stop reasons that mean a guardrail or content filter answered instead of the model.
    static let refusalStops: Set<String> = ["guardrail_intervened", "content_filtered"]

    /// Converse has no standard seed; it would go in model-specific `additionalModelRequestFields`.
    public func httpRequest(for request: CompletionRequest) throws(ProviderError) -> HTTPRequest {
        let hasConfig = params.maxTokens != nil || params.temperature != nil || params.topP != nil
        let body = Body(
            system: request.system.map { [Body.Message.Block(text: $0)] },
            messages: [Body.Message(role: "user", content: [Body.Message.Block(text: request.prompt)])],
            inferenceConfig: hasConfig ? Body.InferenceConfig(maxTokens: params.maxTokens, temperature: params.temperature, topP: params.topP) : nil,
            toolConfig: BedrockStructuredOutput.toolConfig(request.schema)
        )
        let url = try endpoint.url(path: "/model/\(Endpoint.encodeSegment(modelID))/converse")
        let unsigned = HTTPRequest(url: url, headers: [HTTPHeader("Content-Type", "application/json")], body: try JSONWire.encode(body))
        switch auth {
        case .sigV4(let credentials):
            return SigV4Signer(credentials: credentials, region: region, service: "bedrock").sign(unsigned, at: now())
        case .apiKey(let key):
            var request = unsigned
            request.headers.append(HTTPHeader("Authorization", "Bearer \(key.value)"))
            return request
        }
    }

    /// Text blocks joined, or the forced tool's `input` as compact JSON when the answer is a `toolUse` block;
    /// `guardrail_intervened` / `content_filtered` stops are refusals.
    public func completion(from response: HTTPResponse) throws(ProviderError) -> CompletionResponse {
        guard response.isSuccess else {
            throw HTTPErrorClassifier.classify(provider: "bedrock", response: response, detail: Self.errorDetail(from: response))
        }
        let decoded = try JSONWire.decode(Response.self, from: response, provider: "bedrock")
        let blocks = decoded.output?.message?.content ?? []
        let text = blocks.contains { $0.toolUse != nil }
            ? BedrockStructuredOutput.toolInput(in: response.body) ?? ""
            : blocks.compactMap(\.text).joined()
        return CompletionResponse(
            text: text, refused: decoded.stopReason.map { Self.refusalStops.contains($0) } ?? false,
            inputTokens: decoded.usage?.inputTokens, outputTokens: decoded.usage?.outputTokens
        )
    }

    /// The exception name comes from `x-amzn-ErrorType` (`ThrottlingException:http://…` ⇒ `ThrottlingException`).
    static func errorDetail(from response: HTTPResponse) -> APIErrorDetail? {
        let name = response.header("x-amzn-errortype").map { String($0.split(separator: ":", maxSplits: 1).first ?? "") }
        let body = JSONWire.decodeError(ErrorBody.self, from: response)
        guard name != nil || body != nil else { return nil }
        let transient: Set<String> = [
            "ThrottlingException", "ModelNotReadyException", "ServiceUnavailableException", "ModelTimeoutException", "InternalServerException",
        ]
        return APIErrorDetail(code: name, message: body?.message ?? body?.messageUpper, isTransient: name.map { transient.contains($0) } ?? false)
    }
}
