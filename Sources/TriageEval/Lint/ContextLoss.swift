/// What one rendered prompt lost of its case's documents (issue 13 item 8, the context-loss lint):
/// the fields its `{{#python}}` sections read with `.get` and got nothing for — above all the dotted-key trap,
/// `alert.get("host.name")` on a document holding `{"host": {"name": …}}` — and the evidence values of the
/// documents (command lines, file, DLL and registry paths) that did not reach the prompt, either cut off by a
/// truncation (`[:3000]`, `alerts[:20]`) or never included (the documents the prompt does not show).
public struct ContextLoss: Sendable, Equatable {
    /// A `.get` that found no such key.
    public struct NullField: Sendable, Equatable {
        /// The key as the template wrote it (`host.name`).
        public var key: String
        /// The value the key names through nested objects, as Python's `str()` writes it; nil when the
        /// document holds nothing there (the field is simply absent).
        public var nestedValue: String?
        /// The dotted-key trap: the document holds the value, nested.
        public var isDottedKeyTrap: Bool { nestedValue != nil }
    }

    /// Where an evidence value ended up.
    public enum Fate: String, Sendable, Equatable {
        /// In the prompt (raw, or JSON-escaped as `json.dumps` writes it).
        case shown
        /// In a value a slice cut: it fell beyond a truncation.
        case cut
        /// In no rendered value at all: the prompt never included it.
        case absent
    }

    /// One evidence value of the case's documents.
    public struct Evidence: Sendable, Equatable {
        /// The document field it came from (`process.command_line`).
        public var field: String
        public var value: String
        public var fate: Fate
    }

    /// Every `.get` miss, in render order, one per key.
    public var nullFields: [NullField]
    /// Every distinct evidence value of the documents, in document order.
    public var evidence: [Evidence]
    /// How many slices cut something (a string truncated, list items dropped).
    public var cuts: Int

    public init(nullFields: [NullField], evidence: [Evidence], cuts: Int) {
        self.nullFields = nullFields
        self.evidence = evidence
        self.cuts = cuts
    }

    /// The null fields the documents hold nested.
    public var dottedKeyTraps: [NullField] { nullFields.filter(\.isDottedKeyTrap) }
    /// Evidence values cut by a truncation.
    public var cutEvidence: [Evidence] { evidence.filter { $0.fate == .cut } }
    /// Evidence values the prompt never included.
    public var absentEvidence: [Evidence] { evidence.filter { $0.fate == .absent } }
    /// Whether the prompt lost anything at all.
    public var isClean: Bool { nullFields.isEmpty && cuts == 0 && evidence.allSatisfy { $0.fate == .shown } }
}
