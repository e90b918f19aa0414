import Testing
import EsqlEngine

/// Cases from Elasticsearch's `DissectParserTests` (libs/dissect), main branch.
@Suite("DISSECT cases from Elasticsearch's DissectParserTests")
struct DissectParserPortTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let pattern: String
        let input: String
        let separator: String
        /// nil: no match.
        let expected: [String: String]?
        var testDescription: String { "\(pattern) ← \(input)" }

        init(_ pattern: String, _ input: String, _ expected: [String: String]?, separator: String = "") {
            self.pattern = pattern
            self.input = input
            self.expected = expected
            self.separator = separator
        }
    }

    static let cases: [Case] = [
        // testJavaDocExamples
        Case("%{a} %{b},%{c}", "foo bar,baz", ["a": "foo", "b": "bar", "c": "baz"]),
        Case("%{a},%{b}:%{c}", "foo,bar,baz", nil),
        Case("%{a->} %{b} %{c}", "foo         bar baz", ["a": "foo", "b": "bar", "c": "baz"]),
        Case("%{a} %{+a} %{+a}", "foo bar baz", ["a": "foobarbaz"]),
        Case("%{a} %{+a/2} %{+a/1}", "foo bar baz", ["a": "foobazbar"]),
        Case("%{*a} %{b} %{&a}", "foo bar baz", ["foo": "baz", "b": "bar"]),
        Case("%{a} %{} %{c}", "foo bar baz", ["a": "foo", "c": "baz"]),
        Case("%{a} %{?skipme} %{c}", "foo bar baz", ["a": "foo", "c": "baz"]),
        Case("%{a},%{b},%{c},%{d}", "foo,,,", ["a": "foo", "b": "", "c": "", "d": ""]),
        Case("%{a->},%{b}", "foo,,,,,,bar", ["a": "foo", "b": "bar"]),
        // testLogstashSpecs
        Case("%{a} %{b->} %{c}", "foo bar   baz", ["a": "foo", "b": "bar", "c": "baz"]),
        Case("%{a} %{b}%{c} %{d}", "foo bar baz", nil),
        Case("%{a} %{b} %{c}%{d}", "foo bar baz quux", nil),
        Case("%{a} %{b} %{+b} %{z}", "foo bar baz quux", ["a": "foo", "b": "bar baz", "z": "quux"], separator: " "),
        Case("%{a}------->%{b}", "foo------->bar baz quux", ["a": "foo", "b": "bar baz quux"]),
        Case("%{a}------->%{}", "foo------->bar baz quux", ["a": "foo"]),
        Case("%{a} » %{b}»%{c}€%{d}", "foo » bar»baz€quux", ["a": "foo", "b": "bar", "c": "baz", "d": "quux"]),
        Case("%{a} %{b} %{+a}", "foo bar baz quux", ["a": "foo baz quux", "b": "bar"], separator: " "),
        Case("%{+a} %{a} %{+a} %{b}", "December 31 1999 quux", ["a": "December 31 1999", "b": "quux"], separator: " "),
        Case("%{+a/1} %{a} %{+a/2} %{b}", "December 31 1999 quux", ["a": "31 December 1999", "b": "quux"], separator: " "),
        Case("%{+a/2} %{+a/4} %{+a/1} %{+a/3}", "bar quux foo baz", ["a": "foo bar baz quux"], separator: " "),
        Case("%{+a} %{b}", "foo bar", ["a": "foo", "b": "bar"]),
        Case("%{+a} %{b} %{+a} %{c}", "foo bar baz quux", ["a": "foo baz", "b": "bar", "c": "quux"], separator: " "),
        Case(
            "%{} %{syslog_timestamp} %{hostname} %{rt}: %{reason} %{+reason} %{src_ip}/%{src_port}->%{dst_ip}/%{dst_port} "
                + "%{polrt} %{+polrt} %{+polrt} %{from_zone} %{to_zone} %{rest}",
            "42 2016-05-25T14:47:23Z host.name.com RT_FLOW - RT_FLOW_SESSION_DENY: session denied 2.2.2.20/60000->1.1.1.10/8090 None "
                + "6(0) DEFAULT-DENY ZONE-UNTRUST ZONE-DMZ UNKNOWN UNKNOWN N/A(N/A) ge-0/0/0.0",
            [
                "syslog_timestamp": "2016-05-25T14:47:23Z", "hostname": "host.name.com", "rt": "RT_FLOW - RT_FLOW_SESSION_DENY",
                "reason": "session denied", "src_ip": "2.2.2.20", "src_port": "60000", "dst_ip": "1.1.1.10", "dst_port": "8090",
                "polrt": "None 6(0) DEFAULT-DENY", "from_zone": "ZONE-UNTRUST", "to_zone": "ZONE-DMZ",
                "rest": "UNKNOWN UNKNOWN N/A(N/A) ge-0/0/0.0",
            ],
            separator: " "
        ),
        Case("%{a->}   %{b->}---%{c}", "foo            bar------------baz", ["a": "foo", "b": "bar", "c": "baz"]),
        Case("%{->}-%{a}", "-----666", ["a": "666"]),
        Case("%{?skipme->}-%{a}", "-----666", ["a": "666"]),
        Case("%{a},%{b},%{c},%{d},%{e},%{f}", "111,,333,,555,666", ["a": "111", "b": "", "c": "333", "d": "", "e": "555", "f": "666"]),
        Case("%{a}.࿏.%{b}", "⟳༒.࿏.༒⟲", ["a": "⟳༒", "b": "༒⟲"]),
        Case("%{a}", "子", ["a": "子"]),
        Case("%{a}{\n}%{b}", "aaa{\n}bbb", ["a": "aaa", "b": "bbb"]),
        Case("MACHINE[%{a}] %{b}", "1234567890 MACHINE[foo] bar", nil),
        Case("%{a} %{b} %{c}", "foo:bar:baz", nil),
        Case("/var/%{key1}/log/%{key2}.log", "/var/foo/log/bar.log", ["key1": "foo", "key2": "bar"]),
        Case(
            "%{a->}   %{b}-.-%{c}-%{d}-..-%{e}-%{f}-%{g}-%{h}",
            "foo            bar-.-baz-1111-..-22-333-4444-55555",
            ["a": "foo", "b": "bar", "c": "baz", "d": "1111", "e": "22", "f": "333", "g": "4444", "h": "55555"]
        ),
        // testMatchUnicode
        Case("%{a} %{b}", "foo 子", ["a": "foo", "b": "子"]),
        Case("%{a}࿏%{b} %{c}", "⟳༒࿏༒⟲ 子", ["a": "⟳༒", "b": "༒⟲", "c": "子"]),
        Case("%{a}࿏%{+a} %{+a}", "⟳༒࿏༒⟲ 子", ["a": "⟳༒༒⟲子"]),
        Case("%{a}࿏%{+a/2} %{+a/1}", "⟳༒࿏༒⟲ 子", ["a": "⟳༒子༒⟲"]),
        Case("%{a->}࿏%{b}", "⟳༒࿏࿏࿏࿏࿏༒⟲", ["a": "⟳༒", "b": "༒⟲"]),
        Case("%{*a}࿏%{&a}", "⟳༒࿏༒⟲", ["⟳༒": "༒⟲"]),
        Case("%{}࿏%{a}", "⟳༒࿏༒⟲", ["a": "༒⟲"]),
        Case("Zürich, the %{adjective} city in Switzerland", "Zürich, the largest city in Switzerland", ["adjective": "largest"]),
        Case(
            "Zürich, the %{one} city in Switzerland; Zürich, the %{two} city in Switzerland",
            "Zürich, the largest city in Switzerland; Zürich, the LARGEST city in Switzerland",
            ["one": "largest", "two": "LARGEST"]
        ),
        // testMatchRemainder
        Case("%{a}", "foo bar the rest", ["a": "foo bar the rest"]),
        Case("%{a} %{b}", "foo bar the rest", ["a": "foo", "b": "bar the rest"]),
        Case("%{} %{b}", "foo bar the rest", ["b": "bar the rest"]),
        Case("%{a} %{b->}", "foo bar the rest", ["a": "foo", "b": "bar the rest"]),
        Case("%{*a} %{&a}", "foo bar the rest", ["foo": "bar the rest"]),
        Case("%{a} %{+a}", "foo bar the rest", ["a": "foo bar the rest"], separator: " "),
        // testAppend
        Case("%{a} %{+a} %{b} %{+b}", "foo bar baz lol", ["a": "foobar", "b": "bazlol"]),
        Case("%{a} %{+a/2} %{+a/1}", "foo bar baz", ["a": "foo baz bar"], separator: " "),
        // testAssociate
        Case("%{&a} %{*a}", "foo bar", ["bar": "foo"]),
        Case("%{*a} %{&a} %{*b} %{&b}", "foo bar baz lol", ["foo": "bar", "baz": "lol"]),
        Case("%{*a} %{&a} %{c} %{*b} %{&b}", "foo bar x baz lol", ["foo": "bar", "baz": "lol", "c": "x"]),
        Case("%{*a} %{&a} {a} %{*b} %{&b}", "foo bar x baz lol", nil),
        // testPartialKeyDefinition
        Case("%{a} %%{b},%{c}", "foo %bar,baz", ["a": "foo", "b": "bar", "c": "baz"]),
        Case("%{a} %{b},%%{c}", "foo bar,%baz", ["a": "foo", "b": "bar", "c": "baz"]),
        Case("%%{a} %{b},%{c}", "%foo bar,baz", ["a": "foo", "b": "bar", "c": "baz"]),
        Case("%foo %{bar}", "%foo test", ["bar": "test"]),
        // testAppendAndAssociate
        Case("%{a} %{+a} %{*b} %{&b}", "foo bar baz lol", ["a": "foobar", "baz": "lol"]),
        Case("%{a->} %{+a/2} %{+a/1} %{*b} %{&b}", "foo      bar baz lol x", ["a": "foobazbar", "lol": "x"]),
        // testEmptyKey
        Case("%{a} %{}", "foo bar", ["a": "foo"]),
        Case("%{->} %{b}", "foo        bar", ["b": "bar"]),
        Case("%{->} %{b}", "        bar", ["b": "bar"]),
        Case("%{a} %{->}", "foo  bar       ", ["a": "foo"]),
        // testNamedSkipKey
        Case("%{?foo} %{b}", "foo bar", ["b": "bar"]),
        Case("%{?} %{b}", "foo bar", ["b": "bar"]),
        Case("%{a} %{?bar}", "foo bar", ["a": "foo"]),
        Case("%{?foo->} %{b}", "foo        bar", ["b": "bar"]),
        Case("%{?->} %{b}", "foo        bar", ["b": "bar"]),
        Case("%{?foo->} %{b}", "        bar", ["b": "bar"]),
        Case("%{a} %{->?bar}", "foo  bar       ", ["a": "foo"]),
        Case("%{a} %{?skipme} %{?skipme}", "foo  bar  baz", ["a": "foo"]),
        Case("%{a} %{?} %{?}", "foo  bar  baz", ["a": "foo"]),
        // testConsecutiveDelimiters
        Case("%{->},%{a}", ",,,,,foo", ["a": "foo"]),
        Case("%{a->},%{b}", ",,,,,foo", ["a": "", "b": "foo"]),
        Case("%{a->},", "foo,,,,,", ["a": "foo"]),
        Case("%{a} %{b},", "foo bar,,,,,", ["a": "foo", "b": "bar"]),
        Case("%{a} %{b->},", "foo bar,,,,,", ["a": "foo", "b": "bar"]),
        Case("%{a->},%{b}", "foo,,,,,bar", ["a": "foo", "b": "bar"]),
        Case("%{a->} %{b}", "foo     bar", ["a": "foo", "b": "bar"]),
        Case("%{a->}x%{b}", "fooxxxxxbar", ["a": "foo", "b": "bar"]),
        Case("%{a->} xyz%{b}", "foo xyz xyz xyz xyz xyzbar", ["a": "foo", "b": "bar"]),
        Case("%{a},%{b},%{c},%{d}", "foo,,bar,baz", ["a": "foo", "b": "", "c": "bar", "d": "baz"]),
        Case("%{a},%{b},%{c},%{d}", "foo,,,baz", ["a": "foo", "b": "", "c": "", "d": "baz"]),
        Case("%{a},%{b},%{c},%{d}", ",bar,,baz", ["a": "", "b": "bar", "c": "", "d": "baz"]),
        Case("%{->},%{a->},%{b}", ",,,bar,,baz", ["a": "bar", "b": "baz"]),
        // testAppendWithConsecutiveDelimiters
        Case("%{+a/1},%{+a/3}-%{+a/2} %{b}", "foo,bar----baz lol", ["a": "foo---bazbar", "b": "lol"]),
        Case("%{+a/1},%{+a/3->}-%{+a/2} %{b}", "foo,bar----baz lol", ["a": "foobazbar", "b": "lol"]),
        // testSkipRightPadding
        Case("%{a->} %{b}", "foo bar", ["a": "foo", "b": "bar"]),
        Case("%{a->} %{b}", "foo            bar", ["a": "foo", "b": "bar"]),
        Case("%{->} %{a}", "foo            bar", ["a": "bar"]),
        Case("%{a->} %{+a->} %{*b->} %{&b->} %{c}", "foo       bar    baz  lol    x", ["a": "foobar", "baz": "lol", "c": "x"]),
        // testTrimmedEnd
        Case("%{a} %{b}", "foo bar", ["a": "foo", "b": "bar"]),
        Case("%{a} %{b->} ", "foo bar        ", ["a": "foo", "b": "bar"]),
        Case("%{a} %{b->}", "foo bar,,,,,,", ["a": "foo", "b": "bar,,,,,,"]),
        Case("%{a} %{b->},", "foo bar,,,,,,", ["a": "foo", "b": "bar"]),
        // testLeadingDelimiter
        Case(",,,%{a} %{b}", ",,,foo bar", ["a": "foo", "b": "bar"]),
        Case(",%{a} %{b}", ",,foo bar", ["a": ",foo", "b": "bar"]),
        // testEmptyValueWithBrackets
        Case("(%{a}) [%{b}] -[%{c}]", "(foo) [] -[bar]", ["a": "foo", "b": "", "c": "bar"]),
        Case("[%{a}] [%{b}]", "[] []", ["a": "", "b": ""]),
        // testMiss
        Case("%{a}%{b}", "foo", nil),
        Case("%{a},%{b}", "foo bar", nil),
        Case("%{a}, %{b}", "foo,bar", nil),
        Case("x%{a},%{b}", "foo,bar", nil),
        Case("x%{},%{b}", "foo,bar", nil),
        Case("leading_delimiter_long%{a}", "foo", nil),
        Case("%{a}trailing_delimiter_long", "foo", nil),
        Case("leading_delimiter_long%{a}trailing_delimiter_long", "foo", nil),
        Case("%{a}x", "foo", nil),
        Case("%{a},%{b}x", "foo,bar", nil),
        // testSyslog
        Case(
            "%{timestamp} %{+timestamp} %{+timestamp} %{logsource} %{program}[%{pid}]: %{message}",
            "Mar 16 00:01:25 evita postfix/smtpd[1713]: connect from camomile.cloud9.net[168.100.1.3]",
            ["timestamp": "Mar 16 00:01:25", "logsource": "evita", "program": "postfix/smtpd", "pid": "1713",
             "message": "connect from camomile.cloud9.net[168.100.1.3]"],
            separator: " "
        ),
        // testConcurrentDelimitersAdditional (elasticsearch#119264)
        Case("%{a}-%{b}", "foo------bar", ["a": "foo", "b": "-----bar"]),
        Case("%{}|%{}|foo=%{field}", "||foo=bar", ["field": "bar"]),
    ]

    @Test("match or miss as in Elasticsearch", arguments: cases)
    func matches(_ testCase: Case) throws {
        let pattern = try DissectPattern(testCase.pattern, appendSeparator: testCase.separator)
        #expect(pattern.match(testCase.input) == testCase.expected)
    }

    @Test("patterns and keys Elasticsearch rejects", arguments: ["", "{}", "%{*a} %{&b}", "%{*}", "%{++}", "%{+/2}", "%{&+a_field}", "%{*a} %{a}", "%{a} %{&a}"])
    func rejected(_ pattern: String) {
        #expect(throws: DissectPatternError.self) { try DissectPattern(pattern) }
    }

    @Test("output and reference keys (testOutputKeys, testReferenceKeys)")
    func keys() throws {
        #expect(try DissectPattern("%{a} %{b}").outputKeys == ["a", "b"])
        #expect(try DissectPattern("%{a->} %{b}").outputKeys == ["a", "b"])
        #expect(try DissectPattern("%{?a} %{b}").outputKeys == ["b"])
        #expect(try DissectPattern("%{+a} %{b} %{+a}").outputKeys == ["a", "b"])
        #expect(try DissectPattern("%{a} %{b} %{*c} %{&c}").outputKeys == ["a", "b", "c"])
        #expect(try DissectPattern("%{a} %{b}").referenceKeys.isEmpty)
        #expect(try DissectPattern("%{+a} %{b} %{+a}").referenceKeys.isEmpty)
        #expect(try DissectPattern("%{*a} %{&a}").referenceKeys == ["a"])
        #expect(try DissectPattern("%{a} %{b} %{*c} %{&c} %{*d} %{&d}").referenceKeys == ["c", "d"])
    }
}
