import Foundation
import TriageEval

/// Anthropic structured output by a forced tool: one tool whose `input_schema` is the prompt's schema, and
/// `tool_choice: {"type": "tool", "name": …}`, so the answer is a `tool_use` block whose `input` follows it.
enum AnthropicStructuredOutput {
    struct Tool: Encodable {
        let name: String
        let description: String
        let inputSchema: OrderedJSON
        enum CodingKeys: String, CodingKey {
            case name, description
            case inputSchema = "input_schema"
        }
    }

    struct ToolChoice: Encodable {
        let type: String
        let name: String
    }

    static func tools(_ schema: ResponseSchema?) -> [Tool]? {
        schema.map { [Tool(name: $0.name, description: "Record the answer in the required structure.", inputSchema: $0.value)] }
    }

    static func toolChoice(_ schema: ResponseSchema?) -> ToolChoice? {
        schema.map { ToolChoice(type: "tool", name: $0.name) }
    }

    /// The `input` of the response's first `tool_use` block as compact JSON (members in the order sent); nil
    /// when there is none.
    static func toolInput(in body: Data) -> String? {
        guard let response = OrderedJSON.parse(String(decoding: body, as: UTF8.self)) else { return nil }
        let block = response.member("content")?.items.first { $0.member("type")?.string == "tool_use" }
        return block?.member("input")?.compactText
    }
}
