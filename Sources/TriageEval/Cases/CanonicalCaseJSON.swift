internal import Foundation

/// Writes a case's canonical JSON byte for byte as Foundation's `JSONEncoder` with `[.sortedKeys,
/// .withoutEscapingSlashes]` writes it (the content hashes of stored cases depend on those bytes), without its
/// per-value `Encoder` machinery, which was a quarter of a big import's time.
///
/// Keys in byte order; `nil` members omitted and lists always written (as the synthesized `Codable` does);
/// strings with `"`, `\` and control characters escaped (`\b \t \n \f \r`, else `\u00xx`), everything else raw;
/// a `Double` as its `description` without a trailing `.0` (`47`, `99.5`, `1e-07`, `-0`). The nested values
/// `documents`, `row_labels` and `expected` are encoded by `JSONEncoder` itself and spliced in.
/// `CanonicalCaseJSONTests` compares the bytes with `JSONEncoder`'s on awkward values.
public enum CanonicalCaseJSON {
    /// The case's members in the order `.sortedKeys` writes them.
    private static let keys = TriageCase.CodingKeys.allCases.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }

    /// The canonical JSON, or nil when the case holds a value with no JSON form (a non-finite number).
    static func encode(_ item: TriageCase) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        out.append(UInt8(ascii: "{"))
        var first = true
        func key(_ name: String) {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            string(name, into: &out)
            out.append(UInt8(ascii: ":"))
        }
        for codingKey in keys {
            let name = codingKey.rawValue
            switch codingKey {
            case .id: key(name); string(item.id, into: &out)
            case .label: key(name); string(item.label.rawValue, into: &out)
            case .scenario: key(name); string(item.scenario, into: &out)
            case .tags: key(name); list(item.tags, into: &out)
            case .entity:
                guard let entity = item.entity else { continue }
                key(name)
                out.append(contentsOf: #"{"#.utf8)
                if let id = entity.id {
                    out.append(contentsOf: #""id":"#.utf8)
                    string(id, into: &out)
                    out.append(UInt8(ascii: ","))
                }
                out.append(contentsOf: #""name":"#.utf8)
                string(entity.name, into: &out)
                out.append(contentsOf: #","type":"#.utf8)
                string(entity.type.rawValue, into: &out)
                out.append(UInt8(ascii: "}"))
            case .alertCount:
                guard let value = item.alertCount else { continue }
                key(name); out.append(contentsOf: String(value).utf8)
            case .timeWindowMinutes:
                guard let value = item.timeWindowMinutes else { continue }
                key(name); out.append(contentsOf: String(value).utf8)
            case .maxRiskScore:
                guard let value = item.maxRiskScore else { continue }
                guard value.isFinite else { return nil }
                key(name); double(value, into: &out)
            case .rules: key(name); list(item.rules, into: &out)
            case .tactics: key(name); list(item.tactics, into: &out)
            case .techniques: key(name); list(item.techniques, into: &out)
            case .commandLines: key(name); list(item.commandLines, into: &out)
            case .parentCommandLines: key(name); list(item.parentCommandLines, into: &out)
            case .users: key(name); list(item.users, into: &out)
            case .filePaths: key(name); list(item.filePaths, into: &out)
            case .dllPaths: key(name); list(item.dllPaths, into: &out)
            case .dnsQueries: key(name); list(item.dnsQueries, into: &out)
            case .registryPaths: key(name); list(item.registryPaths, into: &out)
            case .registryValues: key(name); list(item.registryValues, into: &out)
            case .hosts: key(name); list(item.hosts, into: &out)
            case .sourceIPs: key(name); list(item.sourceIPs, into: &out)
            case .destinationIPs: key(name); list(item.destinationIPs, into: &out)
            case .datasets: key(name); list(item.datasets, into: &out)
            case .executables: key(name); list(item.executables, into: &out)
            case .emails: key(name); list(item.emails, into: &out)
            case .alertSummary:
                guard let value = item.alertSummary else { continue }
                key(name); string(value, into: &out)
            case .documents:
                guard let documents = item.documents else { continue }
                guard let bytes = foundation(documents) else { return nil }
                key(name); out.append(contentsOf: bytes)
            case .executedAt:
                guard let value = item.executedAt else { continue }
                key(name); string(value, into: &out)
            case .rowLabels:
                guard let rowLabels = item.rowLabels else { continue }
                guard let bytes = foundation(rowLabels) else { return nil }
                key(name); out.append(contentsOf: bytes)
            case .expected:
                guard let expected = item.expected else { continue }
                guard let bytes = foundation(expected) else { return nil }
                key(name); out.append(contentsOf: bytes)
            case .source:
                guard let value = item.source else { continue }
                key(name); string(value, into: &out)
            case .notes:
                guard let value = item.notes else { continue }
                key(name); string(value, into: &out)
            case .variantOf:
                guard let value = item.variantOf else { continue }
                key(name); string(value, into: &out)
            case .transform:
                guard let value = item.transform else { continue }
                key(name); string(value, into: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func list(_ values: [String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            string(value, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends a JSON string as `JSONEncoder` escapes it (without escaping `/`).
    public static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
                case 0x08: out.append(contentsOf: #"\b"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0C: out.append(contentsOf: #"\f"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                default: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A finite `Double` as `JSONEncoder` writes it: its shortest round-trip `description`, without `.0`.
    static func double(_ value: Double, into out: inout [UInt8]) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// A nested value encoded by `JSONEncoder` itself (nil when it has no JSON form).
    private static func foundation(_ value: some Encodable) -> [UInt8]? {
        (try? encoder.encode(value)).map(Array.init)
    }
}
