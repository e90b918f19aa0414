import Foundation
import StubTestSupport
import Testing

@Suite(.boundedResources) struct DissectCommandTests {
    static let pattern = "verdict=%{verdict} confidence=%{confidence} summary=%{summary}"

    @Test func printsTheExtractedKeys() async throws {
        let output = try await CLI.run(["dissect", "--pattern", Self.pattern, "verdict=TP confidence=0.9 summary=certutil download"])
        #expect(output.status == 0)
        #expect(output.stdout == #"{"confidence":"0.9","summary":"certutil download","verdict":"TP"}"# + "\n")
    }

    @Test func preambleDoesNotMatch() async throws {
        let output = try await CLI.run(["dissect", "--pattern", Self.pattern, "Sure! verdict=TP confidence=0.9 summary=x"])
        #expect(output.status == 1)
        #expect(output.stdout == "null\n")
    }

    @Test func readsStandardInputWithNewlines() async throws {
        let output = try await CLI.run(["dissect", "--pattern", Self.pattern], stdin: "verdict=TP confidence=0.9 summary=line one\nline two")
        #expect(output.status == 0)
        #expect(output.stdout.contains(#""summary":"line one\nline two""#))
    }

    @Test func malformedPatternExits2WithTheReason() async throws {
        let output = try await CLI.run(["dissect", "--pattern", "no keys", "x"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("error: invalid DISSECT pattern"))
    }

    @Test func unknownFlagExits2() async throws {
        let output = try await CLI.run(["dissect", "--patern", "x"])
        #expect(output.status == 2)
    }
}
