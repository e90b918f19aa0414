/// Scored answers read by position: an array of them, or answers scored from where they are held as they are read
/// (a big run's reports hold each answer once, as a stored result, not also as a ``ScoredItem``).
public struct ScoredItems: RandomAccessCollection, Sendable, Hashable {
    /// Where the items are held.
    public protocol Source: AnyObject, Sendable {
        var count: Int { get }
        func item(at position: Int) -> ScoredItem
    }

    private final class Held: Source {
        let items: [ScoredItem]
        init(_ items: [ScoredItem]) { self.items = items }
        var count: Int { items.count }
        func item(at position: Int) -> ScoredItem { items[position] }
    }

    private let source: any Source

    /// Items read from `source`.
    public init(_ source: any Source) { self.source = source }

    private static let none = Held([])

    /// `items`, held.
    public init(_ items: [ScoredItem]) { source = items.isEmpty ? Self.none : Held(items) }

    public var startIndex: Int { 0 }
    public var endIndex: Int { source.count }
    public subscript(position: Int) -> ScoredItem { source.item(at: position) }

    public static func == (lhs: ScoredItems, rhs: ScoredItems) -> Bool { lhs.source === rhs.source || lhs.elementsEqual(rhs) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for item in self { hasher.combine(item) }
    }
}
