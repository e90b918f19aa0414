import Testing
import TriageEvalReports

/// Reports show bidirectional overrides instead of applying them (an entity such as `&#8238;` still applies).
@Suite("Bidirectional overrides in reports")
struct BidiEscapingTests {
    @Test("HTML and XML show every override and isolate as \\u{…}", arguments: Array(0x202A...0x202E) + Array(0x2066...0x2069))
    func html(_ value: Int) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let escaped = HTMLText.escape("invoice\(Character(scalar))fdp.exe")
        #expect(!escaped.unicodeScalars.contains(scalar))
        #expect(escaped == "invoice\\u{\(String(value, radix: 16, uppercase: true))}fdp.exe")
    }

    @Test("Markdown shows them as \\u{…} too, its backslash escaped")
    func markdown() {
        let escaped = MarkdownText.escape("invoice\u{202E}fdp.exe \u{2067}x")
        #expect(!escaped.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
        #expect(!escaped.contains("&#8238;"))
        #expect(escaped == #"invoice\\u{202E}fdp.exe \\u{2067}x"#)
    }
}
