/// A command-line option the stub cannot use: printed as `error: …` with exit code 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
