import Testing
@testable import EsqlEngine

@Suite struct EsqlEvaluatorTests {
    func value(_ expression: String, _ row: EsqlRow = EsqlRow()) throws -> EsqlValue {
        try EsqlExpressionEvaluator.evaluate(try EsqlParser.parseExpression(expression), row)
    }

    let row = EsqlRow([
        ("n", .null), ("t", .boolean(true)), ("f", .boolean(false)), ("one", .integer(1)), ("half", .double(0.5)),
        ("s", .string("TP")), ("mv", .strings(["a", "b"])), ("ts1", .datetime(1_767_225_600_000)),
        ("ts2", .datetime(1_767_225_600_000 + 125 * 60_000 + 59_000)),
    ])

    @Test func threeValuedLogic() throws {
        #expect(try value("t and n", row) == .null)
        #expect(try value("f and n", row) == .boolean(false))
        #expect(try value("t or n", row) == .boolean(true))
        #expect(try value("f or n", row) == .null)
        #expect(try value("not n", row) == .null)
        #expect(try value("not f", row) == .boolean(true))
    }

    @Test func comparisonsWithNullOrMultiValuesAreNull() throws {
        #expect(try value("n == 1", row) == .null)
        #expect(try value("mv == \"a\"", row) == .null)
        #expect(try value("one < half", row) == .boolean(false))
        #expect(try value("one >= 1", row) == .boolean(true))
        #expect(try value("s != \"tp\"", row) == .boolean(true))
        #expect(try value("s =~ \"tp\"", row) == .boolean(true))
        #expect(try value("ts1 < ts2", row) == .boolean(true))
    }

    @Test func inLikeAndIsNull() throws {
        #expect(try value(#"s in ("FP", "TP")"#, row) == .boolean(true))
        #expect(try value(#"s in ("FP", null)"#, row) == .null)
        #expect(try value(#"s not in ("FP")"#, row) == .boolean(true))
        #expect(try value(#"n in ("FP")"#, row) == .null)
        #expect(try value(#"s like "T*""#, row) == .boolean(true))
        #expect(try value(#"s like "t*""#, row) == .boolean(false))
        #expect(try value(#"s like "T?""#, row) == .boolean(true))
        #expect(try value(#""Deprecated - x" like "Deprecated - *""#, row) == .boolean(true))
        #expect(try value(#""a*b" like """a\*b""""#, row) == .boolean(true))
        #expect(try value(#""axb" like "a\\*b""#, row) == .boolean(false))
        #expect(try value("n is null", row) == .boolean(true))
        #expect(try value("mv is not null", row) == .boolean(true))
    }

    @Test func functions() throws {
        #expect(try value(#"CONCAT("a", s, "b")"#, row) == .string("aTPb"))
        #expect(try value(#"CONCAT("a", n)"#, row) == .null)
        #expect(try value(#"CONCAT("a", mv)"#, row) == .null)
        #expect(try value(#"MV_CONCAT(mv, "; ")"#, row) == .string("a; b"))
        #expect(try value(#"COALESCE(MV_CONCAT(n, ", "), "unknown")"#, row) == .string("unknown"))
        #expect(try value("TO_STRING(one)", row) == .string("1"))
        #expect(try value("TO_STRING(TO_DOUBLE(99))", row) == .string("99.0"))
        #expect(try value("TO_STRING(12345678.0)", row) == .string("1.2345678E7"))
        #expect(try value("TO_STRING(0.0001)", row) == .string("1.0E-4"))
        #expect(try value("TO_STRING(ts1)", row) == .string("2026-01-01T00:00:00.000Z"))
        #expect(try value(#"TO_DOUBLE(" 0.9")"#, row) == .double(0.9))
        #expect(try value(#"TO_DOUBLE("95%")"#, row) == .null)
        #expect(try value(#"TO_LOWER(mv)"#, row) == .strings(["a", "b"]))
        #expect(try value(#"TO_UPPER("suspicious")"#, row) == .string("SUSPICIOUS"))
        #expect(try value(#"DATE_DIFF("minute", ts1, ts2)"#, row) == .integer(125))
        #expect(try value(#"DATE_DIFF("minute", ts2, ts1)"#, row) == .integer(-125))
        #expect(try value(#"LENGTH("héllo")"#, row) == .integer(5))
        #expect(try value(#"SUBSTRING("hello", 2, 3)"#, row) == .string("ell"))
        #expect(try value(#"SUBSTRING("hello", -3)"#, row) == .string("llo"))
        #expect(try value(#"MV_MIN(mv)"#, row) == .string("a"))
        #expect(throws: EsqlError.self) { try value(#"CONCAT("a", one)"#, row) }
        #expect(throws: EsqlError(line: 1, "unknown column nope")) { try value("nope == 1", row) }
    }

    @Test func whereKeepsOnlyTrueRows() throws {
        let rows = [EsqlRow([("c", .string("0.9"))]), EsqlRow([("c", .string("x"))]), EsqlRow([("c", .null)]), EsqlRow([("c", .string("0.1"))])]
        let kept = try EsqlEvaluator.run(try EsqlParser.parse("from a | where TO_DOUBLE(c) > 0.7").dropFirst().map { $0 }, on: rows)
        #expect(kept == [rows[0]])
    }

    @Test func dissectKeepLimitAndCompletion() throws {
        let commands = Array(try EsqlParser.parse(#"""
            from a
            | eval prompt = CONCAT("judge ", host.name)
            | COMPLETION answer = prompt WITH { "inference_id": "m" }
            | DISSECT answer """verdict=%{Esql.verdict} confidence=%{Esql.confidence}"""
            | KEEP Esql.*, host.name
            | LIMIT 1
            """#).dropFirst())
        var prompts: [String] = []
        let rows = try EsqlEvaluator.run(commands, on: [EsqlRow([("host.name", .string("h1"))]), EsqlRow([("host.name", .string("h2"))])]) { request throws(EsqlError) in
            prompts += request.prompts.map { "\(request.inferenceID): \($0 ?? "null")" }
            return request.rows.map { _ in .string("verdict=TP confidence=0.9") }
        }
        #expect(prompts == ["m: judge h1", "m: judge h2"])
        #expect(rows.count == 1)
        #expect(rows[0].columns == ["Esql.verdict", "Esql.confidence", "host.name"])
        #expect(rows[0]["Esql.verdict"] == .string("TP"))
    }

    @Test func failedDissectLeavesKeysNull() throws {
        let commands = Array(try EsqlParser.parse(#"from a | DISSECT r """verdict=%{v} confidence=%{c}""""#).dropFirst())
        let rows = try EsqlEvaluator.run(commands, on: [EsqlRow([("r", .string("Verdict=TP confidence=1"))])])
        #expect(rows[0]["v"] == .null)
        #expect(rows[0]["c"] == .null)
    }

    @Test func statsGroupsAndAggregates() throws {
        let alerts: [EsqlRow] = [
            EsqlRow([("host.name", .string("a")), ("rule", .string("r1")), ("score", .double(47)), ("cmd", .strings(["x", "y"]))]),
            EsqlRow([("host.name", .string("a")), ("rule", .string("r2")), ("score", .double(73)), ("cmd", .string("x"))]),
            EsqlRow([("host.name", .string("b")), ("rule", .string("r1")), ("score", .double(21)), ("cmd", .null)]),
        ]
        let commands = Array(try EsqlParser.parse(
            "from a | stats n = COUNT(*), rules = COUNT_DISTINCT(rule), cmds = VALUES(cmd), top = MAX(score) by host.name"
        ).dropFirst())
        let rows = try EsqlEvaluator.run(commands, on: alerts)
        #expect(rows.count == 2)
        #expect(rows[0].columns == ["n", "rules", "cmds", "top", "host.name"])
        #expect(rows[0]["n"] == .integer(2))
        #expect(rows[0]["rules"] == .integer(2))
        #expect(rows[0]["cmds"] == .strings(["x", "y"]))
        #expect(rows[0]["top"] == .double(73))
        #expect(rows[1]["cmds"] == .null)
    }

    @Test func aggregationOutsideStatsIsAnError() throws {
        #expect(throws: EsqlError(line: 1, "aggregation COUNT is only allowed in STATS")) { try value("COUNT(*)") }
    }
}
