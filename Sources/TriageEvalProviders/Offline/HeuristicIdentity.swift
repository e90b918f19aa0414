internal import Foundation

/// The `heuristic` baseline for prompts asking whether user names belong to one person (the identity
/// similarity rule: "return a boolean value true if at least 2 of them are similar … or false").
///
/// Reads the list after `User identities extracted from different alerts:` (comma-separated, up to the
/// instructions), skips names that look like service accounts (`svc`, `service`, `$`-suffixed, `sa-`),
/// and answers `true` when two remaining names normalise to one person: equal after dropping the domain
/// (`@…`, `DOMAIN\`) and separators, or initial + surname of the other (`jdoe` ~ `john.doe`).
enum HeuristicIdentity {
    static let listMarker = "User identities extracted from different alerts: "

    /// The answer fields for an identity prompt, or nil when the prompt is not one.
    static func assess(_ prompt: String) -> HeuristicAssessment? {
        guard prompt.contains("boolean value true"), let start = prompt.range(of: listMarker) else { return nil }
        var list = String(prompt[start.upperBound...])
        if let end = list.range(of: "Analyze") { list = String(list[..<end.lowerBound]) }
        let names = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let people = names.filter { !isServiceAccount($0) }
        for (i, a) in people.enumerated() {
            for b in people[(i + 1)...] where samePerson(a, b) {
                return HeuristicAssessment(verdict: "true", confidence: 0.9, summary: "\(a) and \(b) normalise to the same person")
            }
        }
        let skipped = names.count - people.count
        return HeuristicAssessment(
            verdict: "false", confidence: 0.8,
            summary: "no two of \(people.count) personal names match" + (skipped > 0 ? "; \(skipped) service account(s) ignored" : "")
        )
    }

    static func isServiceAccount(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasPrefix("svc") || lower.contains("_svc") || lower.contains("-svc") || lower.contains("service")
            || lower.hasSuffix("$") || lower.hasPrefix("sa-") || lower.hasPrefix("sa_")
    }

    /// Name parts: the local part (no `@domain`, no `DOMAIN\`), lowercased, split at `.`, `_`, `-`.
    static func parts(_ name: String) -> [String] {
        var local = name.lowercased()
        if let at = local.firstIndex(of: "@") { local = String(local[..<at]) }
        if let slash = local.lastIndex(of: "\\") { local = String(local[local.index(after: slash)...]) }
        return local.split { ".-_ ".contains($0) }.map(String.init)
    }

    static func samePerson(_ a: String, _ b: String) -> Bool {
        let pa = parts(a), pb = parts(b)
        guard !pa.isEmpty, !pb.isEmpty else { return false }
        if pa.joined() == pb.joined() { return true }
        return initialAndSurname(pa, pb) || initialAndSurname(pb, pa)
    }

    /// `jdoe` or `j.doe` against `john.doe`.
    static func initialAndSurname(_ short: [String], _ full: [String]) -> Bool {
        guard full.count >= 2, let first = full.first?.first, let surname = full.last else { return false }
        let compact = short.joined()
        return compact == "\(first)\(surname)" && surname.count >= 2
    }
}
