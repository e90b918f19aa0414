/// An ES|QL expression of the supported subset, as parsed (a tree; each node knows its line).
public indirect enum EsqlExpression: Sendable, Equatable {
    case literal(EsqlValue, line: Int)
    case column(String, line: Int)
    /// `COUNT(*)`'s argument.
    case star(line: Int)
    /// A function call; `name` is upper-cased.
    case call(String, [EsqlExpression], line: Int)
    case compare(EsqlComparison, EsqlExpression, EsqlExpression, line: Int)
    case and(EsqlExpression, EsqlExpression, line: Int)
    case or(EsqlExpression, EsqlExpression, line: Int)
    case not(EsqlExpression, line: Int)
    case isNull(EsqlExpression, negated: Bool, line: Int)
    case `in`(EsqlExpression, [EsqlExpression], negated: Bool, line: Int)
    case like(EsqlExpression, pattern: String, negated: Bool, line: Int)
    /// `left op right` with `+ - * / %`.
    case arithmetic(EsqlArithmetic, EsqlExpression, EsqlExpression, line: Int)
    /// Unary minus.
    case negate(EsqlExpression, line: Int)
    /// `expression::type`, the same as the `TO_…` conversion function of that type.
    case cast(EsqlExpression, function: String, line: Int)

    /// The line the expression starts on.
    public var line: Int {
        switch self {
        case .literal(_, let line), .column(_, let line), .star(let line), .call(_, _, let line),
            .compare(_, _, _, let line), .and(_, _, let line), .or(_, _, let line), .not(_, let line),
            .isNull(_, _, let line), .in(_, _, _, let line), .like(_, _, _, let line), .arithmetic(_, _, _, let line),
            .negate(_, let line), .cast(_, _, let line):
            line
        }
    }

    /// Every column the expression reads.
    public var columns: [String] {
        switch self {
        case .literal, .star: []
        case .column(let name, _): [name]
        case .call(_, let arguments, _): arguments.flatMap(\.columns)
        case .compare(_, let left, let right, _), .and(let left, let right, _), .or(let left, let right, _),
            .arithmetic(_, let left, let right, _):
            left.columns + right.columns
        case .not(let inner, _), .isNull(let inner, _, _), .like(let inner, _, _, _), .negate(let inner, _), .cast(let inner, _, _):
            inner.columns
        case .in(let inner, let list, _, _): inner.columns + list.flatMap(\.columns)
        }
    }
}

/// A binary comparison operator.
public enum EsqlComparison: String, Sendable, Equatable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    /// Case-insensitive string equality.
    case equalIgnoringCase = "=~"
}

/// An arithmetic operator.
public enum EsqlArithmetic: String, Sendable, Equatable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
}
