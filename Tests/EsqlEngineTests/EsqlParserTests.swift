import Testing
@testable import EsqlEngine

@Suite struct EsqlParserTests {
    @Test func stringsTakeEscapesAndTripleQuotedStringsAreRaw() throws {
        let commands = try EsqlParser.parse(#"from x | eval a = "tab\there \"q\" back\\slash", b = """raw \n "quoted" """"#)
        guard case .eval(let assignments, _) = commands[1] else { Issue.record("expected EVAL"); return }
        #expect(assignments[0].expression == .literal(.string("tab\there \"q\" back\\slash"), line: 1))
        #expect(assignments[1].expression == .literal(.string(#"raw \n "quoted" "#), line: 1))
    }

    @Test func commentsAreSkippedAndLinesCounted() throws {
        let commands = try EsqlParser.parse("from a // first\n/* block\ncomment */ | where x == 1\n| limit 3")
        #expect(commands.map(\.name) == ["FROM", "WHERE", "LIMIT"])
        #expect(commands.map(\.line) == [1, 3, 4])
    }

    @Test func precedenceMatchesEsql() throws {
        // not a in (…) is NOT (a IN (…)); AND binds tighter than OR.
        let expression = try EsqlParser.parseExpression(#"not a in ("x") or b == 1 and c is not null"#)
        guard case .or(let left, let right, _) = expression else { Issue.record("expected OR at the top: \(expression)"); return }
        guard case .not(.in(.column("a", _), _, negated: false, _), _) = left else { Issue.record("left: \(left)"); return }
        guard case .and(.compare(.equal, _, _, _), .isNull(.column("c", _), negated: true, _), _) = right else { Issue.record("right: \(right)"); return }
    }

    @Test func unsupportedCommandNamesItsLine() {
        #expect(
            throws: EsqlError(
                line: 3,
                "command ENRICH is outside the supported ES|QL subset (ROW, FROM, WHERE, EVAL, STATS, INLINE STATS, DISSECT, GROK, KEEP, DROP, RENAME, LIMIT, SORT, MV_EXPAND, COMPLETION)"
            )
        ) {
            try EsqlParser.parse("from a\n| where b == 1\n| enrich policy on c")
        }
    }

    @Test func unsupportedFunctionsAndOperatorsAreErrors() {
        #expect(throws: EsqlError(line: 2, "function BUCKET is outside the supported ES|QL subset")) {
            try EsqlParser.parse("from a\n| eval b = BUCKET(c, 10)")
        }
        #expect(throws: EsqlError(line: 1, "operator RLIKE is outside the supported ES|QL subset")) {
            try EsqlParser.parse("from a | where b rlike \"x.*\"")
        }
        #expect(throws: EsqlError(line: 1, "the match operator `:` is outside the supported ES|QL subset")) {
            try EsqlParser.parse("from a | where b : \"x\"")
        }
        #expect(throws: EsqlError(line: 1, "`=` is assignment; compare with `==`")) { try EsqlParser.parse("from a | where b = 1") }
    }

    @Test func completionAndDissectParse() throws {
        let commands = try EsqlParser.parse(#"""
            from a
            | COMPLETION r = p WITH { "inference_id": "my-endpoint"}
            | DISSECT r """v=%{+v} %{+v}""" APPEND_SEPARATOR = "-"
            """#)
        guard case .completion(let target, let prompt, let id, let line) = commands[1] else { Issue.record("expected COMPLETION"); return }
        #expect(target == "r")
        #expect(prompt == .column("p", line: 2))
        #expect(id == "my-endpoint")
        #expect(line == 2)
        guard case .dissect(_, let pattern, _) = commands[2] else { Issue.record("expected DISSECT"); return }
        #expect(pattern.appendSeparator == "-")
        #expect(pattern.match("v=a b") == ["v": "a-b"])
    }

    @Test func stringLiteralQuotingRoundTrips() throws {
        let text = "say \"hi\"\\ now\n\ttab"
        let expression = try EsqlParser.parseExpression(EsqlStringLiteral.quote(text))
        #expect(expression == .literal(.string(text), line: 1))
        #expect(EsqlStringLiteral.quote("a\"b") == #""a\"b""#)
    }
}
