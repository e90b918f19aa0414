/// One command of an ES|QL query (the part between two `|`), as parsed.
public enum EsqlCommand: Sendable, Equatable {
    /// `ROW a = expr, …`: a source of one row.
    case row([EsqlAssignment], line: Int)
    /// `FROM pattern, … [METADATA _id, _version, _index]`: the documents of the matching indices.
    case from(indices: [String], metadata: [String], line: Int)
    case `where`(EsqlExpression, line: Int)
    /// `EVAL a = expr, b = expr`: assignments in order, each seeing the previous ones.
    case eval([EsqlAssignment], line: Int)
    /// `STATS a = AGG(…), … BY col, …` (a `BY` expression is evaluated by an `EVAL` the parser puts before it).
    case stats([EsqlAssignment], by: [String], line: Int)
    /// `INLINE STATS a = AGG(…), … BY col, …`: the aggregations added to every input row of the group.
    case inlineStats([EsqlAssignment], by: [String], line: Int)
    case dissect(EsqlExpression, pattern: DissectPattern, line: Int)
    case grok(EsqlExpression, pattern: EsqlGrok, line: Int)
    /// `KEEP` names or `*` patterns.
    case keep([String], line: Int)
    /// `DROP` names or `*` patterns.
    case drop([String], line: Int)
    /// `RENAME old AS new, …`.
    case rename([EsqlRename], line: Int)
    case limit(Int, line: Int)
    case sort([EsqlSortKey], line: Int)
    /// `MV_EXPAND column`: one row per value.
    case mvExpand(String, line: Int)
    /// `COMPLETION [target =] prompt WITH {"inference_id": "…"}`: the model call (`target` defaults to `completion`).
    case completion(target: String, prompt: EsqlExpression, inferenceID: String, line: Int)

    /// The line the command starts on.
    public var line: Int {
        switch self {
        case .row(_, let line), .from(_, _, let line), .where(_, let line), .eval(_, let line), .stats(_, _, let line),
            .inlineStats(_, _, let line), .dissect(_, _, let line), .grok(_, _, let line), .keep(_, let line), .drop(_, let line),
            .rename(_, let line), .limit(_, let line), .sort(_, let line), .mvExpand(_, let line), .completion(_, _, _, let line):
            line
        }
    }

    /// The command's name as ES|QL spells it.
    public var name: String {
        switch self {
        case .row: "ROW"
        case .from: "FROM"
        case .where: "WHERE"
        case .eval: "EVAL"
        case .stats: "STATS"
        case .inlineStats: "INLINE STATS"
        case .dissect: "DISSECT"
        case .grok: "GROK"
        case .keep: "KEEP"
        case .drop: "DROP"
        case .rename: "RENAME"
        case .limit: "LIMIT"
        case .sort: "SORT"
        case .mvExpand: "MV_EXPAND"
        case .completion: "COMPLETION"
        }
    }
}

/// `name = expression` in `ROW`, `EVAL` or `STATS` (an unnamed expression is named by its source text).
public struct EsqlAssignment: Sendable, Equatable {
    public var name: String
    public var expression: EsqlExpression

    public init(name: String, expression: EsqlExpression) {
        self.name = name
        self.expression = expression
    }
}

/// `old AS new` in `RENAME`.
public struct EsqlRename: Sendable, Equatable {
    public var old: String
    public var new: String
}

/// One key of `SORT`: `expression [ASC|DESC] [NULLS FIRST|LAST]` (nulls last ascending, first descending by default).
public struct EsqlSortKey: Sendable, Equatable {
    public var expression: EsqlExpression
    public var descending: Bool
    public var nullsFirst: Bool
}
