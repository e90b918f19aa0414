internal import TriageEval
internal import TriageEvalStore

/// The HTML report's documents section: per case with documents, an anchored block listing each
/// document's `_index`, `_id` and `_source` (escaped pretty JSON, collapsed, capped).
enum HTMLDocuments {
    static func render(_ index: CaseDocumentIndex, into html: inout HTML) {
        guard !index.entries.isEmpty else { return }
        html.element("h2", ["id": "documents"], "Case documents")
        html.element("p", ["class": "muted"], "The documents each case's rule execution read; every result of a case with documents links here. Each document's source is shown up to \(CaseDocumentIndex.shownBytes) bytes.")
        for entry in index.entries {
            html.element("section", ["id": entry.anchor]) { html in
                html.element("h3", "\(entry.caseID) · \(entry.documents.count) document\(entry.documents.count == 1 ? "" : "s")")
                for document in entry.documents {
                    html.element("details", ["class": "case"]) { html in
                        html.element("summary", "_index \(document.index) · _id \(document.id)")
                        let shown = CaseDocumentIndex.shown(document)
                        html.element("pre", shown.text)
                        if let note = shown.note { html.element("p", ["class": "muted"], note) }
                    }
                }
            }
        }
    }

    /// `documents (n)`: a link to the documents block of a result's case, nothing for a case without documents.
    static func link(_ result: StoredResult?, analysis: RunAnalysis, into html: inout HTML) {
        guard let result, let link = CaseDocumentIndex.link(for: result, in: analysis) else { return }
        html.element("a", ["href": "#\(link.anchor)", "class": "documents"], "documents (\(link.count))")
    }
}
