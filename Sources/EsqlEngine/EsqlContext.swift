/// What an evaluation knows beyond the rows: the time `NOW()` returns, and whether a column no
/// row has is null (a field of the index mapping that no selected document holds, after `FROM`) or an error.
public struct EsqlContext: Sendable {
    /// `NOW()`, in milliseconds since the epoch.
    public var now: Int64
    /// True after `FROM`: a field no document holds is read as null, as a mapped but empty field is.
    public var unknownColumnsAreNull: Bool

    public init(now: Int64 = 0, unknownColumnsAreNull: Bool = false) {
        self.now = now
        self.unknownColumnsAreNull = unknownColumnsAreNull
    }
}
