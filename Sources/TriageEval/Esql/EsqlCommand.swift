/// One processing command of an ES|QL query (the part between two `|`), as parsed.
public enum EsqlCommand: Sendable, Equatable {
    /// `FROM index, … [METADATA …]`: the source; only read for its index names.
    case from(indices: [String], line: Int)
    case `where`(EsqlExpression, line: Int)
    /// `EVAL a = expr, b = expr`: assignments in order, each seeing the previous ones.
    case eval([EsqlAssignment], line: Int)
    /// `STATS a = AGG(…), … BY col, …`.
    case stats([EsqlAssignment], by: [String], line: Int)
    case dissect(EsqlExpression, pattern: DissectPattern, line: Int)
    /// `KEEP` names or `*` patterns.
    case keep([String], line: Int)
    case limit(Int, line: Int)
    /// `COMPLETION target = prompt WITH {"inference_id": "…"}`: the model call.
    case completion(target: String, prompt: EsqlExpression, inferenceID: String, line: Int)

    /// The line the command starts on.
    public var line: Int {
        switch self {
        case .from(_, let line), .where(_, let line), .eval(_, let line), .stats(_, _, let line), .dissect(_, _, let line),
            .keep(_, let line), .limit(_, let line), .completion(_, _, _, let line):
            line
        }
    }

    /// The command's name as ES|QL spells it.
    public var name: String {
        switch self {
        case .from: "FROM"
        case .where: "WHERE"
        case .eval: "EVAL"
        case .stats: "STATS"
        case .dissect: "DISSECT"
        case .keep: "KEEP"
        case .limit: "LIMIT"
        case .completion: "COMPLETION"
        }
    }
}

/// `name = expression` in `EVAL` or `STATS`.
public struct EsqlAssignment: Sendable, Equatable {
    public var name: String
    public var expression: EsqlExpression
}
