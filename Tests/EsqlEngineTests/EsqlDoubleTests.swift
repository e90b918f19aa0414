import Testing
import EsqlEngine

@Suite("EsqlDouble: TO_DOUBLE of a string")
struct EsqlDoubleTests {
    @Test("accepted as Java's Double.parseDouble accepts", arguments: [
        ("0.85", 0.85), ("85", 85.0), (" 0.9", 0.9), ("0.9 ", 0.9), ("0.9\n", 0.9), ("\t0.9\r\n", 0.9),
        (".9", 0.9), ("1.", 1.0), ("+0.9", 0.9), ("-0.25", -0.25), ("1e-1", 0.1), ("1E+2", 100.0),
        ("0.9d", 0.9), ("0.9f", 0.9), ("0.9D", 0.9), ("0.9F", 0.9), ("1.f", 1.0),
        ("0x1p-1", 0.5), ("0X1P1", 2.0), ("0x.8p1", 1.0), ("0x1.8p+1", 3.0), ("0x1p1d", 2.0), ("-0x1p0", -1.0),
        ("007", 7.0), ("1e-400", 0.0), ("\u{0}0.5\u{1F}", 0.5),
    ] as [(String, Double)])
    func accepted(_ text: String, _ value: Double) {
        #expect(EsqlDouble.parse(text) == value)
    }

    @Test("null where ES|QL gives null", arguments: [
        "85%", "0,9", "", "   ", "NaN", "Infinity", "-Infinity", "+NaN", "nan", "inf", "1e400", "-1e400", "0x1p1024",
        "0.9 (high)", "0.9.1", "０.９", "0.9,", "<0.9>", "**0.9**", ".", "e1", "1e", "1e+", "+", "0x1", "0x", "0xp1",
        "0.9ff", "0.9dd", "f", "1_000", "0.9 high", "\u{A0}0.9", "0.9\u{A0}", "1/2", "--1", "+-1", "0b1", "٠.٩",
    ])
    func rejected(_ text: String) {
        #expect(EsqlDouble.parse(text) == nil)
    }
}
