/// A value as Python holds it after `json.loads` (or as a prompt's Python expression builds it):
/// the type `json.dumps` and `str()` dispatch on. Ints are arbitrary-size (kept as canonical decimal
/// digits), floats are doubles, dicts keep insertion order with unique keys.
public indirect enum PythonValue: Sendable, Equatable {
    case none
    case bool(Bool)
    /// Canonical decimal digits: an optional `-`, no leading zeros, `0` for zero.
    case int(String)
    case float(Double)
    case str(String)
    case list([PythonValue])
    case dict(PythonDict)

    /// An int from a Swift integer.
    public static func int(_ value: Int) -> PythonValue { .int(String(value)) }

    /// The value `json.loads` makes of a parsed JSON value: a number with a fraction or exponent (or
    /// `NaN`/`Infinity`) is a float, any other an int; an object's duplicate keys keep the first
    /// position and the last value, as a dict built by assignment does.
    init(json: JSONValue) {
        switch json {
        case .string(let text): self = .str(text)
        case .bool(let flag): self = .bool(flag)
        case .null: self = .none
        case .array(let items): self = .list(items.map(PythonValue.init(json:)))
        case .object(let members):
            var dict = PythonDict()
            for member in members { dict[member.key] = PythonValue(json: member.value) }
            self = .dict(dict)
        case .number(let text):
            switch text {
            case "NaN": self = .float(.nan)
            case "Infinity": self = .float(.infinity)
            case "-Infinity": self = .float(-.infinity)
            default:
                if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                    // Correctly rounded; out of range gives ±inf or ±0, as Python's float() does.
                    self = .float(Double(text) ?? .nan)
                } else {
                    self = .int(text == "-0" ? "0" : text)
                }
            }
        }
    }

    /// Python's name for the value's type, for error messages (`'list' object has no attribute 'get'`).
    var typeName: String {
        switch self {
        case .none: "NoneType"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .str: "str"
        case .list: "list"
        case .dict: "dict"
        }
    }

    /// Python truthiness.
    var isTruthy: Bool {
        switch self {
        case .none: false
        case .bool(let flag): flag
        case .int(let digits): digits != "0"
        case .float(let value): value != 0
        case .str(let text): !text.isEmpty
        case .list(let items): !items.isEmpty
        case .dict(let dict): !dict.isEmpty
        }
    }

    public static func == (lhs: PythonValue, rhs: PythonValue) -> Bool {
        switch (lhs, rhs) {
        case (.none, .none): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        // Bitwise, so that NaN equals NaN and 0.0 differs from -0.0 (what `json.dumps` distinguishes).
        case (.float(let a), .float(let b)): a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
        case (.str(let a), .str(let b)): Array(a.unicodeScalars) == Array(b.unicodeScalars)
        case (.list(let a), .list(let b)): a == b
        case (.dict(let a), .dict(let b)): a == b
        default: false
        }
    }
}

/// A Python dict with string keys: insertion order, unique keys, assignment to an existing key keeps its position.
public struct PythonDict: Sendable, Equatable {
    public private(set) var keys: [String] = []
    public private(set) var values: [PythonValue] = []
    private var positions: [[Unicode.Scalar]: Int] = [:]

    public init() {}

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }

    /// Keys compare by code points, as Python's do (Swift's `String` equality is canonical equivalence).
    public subscript(key: String) -> PythonValue? {
        get { positions[Array(key.unicodeScalars)].map { values[$0] } }
        set {
            let scalars = Array(key.unicodeScalars)
            if let position = positions[scalars] {
                guard let newValue else {
                    keys.remove(at: position)
                    values.remove(at: position)
                    positions = Dictionary(uniqueKeysWithValues: keys.enumerated().map { (Array($1.unicodeScalars), $0) })
                    return
                }
                values[position] = newValue
            } else if let newValue {
                positions[scalars] = keys.count
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    /// Members in insertion order.
    public var items: [(key: String, value: PythonValue)] { Array(zip(keys, values)).map { (key: $0.0, value: $0.1) } }

    public static func == (lhs: PythonDict, rhs: PythonDict) -> Bool {
        lhs.keys.map { Array($0.unicodeScalars) } == rhs.keys.map { Array($0.unicodeScalars) } && lhs.values == rhs.values
    }
}
