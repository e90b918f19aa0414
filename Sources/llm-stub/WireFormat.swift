/// One provider's request and response shapes: how the prompt arrives and how answers and errors go back.
protocol WireFormat: Sendable {
    /// Reads the prompt(s) from the decoded JSON body; `pathModel` is the model named in the URL, if any.
    /// Throws ``StubFailure/badRequest(_:errorType:)`` when the provider would reject the request.
    func parse(_ body: [String: Any], pathModel: String?) throws(StubFailure) -> ModelRequest

    /// The 200 body carrying `answers` (one per prompt) with token usage.
    func success(_ answers: [String], for request: ModelRequest) -> JSONOut

    /// The error body for `failure`, plus any headers the provider sends with it.
    func failure(_ failure: StubFailure) -> (body: JSONOut, headers: [(String, String)])
}
