/// A gate limit on a robustness rate (`max_attack_suppression`, `max_flip_rate`): a number holds the rate over
/// every transform together and the rate of each transform; a mapping holds `all` (every transform together)
/// and the named transforms to their own limits.
public struct RobustnessLimit: Sendable, Codable, Hashable {
    /// The limit on every transform together, if any.
    public var overall: Double?
    /// The limit on each transform not named in ``transforms``, if any.
    public var eachTransform: Double?
    /// Limits of named transforms.
    public var transforms: [String: Double]

    public init(overall: Double? = nil, eachTransform: Double? = nil, transforms: [String: Double] = [:]) {
        self.overall = overall
        self.eachTransform = eachTransform
        self.transforms = transforms
    }

    /// One limit for every transform together and for each transform.
    public static func everywhere(_ limit: Double) -> RobustnessLimit {
        RobustnessLimit(overall: limit, eachTransform: limit)
    }

    /// The limit of one transform, if it has one.
    public func limit(transform: String) -> Double? { transforms[transform] ?? eachTransform }
}
