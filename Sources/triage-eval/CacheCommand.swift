import ArgumentParser
import Foundation
import TriageEvalReports
import TriageEvalEngine
import TriageEval
import TriageEvalStore

struct CacheCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Inspect or clear the response cache (live providers' answers, keyed by prompt, model, params and sample).",
        subcommands: [Stats.self, Clear.self]
    )

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the number and size of cached answers.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (_, store) = try global.open()
            let stats = try await store.cacheStats()
            print("\(stats.entries) cached answers, \(stats.bytes) bytes")
        }
    }

    struct Clear: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete every cached answer (results of past runs are kept).")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let (_, store) = try global.open()
            print("removed \(try await store.clearCache()) cached answers")
        }
    }
}
