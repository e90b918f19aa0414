import Testing
import TriageEval

@Suite("Terminal neutralisation")
struct TerminalTextTests {
    @Test("escape, OSC, C1 and bidirectional controls become visible escapes", arguments: [
        ("\u{1B}[2J\u{1B}[Hfake: ALL TESTS PASSED", #"\u{1B}[2J\u{1B}[Hfake: ALL TESTS PASSED"#),
        ("\u{1B}]8;;http://evil\u{07}click\u{1B}]8;;\u{1B}\\", #"\u{1B}]8;;http://evil\u{07}click\u{1B}]8;;\u{1B}\"#),
        ("over\rwrite", #"over\u{0D}write"#),
        ("\u{9B}31mred\u{85}", #"\u{9B}31mred\u{85}"#),
        ("invoice\u{202E}fdp.exe", #"invoice\u{202E}fdp.exe"#),
        ("a\u{2066}b\u{2069}c\u{202A}", #"a\u{2066}b\u{2069}c\u{202A}"#),
        ("nul\u{00}del\u{7F}", #"nul\u{00}del\u{7F}"#),
    ])
    func neutralised(_ input: String, _ expected: String) {
        #expect(TerminalText.neutralized(input) == expected)
        #expect(TerminalText.unsafeCount(in: input) > 0)
    }

    @Test("newlines, tabs and ordinary Unicode are kept as they are")
    func kept() {
        let text = "line 1\n\tline 2 — café 日本 \u{200D} ✓"
        #expect(TerminalText.neutralized(text) == text)
        #expect(TerminalText.unsafeCount(in: text) == 0)
    }
}
