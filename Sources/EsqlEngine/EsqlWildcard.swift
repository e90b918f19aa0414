/// Wildcard matching for `LIKE` (`*` any run, `?` one character, `\` escapes) and `KEEP` patterns.
enum EsqlWildcard {
    /// Whether all of `text` matches `pattern`.
    static func matches(_ text: String, pattern: String) -> Bool {
        let t = Array(text.unicodeScalars)
        var p: [(scalar: Unicode.Scalar, literal: Bool)] = []
        var escaping = false
        for scalar in pattern.unicodeScalars {
            if escaping { p.append((scalar, true)); escaping = false } else if scalar == "\\" { escaping = true } else { p.append((scalar, false)) }
        }
        // Iterative glob matching with backtracking to the last `*`.
        var ti = 0, pi = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, !p[pi].literal, p[pi].scalar == "*" {
                star = pi
                mark = ti
                pi += 1
            } else if pi < p.count, (!p[pi].literal && p[pi].scalar == "?") || p[pi].scalar == t[ti] {
                ti += 1
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, !p[pi].literal, p[pi].scalar == "*" { pi += 1 }
        return pi == p.count
    }
}
