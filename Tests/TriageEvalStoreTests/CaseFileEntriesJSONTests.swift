import Foundation
import Testing
@testable import TriageEvalStore

/// A case file's entries are written to `case_file.cases` by hand; the bytes must be `JSONEncoder`'s (sorted keys,
/// slashes unescaped), as they were, so stores written before and after read and compare alike.
@Suite struct CaseFileEntriesJSONTests {
    @Test func entriesAreWrittenAsJSONEncoderWritesThem() throws {
        let awkward = ["", "a", "x/y", #"q"uote"#, #"back\slash"#, "tab\tnew\nline\u{1}\u{1F}\u{7F}", "é 漢 😀", "\u{2028}", "-0"]
        var entries: [ImportedCaseFile.Entry] = []
        for (i, text) in awkward.enumerated() {
            entries.append(ImportedCaseFile.Entry(id: text + "\(i)", contentHash: String(repeating: "ab", count: 32), scenario: awkward[(i + 3) % awkward.count]))
        }
        for count in [0, 1, entries.count] {
            let slice = Array(entries.prefix(count))
            #expect(ImportedCaseFile.Entry.json(slice) == (try Store.json(slice)))
            #expect(try JSONDecoder().decode([ImportedCaseFile.Entry].self, from: Data(ImportedCaseFile.Entry.json(slice).utf8)) == slice)
        }
    }
}
