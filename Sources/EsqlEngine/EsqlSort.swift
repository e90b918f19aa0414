/// `SORT`: a stable sort by each key in turn; a multi-valued key sorts by its smallest value
/// ascending and its largest descending; nulls last ascending and first descending unless
/// `NULLS FIRST`/`NULLS LAST` says otherwise.
enum EsqlSort {
    static func sort(_ rows: [EsqlRow], by keys: [EsqlSortKey], line: Int, context: EsqlContext) throws(EsqlError) -> [EsqlRow] {
        var decorated: [(row: EsqlRow, keys: [EsqlValue?])] = []
        for row in rows {
            var values: [EsqlValue?] = []
            for key in keys {
                let elements = try EsqlExpressionEvaluator.evaluate(key.expression, row, context: context).elements
                values.append(try EsqlAggregation.extreme(elements, largest: key.descending, line: line))
            }
            decorated.append((row, values))
        }
        var failure: EsqlError?
        // Ties keep input order: the index is the last key.
        let order = decorated.indices.sorted { a, b in
            for (index, key) in keys.enumerated() {
                switch (decorated[a].keys[index], decorated[b].keys[index]) {
                case (nil, nil): continue
                case (nil, _): return key.nullsFirst
                case (_, nil): return !key.nullsFirst
                case (let x?, let y?):
                    do throws(EsqlError) {
                        let comparison = try EsqlOperators.order(x, y, line: line)
                        if comparison != 0 { return key.descending ? comparison > 0 : comparison < 0 }
                    } catch {
                        failure = error
                        return false
                    }
                }
            }
            return a < b
        }
        if let failure { throw failure }
        return order.map { decorated[$0].row }
    }
}
