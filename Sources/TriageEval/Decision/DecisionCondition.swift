public import EsqlEngine

/// A prompt's `decision.where`: an expression in the rules' `WHERE` syntax, evaluated by the ES|QL engine over
/// a row of the answer's declared fields (``ParsedAnswer/fields``): a string or category as a `keyword`
/// (normalised), a number as a `double`, a boolean as a `boolean`, a field that is absent or of another type
/// as `null`. Columns come in declaration order.
public struct DecisionCondition: Sendable {
    /// The expression text, as declared.
    public let text: String
    let expression: EsqlExpression
    let fields: [DeclaredField]

    /// Parses `text` and checks that it reads only declared fields and type-checks on their declared types.
    public init(_ text: String, fields: [DeclaredField]) throws(EsqlError) {
        expression = try EsqlParser.parseExpression(text)
        let declared = Set(fields.map(\.path))
        if let unknown = expression.columns.first(where: { !declared.contains($0) }) {
            throw EsqlError(line: expression.line, "unknown field \(unknown); the condition reads only declared fields (\(fields.map(\.path).joined(separator: ", ")))")
        }
        self.text = text
        self.fields = fields
        // A type error (a number compared with a string…) shows now, not on every answer: evaluate once on a row
        // of sample values of the declared types, and once on a row of nulls.
        let sample = EsqlRow(fields.map { field in
            switch field.type {
            case .string: (field.path, EsqlValue.string("x"))
            case .category: (field.path, .string(field.values.first ?? "x"))
            case .number: (field.path, .double(0.5))
            case .boolean: (field.path, .boolean(true))
            }
        })
        _ = try EsqlExpressionEvaluator.evaluate(expression, sample)
        _ = try EsqlExpressionEvaluator.evaluate(expression, EsqlRow(fields.map { ($0.path, EsqlValue.null) }))
    }

    /// The row the expression is evaluated on.
    public func row(_ answer: ParsedAnswer) -> EsqlRow {
        EsqlRow(fields.map { field in (field.path, Self.value(answer.fields?[field.path], field.type)) })
    }

    /// Whether the answer alerts: it parsed `ok` and the expression is true (null or false: no alert).
    /// A type error in the expression on this answer's values is thrown.
    public func alerts(_ answer: ParsedAnswer) throws(EsqlError) -> Bool {
        guard answer.status == .ok else { return false }
        return try EsqlExpressionEvaluator.evaluate(expression, row(answer)) == .boolean(true)
    }

    private static func value(_ text: String?, _ type: FieldType) -> EsqlValue {
        guard let text else { return .null }
        switch type {
        case .string, .category: return .string(text)
        case .number: return EsqlDouble.parse(text).map(EsqlValue.double) ?? .null
        case .boolean: return .boolean(text == "true")
        }
    }
}
