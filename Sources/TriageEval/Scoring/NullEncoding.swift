extension KeyedEncodingContainer {
    /// Encodes `value`, or an explicit JSON `null` when it is nil — never omits the key.
    ///
    /// The report contract says nulls stay null: a missing key or a `0` would read as a measurement.
    public mutating func encodeOrNull<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value {
            try encode(value, forKey: key)
        } else {
            try encodeNil(forKey: key)
        }
    }
}
