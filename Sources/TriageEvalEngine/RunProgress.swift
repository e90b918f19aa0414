/// A snapshot of a run in flight, for progress display.
public struct RunProgress: Sendable {
    public var done: Int
    public var total: Int
    public var errors: Int
    public var cacheHits: Int
    /// Seconds since the run started.
    public var elapsed: Double
}
