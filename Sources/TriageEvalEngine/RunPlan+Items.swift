public import TriageEvalStore

extension RunPlan {
    /// One model's items (prompt × judged case × call × sample, in that order), made one at a time as they are
    /// iterated: a plan of a million evaluations holds no list of them. With `skip` (`--resume`), the items
    /// already answered in run `runID` are left out.
    public struct Items: Sequence, Sendable {
        let plan: RunPlan
        let model: Int
        var skip: Set<ResultKey> = []
        var runID: Int64 = 0

        /// The items of the same model minus those answered in `runID` (their keys in `skip`).
        public func skipping(_ skip: Set<ResultKey>, run runID: Int64) -> Items {
            Items(plan: plan, model: model, skip: skip, runID: runID)
        }

        /// Number of items (one pass over them when some are skipped).
        public var count: Int {
            guard skip.isEmpty else { return reduce(0) { count, _ in count + 1 } }
            let skipsVariants = plan.variantsSkipped.contains(model)
            return plan.judged.reduce(0) { total, accepted in
                total + accepted.reduce(0) { $0 + (skipsVariants && plan.cases[$1.caseIndex].isVariant ? 0 : $1.count) }
            } * plan.samples
        }

        public func makeIterator() -> Iterator { Iterator(items: self) }

        /// Walks prompt, judged case, call and sample indices.
        public struct Iterator: IteratorProtocol {
            let items: Items
            let skipsVariants: Bool
            var prompt = 0, entry = 0, call = 0, sample = 0

            init(items: Items) {
                self.items = items
                skipsVariants = items.plan.variantsSkipped.contains(items.model)
            }

            public mutating func next() -> Item? {
                let plan = items.plan
                while prompt < plan.judged.count {
                    let accepted = plan.judged[prompt]
                    guard entry < accepted.count, plan.samples > 0 else {
                        (prompt, entry, call, sample) = (prompt + 1, 0, 0, 0)
                        continue
                    }
                    let judged = accepted[entry]
                    guard !(skipsVariants && plan.cases[judged.caseIndex].isVariant), call < judged.count else {
                        (entry, call, sample) = (entry + 1, 0, 0)
                        continue
                    }
                    let item = Item(prompt: prompt, model: items.model, caseIndex: judged.caseIndex, call: call, sample: sample)
                    sample += 1
                    if sample == plan.samples { (call, sample) = (call + 1, 0) }
                    if !items.skip.isEmpty, items.skip.contains(plan.key(item, run: items.runID)) { continue }
                    return item
                }
                return nil
            }
        }
    }
}
