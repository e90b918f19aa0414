internal import Synchronization

/// What the `{{#python}}` sections of one render lost on the way to the prompt (``ContextLossLint`` reads it):
/// every `.get(key)` that found no such key, and every slice that cut something off.
final class PythonTrace: Sendable {
    /// A `.get` whose key the dict does not hold (the fallback, `None` by default, was used).
    struct Miss: Sendable, Equatable {
        var key: String
        /// What the dotted key names in nested objects (`host.name` on `{"host": {"name": …}}`): the dotted-key trap.
        var nested: PythonValue?
    }

    /// A slice that dropped part of its value.
    enum Cut: Sendable {
        /// `text[a:b]` kept part of `full`.
        case text(full: String)
        /// `items[a:b]` left these items out.
        case items(dropped: [PythonValue])
    }

    private let state = Mutex<(misses: [Miss], cuts: [Cut])>(([], []))

    func miss(_ key: String, in dict: PythonDict) {
        let found = PythonValue.dict(dict).value(atDottedPath: key)
        state.withLock { $0.misses.append(Miss(key: key, nested: found)) }
    }

    func cut(_ cut: Cut) { state.withLock { $0.cuts.append(cut) } }

    var misses: [Miss] { state.withLock { $0.misses } }
    var cuts: [Cut] { state.withLock { $0.cuts } }
}

extension PythonValue {
    /// The value a dotted path names through nested dicts (`a.b.c` in `{"a": {"b": {"c": …}}}` or `{"a.b": {"c": …}}`);
    /// nil when no nesting holds it.
    func value(atDottedPath path: String) -> PythonValue? {
        guard case .dict(let dict) = self else { return nil }
        for (key, value) in dict.items {
            if key == path { return value }
            if path.hasPrefix(key + "."), let found = value.value(atDottedPath: String(path.dropFirst(key.count + 1))) { return found }
        }
        return nil
    }
}
