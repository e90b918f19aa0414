import Testing
import EsqlEngine

@Suite("DissectPattern: Elasticsearch's algorithm, quirks included")
struct DissectPatternTests {
    private func match(_ pattern: String, _ input: String, separator: String = "") throws -> [String: String]? {
        try DissectPattern(pattern, appendSeparator: separator).match(input)
    }

    @Test("the leading text must start the input, and the input must be longer than it")
    func leadingText() throws {
        let pattern = "verdict=%{verdict} confidence=%{confidence}"
        #expect(try match(pattern, "verdict=TP confidence=0.9") == ["verdict": "TP", "confidence": "0.9"])
        #expect(try match(pattern, " verdict=TP confidence=0.9") == nil)
        #expect(try match(pattern, "Verdict=TP confidence=0.9") == nil)
        #expect(try match("verdict=%{v}", "verdict=") == nil)
        #expect(try match("verdict=%{v}", "verdict=x") == ["v": "x"])
        #expect(try match("%{a}", "") == nil)
    }

    @Test("a line break before the first key voids the leading text")
    func leadingTextWithLineBreak() throws {
        #expect(try match("head\nline %{x}", "anything at all") == ["x": "anything at all"])
        #expect(try match("head line %{x}", "anything at all") == nil)
    }

    @Test("non-ASCII leading text and delimiters match on UTF-8 bytes")
    func nonASCII() throws {
        #expect(try match("é%{a}", "éx") == ["a": "x"])
        #expect(try match("%{a}é%{b}", "xéy") == ["a": "x", "b": "y"])
        #expect(try match("é%{a}", "é") == nil)
    }

    @Test("values are byte-exact; the last key takes the rest, newlines included")
    func byteExact() throws {
        #expect(try match("%{a} %{b}", "x  y\nz ") == ["a": "x", "b": " y\nz "])
        #expect(try match("%{a}=%{b} %{c}", "k=v  w x") == ["a": "k", "b": "v", "c": " w x"])
        #expect(try match("%{a}→%{b}", "⟳→子") == ["a": "⟳", "b": "子"])
    }

    @Test("text after a last delimiter is ignored")
    func trailingText() throws {
        #expect(try match("%{a} ", "x y z") == ["a": "x"])
    }

    @Test("repeated delimiters are skipped only after ->")
    func consecutiveDelimiters() throws {
        #expect(try match("%{a},%{b},%{c},%{d}", "foo,,,") == ["a": "foo", "b": "", "c": "", "d": ""])
        #expect(try match("%{a},%{b};%{c}", "x,,y;z") == ["a": "x", "b": ",y", "c": "z"])
        #expect(try match("%{a},%{b}", "x,,y") == ["a": "x", "b": ",y"])
        #expect(try match("%{a->},%{b}", "x,,,,y") == ["a": "x", "b": "y"])
    }

    @Test("adjacent keys: the second key's text is a literal delimiter")
    func adjacentKeys() throws {
        let pattern = try DissectPattern("%{a}%{b}")
        #expect(pattern.outputKeys == ["a"])
        #expect(pattern.match("x%{b}") == ["a": "x"])
        #expect(pattern.match("xy") == nil)
    }

    @Test("an unclosed %{ after a key is silently dropped")
    func unclosedTrailingKey() throws {
        #expect(try match("%{a} %{b", "foo bar") == ["a": "foo"])
    }

    @Test("a repeated plain key keeps its last value")
    func repeatedKey() throws {
        #expect(try match("%{a} %{a}", "1 2") == ["a": "2"])
    }

    @Test("append: plain keys join, implicit order before /n, separator between")
    func append() throws {
        #expect(try match("%{a} %{+a/1} %{+a}", "x y z", separator: "-") == ["a": "x-z-y"])
        #expect(try match("%{+a/2} %{+a/1}", "x y") == ["a": "yx"])
    }

    @Test("reference keys name a result key by a value")
    func references() throws {
        #expect(try match("%{*a} %{b} %{&a}", "foo bar baz") == ["foo": "baz", "b": "bar"])
        let pattern = try DissectPattern("%{*a} %{&a}")
        #expect(pattern.referenceKeys == ["a"])
        #expect(pattern.outputKeys == ["a"])
        #expect(try DissectPattern("%{&b} %{*a} %{&a} %{*b}").referenceKeys == ["a", "b"])
        #expect(try match("%{&b} %{*a} %{&a} %{*b}", "1 2 3 4") == ["2": "3", "4": "1"])
    }

    @Test("skip keys: %{}, %{?name}, %{->}")
    func skips() throws {
        #expect(try match("%{} %{?x} %{y}", "1 2 3") == ["y": "3"])
        #expect(try match("[%{a}]%{->}[%{b}]", "[1]      [2]") == ["a": "1", "b": "2"])
    }

    @Test("key names as Elasticsearch's regular expressions read them")
    func keyNames() throws {
        // The modifier may stand anywhere: `a+b` appends to `b`.
        #expect(try match("%{a+b}", "x") == ["b": "x"])
        // `$` matches before a final line terminator.
        #expect(try match("%{a\n} %{b}", "x y") == ["a": "x", "b": "y"])
        // `->` only counts at the end.
        #expect(try match("%{a->b} %{c}", "x y") == ["a->b": "x", "c": "y"])
    }

    @Test("outputKeys: named, distinct, in order, as ES|QL's columns")
    func outputKeys() throws {
        let pattern = try DissectPattern("%{a} %{?b} %{} %{+c} %{+c} %{*d} %{&d} %{a}")
        #expect(pattern.outputKeys == ["a", "c", "d"])
        #expect(pattern.referenceKeys == ["d"])
    }

    @Test("patterns Elasticsearch rejects throw", arguments: [
        "",
        "no keys here",
        "%{a",
        "%{}",
        "%{?a} %{}",
        "%{+}",
        "%{*}",
        "%{a/1}",
        "%{+a/1/2}",
        "%{?a+}",
        "%{*a&}",
        "%{+a/}",
        "%{+a/1x}",
        "%{+a/32768}",
        "%{*a}",
        "%{a} %{&a}",
        "%{*a} %{&a} %{&a}",
    ])
    func rejected(_ pattern: String) {
        #expect(throws: DissectPatternError.self) { try DissectPattern(pattern) }
    }

    @Test("the error names the pattern and the reason")
    func errorDescription() {
        #expect(throws: DissectPatternError(pattern: "%{a", reason: "unclosed '%{': no %{key} found")) {
            try DissectPattern("%{a")
        }
        #expect(throws: DissectPatternError(pattern: "x", reason: "no %{key} found")) { try DissectPattern("x") }
        let error = DissectPatternError(pattern: "%{+a/1/2}", reason: "key %{+a/1/2}: multiple modifiers are not allowed")
        #expect(throws: error) { try DissectPattern("%{+a/1/2}") }
        #expect(error.description == "invalid DISSECT pattern \"%{+a/1/2}\": key %{+a/1/2}: multiple modifiers are not allowed")
    }

    @Test("append order up to Short.MAX_VALUE")
    func appendOrderLimit() throws {
        #expect(try match("%{+a/32767} %{+a/0}", "x y") == ["a": "yx"])
    }
}
