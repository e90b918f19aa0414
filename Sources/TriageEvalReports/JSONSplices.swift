internal import Foundation
internal import TriageEval

/// The long lists of a JSON report, left out of the document `JSONEncoder` encodes whole and written into their
/// places afterwards, a thousand values at a time (``JSONReport/write(_:to:)``).
///
/// In the document each list is one placeholder element: a string or a number no report holds (a random nonce,
/// a random negative number), so the line that holds it is found in the encoded text and replaced by the list's own
/// lines, encoded by the same encoder. Each placeholder is replaced once.
struct JSONSplices {
    enum List {
        case numbers([Int64])
        case caseIDs(CaseOutcomeList)
    }

    private let nonce = UUID().uuidString
    private var lists: [List] = []
    /// By the placeholder's encoded text (`"…"` or the number): the list it stands for, until it is written.
    private var pending: [String: Int] = [:]

    /// A placeholder list for `numbers` (empty for an empty list, which is encoded as it is).
    mutating func add(_ numbers: [Int64]) -> [Int64] {
        guard !numbers.isEmpty else { return [] }
        var sentinel: Int64
        repeat { sentinel = Int64.random(in: Int64.min...(Int64.min / 2)) } while pending["\(sentinel)"] != nil
        pending["\(sentinel)"] = lists.count
        lists.append(.numbers(numbers))
        return [sentinel]
    }

    /// A placeholder list for the case ids of `outcomes`.
    mutating func add(_ outcomes: CaseOutcomeList) -> [String] {
        guard !outcomes.isEmpty else { return [] }
        let placeholder = "\u{1}triage-eval-list-\(nonce)-\(lists.count)"
        pending["\"\\u0001triage-eval-list-\(nonce)-\(lists.count)\""] = lists.count
        lists.append(.caseIDs(outcomes))
        return [placeholder]
    }

    /// When `line` is a placeholder's line (its only content, with a comma after it or not), the line's indentation,
    /// its list (no longer pending) and the comma.
    mutating func placeholder(_ line: String) -> (indent: String, list: List, comma: String)? {
        let indent = String(line.prefix { $0 == " " })
        var content = line.dropFirst(indent.count)
        let comma = content.hasSuffix(",") ? "," : ""
        if !comma.isEmpty { content = content.dropLast() }
        guard let index = pending.removeValue(forKey: String(content)) else { return nil }
        return (indent, lists[index], comma)
    }

    /// Encodes `list`'s values with `encoder` a thousand at a time and hands each one's text to `body`, with
    /// whether it is the last.
    func encode(_ list: List, using encoder: JSONEncoder, _ body: (String, Bool) throws -> Void) throws {
        switch list {
        case .numbers(let numbers):
            try encode(count: numbers.count, using: encoder, body) { Array(numbers[$0]) }
        case .caseIDs(let outcomes):
            try encode(count: outcomes.count, using: encoder, body) { outcomes[$0].map(\.caseID) }
        }
    }

    private func encode<Value: Encodable>(
        count: Int, using encoder: JSONEncoder, _ body: (String, Bool) throws -> Void, _ values: (Range<Int>) -> [Value]
    ) throws {
        var start = 0
        while start < count {
            let end = min(start + 1000, count)
            // A pretty-printed array: `[`, one value per line (indented, a comma after all but the last), `]`.
            let text = String(decoding: try encoder.encode(values(start..<end)), as: UTF8.self)
            let lines = text.split(separator: "\n").dropFirst().dropLast()
            for (offset, line) in lines.enumerated() {
                var value = line.drop { $0 == " " }
                let last = offset == lines.count - 1
                if !last { value = value.dropLast() }
                try body(String(value), last && end == count)
            }
            start = end
        }
    }
}
