public import TriageEval

/// `--shard K/N`: the slice of a case set one of N parallel jobs evaluates. A case belongs to shard
/// `1 + (h mod N)`, where `h` is the first 8 bytes (big-endian) of the SHA-256 of its id: deterministic on every
/// machine, independent of the other cases and of their order, and stable when a case's content changes.
public struct ShardSlice: Sendable, Hashable, Codable, CustomStringConvertible {
    /// 1-based shard number.
    public var index: Int
    /// Number of shards.
    public var count: Int

    /// The most shards a run may be split into.
    public static let maxCount = 10_000

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N` (1 ≤ K ≤ N ≤ ``maxCount``); nil with the reason otherwise.
    public static func parse(_ text: String) -> Result<ShardSlice, InputError> {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            return .failure(InputError(file: "command line", field: "--shard", message: "expected K/N (e.g. 2/4), got \"\(text)\""))
        }
        guard (1...maxCount).contains(count), (1...count).contains(index) else {
            return .failure(InputError(file: "command line", field: "--shard", message: "needs 1 ≤ K ≤ N ≤ \(maxCount), got \(index)/\(count)"))
        }
        return .success(ShardSlice(index: index, count: count))
    }

    /// The shard (1-based) a case id belongs to among `count`.
    public static func shard(of caseID: String, count: Int) -> Int {
        let hash = UInt64(SHA256Hex.of(caseID).prefix(16), radix: 16) ?? 0
        return Int(hash % UInt64(count)) + 1
    }

    /// Whether the case with this id is in this shard.
    public func contains(caseID: String) -> Bool { Self.shard(of: caseID, count: count) == index }

    /// `K/N`.
    public var description: String { "\(index)/\(count)" }
}
