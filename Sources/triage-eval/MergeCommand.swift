import ArgumentParser
import TriageEvalStore

struct MergeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the stores of sharded runs (run --shard K/N) into one run.",
        discussion: """
            Takes the latest run of each STORE; together they must be shards 1…N of one planned run: the same tool \
            version, git commit, prompts and decisions, models, samples, selection and case set. Writes one run \
            to OUT (created, or an existing store such as the workspace's .triage-eval/store.sqlite) whose reports, \
            compare and gate equal those of the same run executed unsharded. Merging the same shards again changes nothing.
            Exit 2 when the stores are not the shards of one run or a result conflicts with one already merged \
            (nothing is written); exit 4 when a store cannot be read or written.
            """
    )

    @Argument(help: ArgumentHelp("The store to merge into (created when missing).", valueName: "OUT"))
    var output: String

    @Argument(help: ArgumentHelp("The shard stores.", valueName: "STORE"))
    var stores: [String]

    func validate() throws {
        if stores.isEmpty { throw ValidationError("give the shard stores to merge") }
    }

    func run() async throws {
        let outcome = try Store.merge(stores, into: output)
        let run = outcome.run
        let action = outcome.created ? "merged" : "already merged:"
        print(
            "\(action) \(stores.count) shard\(stores.count == 1 ? "" : "s") into run \(run.id) of \(output): \(run.planned) evaluations planned, "
                + "\(outcome.written) results written, \(outcome.unchanged) unchanged; status \(run.status.rawValue)"
        )
    }
}
