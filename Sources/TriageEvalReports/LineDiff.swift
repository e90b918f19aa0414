/// A unified diff of two texts by lines (longest common subsequence), as `diff -u` prints it.
public enum LineDiff {
    /// One line of the edit script.
    enum Edit: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The most cells of the LCS table computed (a prompt is a few hundred lines; beyond this the diff is refused).
    static let maxCells = 4_000_000

    /// `--- old` / `+++ new` and `@@ -a,b +c,d @@` hunks with `context` lines around each change; nil when the texts
    /// are equal or too long to diff.
    public static func unified(_ old: String, _ new: String, oldName: String, newName: String, context: Int = 3) -> String? {
        guard old != new else { return nil }
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard (a.count + 1) * (b.count + 1) <= maxCells else { return nil }
        let edits = script(a, b)
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Indices of changed edits, grouped into hunks whose gaps are at most 2·context unchanged lines.
        let changed = edits.indices.filter { edits[$0] != .same(edits[$0].text) }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context) ... min(edits.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound ... range.upperBound
            } else {
                hunks.append(range)
            }
        }
        // Line numbers before each edit.
        var oldLine = [Int](repeating: 0, count: edits.count + 1), newLine = oldLine
        for (index, edit) in edits.enumerated() {
            oldLine[index + 1] = oldLine[index] + (edit.isAdded ? 0 : 1)
            newLine[index + 1] = newLine[index] + (edit.isRemoved ? 0 : 1)
        }
        for hunk in hunks {
            let slice = edits[hunk]
            let oldCount = slice.count { !$0.isAdded }, newCount = slice.count { !$0.isRemoved }
            out += "@@ -\(oldLine[hunk.lowerBound] + (oldCount == 0 ? 0 : 1)),\(oldCount) +\(newLine[hunk.lowerBound] + (newCount == 0 ? 0 : 1)),\(newCount) @@\n"
            for edit in slice {
                switch edit {
                case .same(let line): out += " \(line)\n"
                case .removed(let line): out += "-\(line)\n"
                case .added(let line): out += "+\(line)\n"
                }
            }
        }
        return out
    }

    /// The edit script turning `a` into `b`: removals before additions at each change.
    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count
        // lcs[i][j]: length of the LCS of a[i...] and b[j...], row-major.
        var lcs = [Int](repeating: 0, count: (n + 1) * (m + 1))
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i * (m + 1) + j] = a[i] == b[j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                edits.append(.same(a[i]))
                i += 1
                j += 1
            } else if j == m || (i < n && lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
                edits.append(.removed(a[i]))
                i += 1
            } else {
                edits.append(.added(b[j]))
                j += 1
            }
        }
        return edits
    }
}

extension LineDiff.Edit {
    var text: String {
        switch self {
        case .same(let line), .removed(let line), .added(let line): line
        }
    }

    var isAdded: Bool { if case .added = self { true } else { false } }
    var isRemoved: Bool { if case .removed = self { true } else { false } }
}
