internal import Foundation

/// The named parts of a `multipart/form-data` body (the boundary is read from the body's first line).
enum MultipartForm {
    static func parts(_ body: Data) -> [String: Data] {
        let bytes = [UInt8](body)
        guard let firstBreak = find(Array("\r\n".utf8), in: bytes, from: 0) else { return [:] }
        let delimiter = Array(bytes[0..<firstBreak])
        guard delimiter.starts(with: Array("--".utf8)) else { return [:] }
        var parts: [String: Data] = [:]
        var position = firstBreak + 2
        while let headerEnd = find(Array("\r\n\r\n".utf8), in: bytes, from: position) {
            let headers = String(decoding: bytes[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = find(Array("\r\n".utf8) + delimiter, in: bytes, from: contentStart) else { break }
            if let name = headers.range(of: "name=\"").map({ headers[$0.upperBound...].prefix { $0 != "\"" } }) {
                parts[String(name)] = Data(bytes[contentStart..<next])
            }
            position = next + 2 + delimiter.count + 2
        }
        return parts
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], Array(haystack[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }
}
