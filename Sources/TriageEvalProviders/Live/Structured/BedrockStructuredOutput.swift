import Foundation
import TriageEval

/// Bedrock Converse structured output by a forced tool: `toolConfig: {"tools": [{"toolSpec": {"name",
/// "description", "inputSchema": {"json": schema}}}], "toolChoice": {"tool": {"name"}}}`; the answer is the
/// `toolUse` block's `input`. (`toolChoice.tool` is supported by Anthropic Claude 3+ and Amazon Nova models.)
enum BedrockStructuredOutput {
    struct ToolConfig: Encodable {
        struct Tool: Encodable {
            struct Spec: Encodable {
                struct InputSchema: Encodable { let json: OrderedJSON }
                let name: String
                let description: String
                let inputSchema: InputSchema
            }
            let toolSpec: Spec
        }
        struct Choice: Encodable {
            struct Named: Encodable { let name: String }
            let tool: Named
        }
        let tools: [Tool]
        let toolChoice: Choice
    }

    static func toolConfig(_ schema: ResponseSchema?) -> ToolConfig? {
        guard let schema else { return nil }
        let spec = ToolConfig.Tool.Spec(
            name: schema.name, description: "Record the answer in the required structure.", inputSchema: .init(json: schema.value)
        )
        return ToolConfig(tools: [ToolConfig.Tool(toolSpec: spec)], toolChoice: .init(tool: .init(name: schema.name)))
    }

    /// The `input` of the first `toolUse` content block, as compact JSON; nil when there is none.
    static func toolInput(in body: Data) -> String? {
        guard let response = OrderedJSON.parse(String(decoding: body, as: UTF8.self)) else { return nil }
        let blocks = response.member("output")?.member("message")?.member("content")?.items ?? []
        return blocks.lazy.compactMap { $0.member("toolUse")?.member("input")?.compactText }.first
    }
}
