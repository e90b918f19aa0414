/// The label an engineer gives an entity in a label file.
public struct CaseLabel: Sendable, Hashable {
    public var label: Label
    public var scenario: String?
    public var notes: String?

    public init(label: Label, scenario: String? = nil, notes: String? = nil) {
        self.label = label
        self.scenario = scenario
        self.notes = notes
    }
}
