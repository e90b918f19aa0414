/// The token counts a stub response reports: a deterministic estimate of about four UTF-8 bytes per token,
/// so clients exercise their usage accounting with plausible, reproducible numbers.
enum TokenCount {
    static func estimate(_ text: String) -> Int {
        (text.utf8.count + 3) / 4
    }

    static func estimate(_ texts: [String]) -> Int {
        texts.reduce(0) { $0 + estimate($1) }
    }
}
