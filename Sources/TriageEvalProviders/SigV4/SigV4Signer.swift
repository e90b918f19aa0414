internal import Crypto
public import Foundation
internal import TriageEval

/// AWS Signature Version 4 for non-S3 services: normalized, double-encoded path;
/// sorted, encoded query; trimmed, lowercased, sorted headers; hex SHA-256 payload hash.
public struct SigV4Signer: Sendable {
    public var credentials: SigV4Credentials
    public var region: String
    /// The signing name (`bedrock` for Bedrock Runtime).
    public var service: String

    public init(credentials: SigV4Credentials, region: String, service: String) {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// Headers never signed: the transport may rewrite them.
    static let unsignedHeaders: Set<String> = ["content-length", "authorization", "user-agent", "expect"]

    /// Signs `request` at `date`: adds `X-Amz-Date`, `X-Amz-Security-Token` (signed, as botocore does) and `Authorization`.
    public func sign(_ request: HTTPRequest, at date: Date) -> HTTPRequest {
        var signed = request
        let amzDate = Self.amzDate(date)
        signed.headers.append(HTTPHeader("X-Amz-Date", amzDate))
        if let token = credentials.sessionToken { signed.headers.append(HTTPHeader("X-Amz-Security-Token", token.value)) }
        let url = request.url
        let path = url.path(percentEncoded: true)
        var headersToSign = signed.headers
        if !headersToSign.contains(where: { $0.name.lowercased() == "host" }) {
            headersToSign.append(HTTPHeader("Host", Self.hostHeader(for: url)))
        }
        let authorization = authorization(
            method: request.method, path: path.isEmpty ? "/" : path, query: url.query(percentEncoded: true) ?? "",
            headers: headersToSign, body: request.body, amzDate: amzDate
        )
        signed.headers.append(HTTPHeader("Authorization", authorization))
        return signed
    }

    /// The `Authorization` header value for a request whose headers already hold `Host` and `X-Amz-Date`.
    public func authorization(method: String, path: String, query: String, headers: [HTTPHeader], body: Data, amzDate: String) -> String {
        let canonical = Self.canonicalRequest(method: method, path: path, query: query, headers: headers, body: body)
        let toSign = stringToSign(canonicalRequest: canonical.text, amzDate: amzDate)
        let key = Self.signingKey(secret: credentials.secretAccessKey.value, dateStamp: String(amzDate.prefix(8)), region: region, service: service)
        let signature = SHA256Hex.hex(Self.hmac(key: key, Data(toSign.utf8)))
        return "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope(amzDate: amzDate)), "
            + "SignedHeaders=\(canonical.signedHeaders), Signature=\(signature)"
    }

    func scope(amzDate: String) -> String { "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request" }

    public func stringToSign(canonicalRequest: String, amzDate: String) -> String {
        "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope(amzDate: amzDate))\n\(SHA256Hex.hex(SHA256.hash(data: Data(canonicalRequest.utf8))))"
    }

    /// The canonical request and its `SignedHeaders` list.
    public static func canonicalRequest(method: String, path: String, query: String, headers: [HTTPHeader], body: Data) -> (text: String, signedHeaders: String) {
        let canonicalHeaders = Self.canonicalHeaders(headers)
        let signedHeaders = canonicalHeaders.map(\.name).joined(separator: ";")
        let text = [
            method.uppercased(), canonicalURI(path), canonicalQuery(query),
            canonicalHeaders.map { "\($0.name):\($0.value)\n" }.joined(), signedHeaders,
            SHA256Hex.hex(SHA256.hash(data: body)),
        ].joined(separator: "\n")
        return (text, signedHeaders)
    }

    /// The path with dot segments removed and empty segments collapsed, each segment encoded again.
    static func canonicalURI(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        guard !segments.isEmpty else { return "/" }
        let joined = "/" + segments.map { uriEncode(String($0)) }.joined(separator: "/")
        return path.hasSuffix("/") ? joined + "/" : joined
    }

    /// `name=value` pairs, each side decoded then encoded, sorted by name then value.
    static func canonicalQuery(_ query: String) -> String {
        let pairs = query.split(separator: "&", omittingEmptySubsequences: true).map { item -> (String, String) in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0])
            let value = parts.count > 1 ? String(parts[1]) : ""
            return (uriEncode(name.removingPercentEncoding ?? name), uriEncode(value.removingPercentEncoding ?? value))
        }
        return pairs.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// Lowercased names, sorted; repeated headers joined with `,` in order; values trimmed with inner spaces collapsed,
    /// folded continuation lines joined with `,`.
    static func canonicalHeaders(_ headers: [HTTPHeader]) -> [(name: String, value: String)] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            guard !unsignedHeaders.contains(name) else { continue }
            if values[name] == nil { order.append(name) }
            let lines = header.value.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
            }
            values[name, default: []].append(lines.filter { !$0.isEmpty }.joined(separator: ","))
        }
        return order.sorted().map { ($0, values[$0, default: []].joined(separator: ",")) }
    }

    /// AWS `UriEncode`: unreserved characters kept, every other UTF-8 byte as `%XX` (uppercase).
    static func uriEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// `kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`.
    public static func signingKey(secret: String, dateStamp: String, region: String, service: String) -> Data {
        let date = hmac(key: Data("AWS4\(secret)".utf8), Data(dateStamp.utf8))
        let regionKey = hmac(key: date, Data(region.utf8))
        let serviceKey = hmac(key: regionKey, Data(service.utf8))
        return hmac(key: serviceKey, Data("aws4_request".utf8))
    }

    static func hmac(key: Data, _ message: Data) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// `YYYYMMDD'T'HHMMSS'Z'` in UTC.
    public static func amzDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// The `Host` header libcurl sends: the host, plus the port when it is not the scheme's default.
    static func hostHeader(for url: URL) -> String {
        let host = url.host ?? ""
        guard let port = url.port else { return host }
        let isDefault = (url.scheme == "https" && port == 443) || (url.scheme == "http" && port == 80)
        return isDefault ? host : "\(host):\(port)"
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
