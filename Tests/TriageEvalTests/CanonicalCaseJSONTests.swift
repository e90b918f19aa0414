import Foundation
import StubTestSupport
import Testing
@testable import TriageEval

/// The hand-written canonical encoder must write exactly the bytes Foundation's `JSONEncoder` (sorted keys,
/// slashes unescaped) writes, or every stored case's content hash would change: a differential test against
/// Foundation itself on fixture cases and on generated cases full of awkward strings and numbers.
@Suite struct CanonicalCaseJSONTests {
    static func foundation(_ item: TriageCase) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(item)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Deterministic generator (SplitMix64), so a failure names a reproducible case.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Quotes, backslashes, every control character, `/`, DEL, non-ASCII, combining marks, emoji, U+2028.
    static let awkward: [Unicode.Scalar] = (0..<0x20).map { Unicode.Scalar(UInt8($0)) }
        + ["\"", "\\", "/", "'", "<", ">", "&", "\u{7F}", "\u{80}", "é", "e", "\u{301}", "ß", "漢", "😀", "👩‍💻".unicodeScalars.first!, "\u{200D}",
           "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFD}", "\u{10FFFF}", "a", "Z", "0", " ", ":", ",", "{", "]"]

    static func text(_ rng: inout Generator) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...12, using: &rng) { scalars.append(awkward.randomElement(using: &rng)!) }
        return String(scalars)
    }

    static let doubles: [Double] = [
        0, -0.0, 1, 47, 99.5, 21, 100, 0.1, 1.0 / 3, 1e-7, 1e-5, 0.0001, 0.001, 1e15, 1e16, 1e17, 1e21, 1e22, 123456789012345678,
        9007199254740993, 5e-324, .leastNormalMagnitude, .greatestFiniteMagnitude, -2.5, 1e100, -1e-100, 2.2250738585072014e-308,
    ]

    static func generated(_ count: Int) -> [TriageCase] {
        var rng = Generator(state: 15)
        return (0..<count).map { n in
            var item = TriageCase(id: "gen-\(n)", label: n % 2 == 0 ? .tp : .fp, scenario: text(&rng))
            item.tags = (0..<Int.random(in: 0...3, using: &rng)).map { _ in text(&rng) }
            if n % 5 != 0 { item.entity = Entity(type: n % 3 == 0 ? .user : .host, name: text(&rng), id: n % 4 == 0 ? nil : text(&rng)) }
            item.alertCount = n % 7 == 0 ? nil : Int.random(in: -5...Int.max, using: &rng) >> Int.random(in: 0...62, using: &rng)
            item.timeWindowMinutes = n % 6 == 0 ? nil : n
            if n % 8 != 0 {
                // Listed awkward values, and random finite bit patterns (every exponent, subnormals, integers as doubles).
                let bits = Double(bitPattern: rng.next())
                item.maxRiskScore = n % 2 == 0 ? doubles[n % doubles.count] : (bits.isFinite ? bits : Double(n) * 1e10)
            }
            item.rules = (0..<Int.random(in: 0...4, using: &rng)).map { _ in text(&rng) }
            item.commandLines = [text(&rng) + #"C:\Windows\System32\cmd.exe /c "x""#]
            item.users = n % 3 == 0 ? [] : [text(&rng)]
            item.emails = [text(&rng)]
            item.alertSummary = n % 4 == 0 ? text(&rng) : nil
            item.source = n % 2 == 0 ? text(&rng) : nil
            item.notes = n % 3 == 0 ? text(&rng) : nil
            item.executedAt = n % 10 == 0 ? "2026-01-01T00:00:00Z" : nil
            if n % 9 == 0 { item.expected = [text(&rng): text(&rng), "B": "x", "a_b": "y", "ab": "z"] }
            if n % 11 == 0 {
                item.documents = [CaseDocument(index: text(&rng), id: text(&rng), source: #"{"a":"\/x","b":1.50}"#)]
                item.rowLabels = [RowLabel(match: [RowLabel.Match(column: text(&rng), value: text(&rng))], label: .tp, notes: text(&rng))]
            }
            if n % 13 == 0 {
                item.variantOf = text(&rng)
                item.transform = text(&rng)
            }
            return item
        }
    }

    @Test func generatedCasesEncodeAsJSONEncoderDoes() {
        let cases = Self.generated(5000)
        var mismatches: [String] = []
        for item in cases where item.canonicalJSON() != Self.foundation(item) {
            mismatches.append("\(item.id): \(item.canonicalJSON()) ≠ \(Self.foundation(item))")
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
        // The generator did reach the awkward corners.
        #expect(cases.contains { $0.canonicalJSON().contains(#"\u001f"#) })
        #expect(cases.contains { $0.canonicalJSON().contains("😀") && $0.canonicalJSON().contains("/") })
        #expect(cases.contains { $0.canonicalJSON().contains(#""max_risk_score":-0,"#) })
        #expect(cases.contains { $0.canonicalJSON().contains("e-") })
        #expect(cases.contains { $0.expected != nil } && cases.contains { $0.documents != nil } && cases.contains { $0.isVariant })
    }

    @Test func fixtureCasesEncodeAsJSONEncoderDoes() throws {
        var cases = try CaseFileParser.read(
            String(decoding: try TestFixtures.data("cases-jsonl/mixed.jsonl"), as: UTF8.self), file: "mixed.jsonl"
        ).cases
        let directory = try TestFixtures.path("workspace/cases")
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
            let text = try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
            cases += try CaseFileParser.parse(text, file: name)
        }
        #expect(cases.count > 50)
        for item in cases {
            #expect(item.canonicalJSON() == Self.foundation(item), "\(item.id)")
            #expect(EncodedCase(item).body == Self.foundation(item))
            #expect(EncodedCase(item).contentHash == SHA256Hex.of(Self.foundation(item)))
        }
    }

    @Test func aNonFiniteNumberHasNoJSONFormAsInFoundation() {
        for value in [Double.nan, .infinity, -.infinity] {
            var item = TriageCase(id: "x", label: .tp, scenario: "s")
            item.maxRiskScore = value
            #expect(Self.foundation(item) == "")
            #expect(item.canonicalJSON() == "")
        }
    }
}
