/// How much per-case detail a report carries, so it stays small and readable at thousands of results.
public struct ReportLimits: Sendable, Hashable {
    /// Cases shown with their rendered prompt, raw answer and both parses, per list and prompt × model.
    public var detailedCases: Int
    /// Cases shown as one table row each beyond the detailed ones, per list and prompt × model.
    public var listedCases: Int

    public init(detailedCases: Int = 10, listedCases: Int = 100) {
        self.detailedCases = detailedCases
        self.listedCases = listedCases
    }

    public static let standard = ReportLimits()
}
