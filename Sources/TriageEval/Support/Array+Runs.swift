extension Array {
    /// Calls `body` once per key with its elements, in ascending key order, each a slice of one array: of this array
    /// when it is already sorted by `key` (results are read in case order), else of a copy sorted by it (stable).
    /// Groups a big run's results or scored items by case without an array, or a dictionary entry, per case.
    public func forEachRun<Key: Comparable>(by key: (Element) -> Key, _ body: (ArraySlice<Element>) throws -> Void) rethrows {
        let sorted = zip(self, dropFirst()).allSatisfy { key($0) <= key($1) }
        let base = sorted ? self : indices.sorted { (key(self[$0]), $0) < (key(self[$1]), $1) }.map { self[$0] }
        var start = base.startIndex
        while start < base.endIndex {
            let current = key(base[start])
            var end = start + 1
            while end < base.endIndex, key(base[end]) == current { end += 1 }
            try body(base[start..<end])
            start = end
        }
    }
}
