internal import Yams

/// Reads the declared-fields form of a JSON prompt's `output:` block (see README, "Prompt format"):
///
/// ```yaml
/// fields:
///   true_positive_likelihood: {type: category, values: [high, medium, low], normalize: [strip, lower]}
///   score: {type: number}
/// verdict: {field: true_positive_likelihood, map: {high: TP, medium: SUSPICIOUS, low: FP}}
/// confidence: {field: score}          # or a category field, with optional levels: {high: 0.9, …}
/// summary: summary                    # optional
/// secondary: [{field: threat_level, case_field: priority}]   # optional
/// ```
///
/// Every reference is checked when the prompt loads: fields are declared, map values are values the field can
/// take after normalisation, mapped verdicts are declared verdicts; errors name the file, line and field.
enum DeclaredOutputParser {
    /// Keys of `output:` that only the declared form has.
    static let roleKeys = ["verdict", "confidence", "summary", "secondary"]
    static let fieldKeys: Set<String> = ["type", "values", "normalize"]

    /// The declared layer, or nil when `fields` is absent or in the older key-rename form
    /// (`fields: {verdict: NAME, confidence: NAME, summary: NAME}`).
    static func parse(_ output: YAMLMapping, verdicts: [String]) throws(InputError) -> DeclaredOutput? {
        guard let fieldsMap = try output.submapping("fields") else { return nil }
        let typed = fieldsMap.keys.filter { fieldsMap.value($0)?.mapping != nil }
        if typed.isEmpty { return nil }
        if let plain = fieldsMap.keys.first(where: { !typed.contains($0) }) {
            throw fieldsMap.error(plain, "mixes a key rename with typed fields; declare it as {type: …}")
        }
        var fields: [DeclaredField] = []
        for path in fieldsMap.keys {
            guard let entry = try fieldsMap.submapping(path) else { continue }
            fields.append(try field(path, entry))
        }
        func declared(_ map: YAMLMapping, _ key: String, _ path: String) throws(InputError) -> DeclaredField {
            guard let field = fields.first(where: { $0.path == path }) else {
                throw map.error(key, "names \"\(path)\", which output.fields does not declare")
            }
            return field
        }

        guard let verdictMap = try output.submapping("verdict") else {
            throw output.error("verdict", output.has("verdict") ? "must be {field: NAME, map: {VALUE: VERDICT, …}}" : "is required with typed fields: {field: NAME, map: {VALUE: VERDICT, …}}")
        }
        try verdictMap.checkKeys(["field", "map"])
        let verdictField = try declared(verdictMap, "field", try verdictMap.requiredString("field"))
        var mapping: [VerdictRule.ValueMapping] = []
        if let map = try verdictMap.submapping("map") {
            for value in map.keys {
                guard let verdict = try map.string(value) else { throw map.error(value, "must name a verdict") }
                guard verdicts.contains(verdict) else { throw map.error(value, "maps to \(verdict), which is not among output.verdicts \(verdicts)") }
                try checkValue(value, of: verdictField, in: map)
                mapping.append(.init(value: value, verdict: verdict))
            }
        }
        if mapping.isEmpty, verdictField.type != .string, verdictField.type != .category {
            throw verdictMap.error("map", "is required for a \(verdictField.type.rawValue) verdict field")
        }

        var confidence: ConfidenceRule?
        if let name = output.value("confidence")?.scalar?.string {
            let field = try declared(output, "confidence", name)
            guard field.type == .number || field.type == .category else {
                throw output.error("confidence", "names a \(field.type.rawValue) field; a confidence is a number or a category")
            }
            confidence = ConfidenceRule(field: name)
        } else if let map = try output.submapping("confidence") {
            try map.checkKeys(["field", "levels"])
            let field = try declared(map, "field", try map.requiredString("field"))
            guard field.type == .number || field.type == .category else {
                throw map.error("field", "names a \(field.type.rawValue) field; a confidence is a number or a category")
            }
            var levels: [ConfidenceRule.Level] = []
            if let levelMap = try map.submapping("levels") {
                guard field.type == .category else { throw map.error("levels", "apply to a category confidence only") }
                for value in levelMap.keys {
                    try checkValue(value, of: field, in: levelMap)
                    guard let probability = try levelMap.double(value), (0...1).contains(probability) else {
                        throw levelMap.error(value, "must be a number in [0, 1]")
                    }
                    levels.append(.init(value: value, probability: probability))
                }
                if let missing = field.values.first(where: { value in !levels.contains { $0.value == value } }) {
                    throw map.error("levels", "gives no number for \"\(missing)\"; give every value of \(field.path) a number, or none")
                }
            }
            confidence = ConfidenceRule(field: field.path, levels: levels)
        }

        var summary: String?
        if let name = try output.string("summary") {
            summary = try declared(output, "summary", name).path
        }

        var secondary: [SecondaryOutput] = []
        for (index, node) in try output.list("secondary").enumerated() {
            let entry = try YAMLMapping(node, file: output.file, path: output.fieldPath("secondary[\(index)]"))
            try entry.checkKeys(["field", "case_field"])
            let field = try declared(entry, "field", try entry.requiredString("field"))
            guard field.type == .category else { throw entry.error("field", "names a \(field.type.rawValue) field; a secondary output is a category") }
            secondary.append(SecondaryOutput(field: field.path, caseField: try entry.requiredString("case_field")))
        }
        return DeclaredOutput(fields: fields, verdict: VerdictRule(field: verdictField.path, map: mapping), confidence: confidence, summary: summary, secondary: secondary)
    }

    /// One `fields` entry: `{type: …, values: […], normalize: […]}`.
    static func field(_ path: String, _ entry: YAMLMapping) throws(InputError) -> DeclaredField {
        try entry.checkKeys(fieldKeys)
        guard !path.isEmpty, !path.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) else {
            throw entry.error(at: entry.node, field: entry.path, "is not a dotted path of member names")
        }
        let typeName = try entry.requiredString("type")
        guard let type = FieldType(rawValue: typeName) else {
            throw entry.error("type", "must be one of \(FieldType.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(typeName)\"")
        }
        var normalize: [FieldNormalization] = []
        for name in try entry.stringList("normalize") {
            guard let step = FieldNormalization(rawValue: name) else {
                throw entry.error("normalize", "must list any of \(FieldNormalization.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name)\"")
            }
            normalize.append(step)
        }
        if !normalize.isEmpty, type != .string, type != .category {
            throw entry.error("normalize", "applies to string and category fields only")
        }
        let values = try entry.stringList("values")
        switch type {
        case .category:
            guard !values.isEmpty else { throw entry.error("values", "is required for a category: the values it can take") }
        default:
            if entry.has("values") { throw entry.error("values", "applies to a category only") }
        }
        let field = DeclaredField(path: path, type: type, values: values, normalize: normalize)
        if let value = values.first(where: { field.normalized($0) != $0 }) {
            throw entry.error("values", "\"\(value)\" can never match after normalize \(normalize.map(\.rawValue)); write it as \"\(field.normalized(value))\"")
        }
        return field
    }

    /// Checks that `value` (a map or levels key) is a value `field` can take.
    static func checkValue(_ value: String, of field: DeclaredField, in map: YAMLMapping) throws(InputError) {
        switch field.type {
        case .category where !field.values.contains(value):
            throw map.error(value, "is not among \(field.path)'s values \(field.values)")
        case .boolean where value != "true" && value != "false":
            throw map.error(value, "a boolean field is true or false")
        case .number:
            throw map.error(value, "a number field cannot be mapped; use a category or decision.where")
        case .string where field.normalized(value) != value:
            throw map.error(value, "can never match after normalize \(field.normalize.map(\.rawValue)); write it as \"\(field.normalized(value))\"")
        default:
            return
        }
    }
}
