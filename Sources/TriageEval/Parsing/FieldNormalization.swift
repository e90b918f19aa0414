internal import Foundation

/// A normalisation applied, in declared order, to a string or category field before it is mapped or decided on
/// (`normalize: [strip, upper]` is Python's `.strip().upper()`).
public enum FieldNormalization: String, Sendable, Codable, Hashable, CaseIterable {
    /// Removes leading and trailing whitespace (Python's `str.strip()`).
    case strip
    /// Upper-cases (`str.upper()`).
    case upper
    /// Lower-cases (`str.lower()`).
    case lower
    /// Case-folds (`str.casefold()`: lower-casing that also folds `ß` to `ss`).
    case casefold

    /// `text` with this normalisation applied.
    public func apply(_ text: String) -> String {
        switch self {
        case .strip: text.trimming { $0.properties.isWhitespace }
        case .upper: text.uppercased()
        case .lower: text.lowercased()
        case .casefold: text.folding(options: [.caseInsensitive], locale: nil)
        }
    }
}
