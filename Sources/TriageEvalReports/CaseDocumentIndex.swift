internal import Foundation
internal import TriageEval
internal import TriageEvalStore

/// The documents of the cases a run judged, as reports link to them: per case revision, an in-page
/// anchor (`docs-<revision row id>`, never data), the document ids (`_index/_id`) and each `_source` as
/// pretty JSON capped at ``shownBytes``. Document text is attacker-controlled: callers escape it.
struct CaseDocumentIndex {
    /// Bytes of one document's pretty JSON a report shows; the rest is cut with a note.
    static let shownBytes = 4096

    struct Entry {
        var revisionID: Int64
        var caseID: String
        var documents: [CaseDocument]
        var anchor: String { CaseDocumentIndex.anchor(revisionID) }
        /// `_index/_id` of each document, in case order.
        var ids: [String] { documents.map { "\($0.index)/\($0.id)" } }
    }

    /// Cases with documents among the run's results, ordered by case id then revision.
    let entries: [Entry]

    init(_ analysis: RunAnalysis) {
        let judged = Set(analysis.groups.flatMap { $0.results.map(\.key.caseRevisionID) })
        entries = judged.compactMap { revision in
            guard let item = analysis.cases[revision], let documents = item.documents, !documents.isEmpty else { return nil }
            return Entry(revisionID: revision, caseID: item.id, documents: documents)
        }.sorted { ($0.caseID, $0.revisionID) < ($1.caseID, $1.revisionID) }
    }

    /// The in-page anchor of a case revision's documents.
    static func anchor(_ revisionID: Int64) -> String { "docs-\(revisionID)" }

    /// The anchor of a result's case documents and their number, nil when its case has none.
    static func link(for result: StoredResult, in analysis: RunAnalysis) -> (anchor: String, count: Int)? {
        guard let documents = analysis.cases[result.key.caseRevisionID]?.documents, !documents.isEmpty else { return nil }
        return (anchor(result.key.caseRevisionID), documents.count)
    }

    /// A document's `_source` as pretty JSON (sorted keys), and a note when it is longer than ``shownBytes``.
    static func shown(_ document: CaseDocument) -> (text: String, note: String?) {
        var pretty = document.source
        if let object = try? JSONSerialization.jsonObject(with: Data(document.source.utf8), options: [.fragmentsAllowed]),
           let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]) {
            pretty = String(decoding: data, as: UTF8.self)
        }
        let total = pretty.utf8.count
        guard total > shownBytes else { return (pretty, nil) }
        var cut = ""
        var bytes = 0
        for character in pretty {
            bytes += character.utf8.count
            if bytes > shownBytes { break }
            cut.append(character)
        }
        return (cut, "first \(cut.utf8.count) of \(total) bytes shown; `triage-eval cases export` has the whole document")
    }
}
