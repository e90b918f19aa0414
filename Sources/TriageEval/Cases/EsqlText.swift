/// How ES|QL turns values into text, so rendered context matches what a rule's `CONCAT` builds.
public enum EsqlText {
    /// `TO_STRING` of a double, as Java's `Double.toString` prints it: `99.0`, `47.5`.
    public static func double(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e7 {
            return "\(Int(value)).0"
        }
        return "\(value)"
    }

    /// `COALESCE(MV_CONCAT(values, separator), fallback)`: the fallback when there are no values.
    public static func joined(_ values: [String], _ separator: String, orElse fallback: String) -> String {
        values.isEmpty ? fallback : values.joined(separator: separator)
    }
}
