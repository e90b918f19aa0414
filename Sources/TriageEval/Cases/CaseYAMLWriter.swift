internal import Yams

/// Writes cases back as `cases/*.yaml` text: keys in the documented order, empty fields left out,
/// so an exported file re-imports as the same case (same content hash). Cases named in `unlabeled`
/// are written with `label: null`, drafts for an engineer to label.
public enum CaseYAMLWriter {
    public static func yaml(_ cases: [TriageCase], unlabeled: Set<String> = []) throws -> String {
        let document = Node(cases.map { node($0, labeled: !unlabeled.contains($0.id)) })
        return try Yams.serialize(node: document, width: -1, allowUnicode: true)
    }

    static func node(_ item: TriageCase, labeled: Bool = true) -> Node {
        var pairs: [(Node, Node)] = []
        func add(_ key: TriageCase.CodingKeys, _ value: Node?) {
            if let value { pairs.append((Node(key.rawValue), value)) }
        }
        func text(_ value: String?) -> Node? {
            value.map { Node($0, Tag(.str), $0.contains("\n") ? .literal : .any) }
        }
        func list(_ values: [String]) -> Node? {
            values.isEmpty ? nil : Node(values.map { Node($0, Tag(.str)) })
        }
        add(.id, text(item.id))
        add(.label, labeled ? text(item.label.rawValue) : Node("null", Tag(.null)))
        add(.scenario, text(item.scenario))
        add(.tags, list(item.tags).map { Node($0.sequence.map(Array.init) ?? [], Tag(.seq), .flow) })
        if let entity = item.entity {
            var entityPairs: [(Node, Node)] = [(Node("type"), Node(entity.type.rawValue)), (Node("name"), Node(entity.name, Tag(.str)))]
            if let id = entity.id { entityPairs.append((Node("id"), Node(id, Tag(.str)))) }
            add(.entity, Node(entityPairs, Tag(.map), .flow))
        }
        add(.alertCount, item.alertCount.map { Node(String($0)) })
        add(.timeWindowMinutes, item.timeWindowMinutes.map { Node(String($0)) })
        add(.maxRiskScore, item.maxRiskScore.map { Node($0 == $0.rounded() ? String(Int($0)) : String($0)) })
        add(.rules, list(item.rules))
        add(.tactics, list(item.tactics))
        add(.techniques, list(item.techniques))
        add(.commandLines, list(item.commandLines))
        add(.parentCommandLines, list(item.parentCommandLines))
        add(.users, list(item.users))
        add(.filePaths, list(item.filePaths))
        add(.dllPaths, list(item.dllPaths))
        add(.dnsQueries, list(item.dnsQueries))
        add(.registryPaths, list(item.registryPaths))
        add(.registryValues, list(item.registryValues))
        add(.hosts, list(item.hosts))
        add(.sourceIPs, list(item.sourceIPs))
        add(.destinationIPs, list(item.destinationIPs))
        add(.datasets, list(item.datasets))
        add(.executables, list(item.executables))
        add(.emails, list(item.emails))
        add(.alertSummary, text(item.alertSummary))
        // Documents in their stored form (id, index, the `_source` as JSON text), which the reader takes back as is.
        add(.documents, item.documents.map { documents in
            Node(documents.map { Node([(Node("id"), Node($0.id, Tag(.str))), (Node("index"), Node($0.index, Tag(.str))), (Node("source"), Node($0.source, Tag(.str)))]) })
        })
        add(.executedAt, text(item.executedAt))
        add(.rowLabels, item.rowLabels.map { entries in
            Node(entries.map { entry in
                var entryPairs: [(Node, Node)] = [
                    (Node("match"), Node(entry.match.map { (Node($0.column, Tag(.str)), Node($0.value, Tag(.str))) })),
                    (Node("label"), Node(entry.label.rawValue)),
                ]
                if let scenario = entry.scenario { entryPairs.append((Node("scenario"), Node(scenario, Tag(.str)))) }
                if let notes = entry.notes { entryPairs.append((Node("notes"), Node(notes, Tag(.str)))) }
                return Node(entryPairs)
            })
        })
        add(.expected, item.expected.map { values in
            Node(values.sorted { $0.key < $1.key }.map { (Node($0.key, Tag(.str)), Node($0.value, Tag(.str))) })
        })
        add(.source, text(item.source))
        add(.notes, text(item.notes))
        return Node(pairs)
    }
}
