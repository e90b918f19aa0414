/// A rule's executions over the cases' documents summed up: what reaches the model, what never does,
/// and what running it on its schedule would cost and lose.
///
/// Production runs the rule every `interval`; each execution sends one call per row reaching
/// `COMPLETION`, and one failed call fails the whole query, so that execution raises no alert at all.
public struct RuleEconomics: Sendable, Equatable {
    /// Cases the rule executed over (cases with documents).
    public var executions = 0
    /// Executions that sent no call (nothing reached `COMPLETION`, or only null prompts).
    public var notJudged = 0
    /// Rows the query produced before `COMPLETION`'s cap (reaching it plus cut by it).
    public var rowsProduced = 0
    /// Rows sent to the model (non-null prompt, within the cap).
    public var rowsJudged = 0
    public var cutByLimit = 0
    public var cutByCap = 0
    public var nullPrompts = 0
    /// Calls per execution, one entry per execution that made at least one.
    public var callsPerExecution: [Int] = []
    /// The rule's `interval`, when the file gives one.
    public var intervalMillis: Int64?

    public init(executions: [RuleExecution], intervalMillis: Int64?) {
        self.intervalMillis = intervalMillis
        for execution in executions {
            self.executions += 1
            let judged = execution.judged.count
            if judged == 0 { notJudged += 1 } else { callsPerExecution.append(judged) }
            rowsProduced += execution.rows.count + execution.cutByCap
            rowsJudged += judged
            cutByLimit += execution.cutByLimit
            cutByCap += execution.cutByCap
            nullPrompts += execution.nullPrompts
        }
    }

    /// Mean calls per execution over all executions; nil without executions.
    public var meanCalls: Double? {
        executions == 0 ? nil : Double(rowsJudged) / Double(executions)
    }

    /// Rule executions per day on its schedule; nil without an interval.
    public var executionsPerDay: Double? {
        intervalMillis.map { 86_400_000 / Double($0) }
    }

    /// Model calls per day if every execution looked like these cases on average; nil when unknown.
    public var callsPerDay: Double? {
        guard let meanCalls, let executionsPerDay else { return nil }
        return meanCalls * executionsPerDay
    }

    /// The share of the executions that make calls which would raise no alert at all because one of their
    /// calls failed, when each call fails independently with `errorRate`: the mean of 1 − (1 − e)^rows.
    /// Nil when no execution makes a call.
    public func lostExecutionShare(errorRate: Double) -> Double? {
        guard !callsPerExecution.isEmpty else { return nil }
        let survive = 1 - min(max(errorRate, 0), 1)
        let lost = callsPerExecution.reduce(0.0) { $0 + (1 - Self.power(survive, $1)) }
        return lost / Double(callsPerExecution.count)
    }

    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= base }
        return result
    }
}
