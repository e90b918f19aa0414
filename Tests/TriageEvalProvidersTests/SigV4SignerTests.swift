import Foundation
import StubTestSupport
import Testing
@testable import TriageEvalProviders

/// The AWS SigV4 test suite (2015 edition) plus two Bedrock Converse vectors (`Tests/Fixtures/sigv4_vectors.json`).
struct SigV4Vectors: Decodable {
    struct Credentials: Decodable {
        let accessKeyID: String
        let secretAccessKey: String
        let sessionToken: String?
        enum CodingKeys: String, CodingKey {
            case accessKeyID = "access_key_id"
            case secretAccessKey = "secret_access_key"
            case sessionToken = "session_token"
        }
    }
    struct Request: Decodable {
        let method: String
        let target: String?
        let url: String?
        let headers: [[String]]
        let body: String
    }
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let request: Request
        let canonicalRequest: String
        let stringToSign: String
        let authorization: String
        var testDescription: String { name }
        enum CodingKeys: String, CodingKey {
            case name, request, authorization
            case canonicalRequest = "canonical_request"
            case stringToSign = "string_to_sign"
        }
    }
    struct BedrockExample: Decodable, Sendable {
        let name: String
        let credentials: Credentials
        let region: String
        let service: String
        let amzDate: String
        let request: Request
        let canonicalRequest: String
        let authorization: String
        enum CodingKeys: String, CodingKey {
            case name, credentials, region, service, request, authorization
            case amzDate = "amz_date"
            case canonicalRequest = "canonical_request"
        }
    }
    struct KeyExample: Decodable {
        let secretAccessKey: String
        let dateStamp: String
        let region: String
        let service: String
        let signingKeyHex: String
        enum CodingKeys: String, CodingKey {
            case region, service
            case secretAccessKey = "secret_access_key"
            case dateStamp = "date_stamp"
            case signingKeyHex = "signing_key_hex"
        }
    }
    let credentials: Credentials
    let region: String
    let service: String
    let amzDate: String
    let signingKeyHex: String
    let cases: [Case]
    let bedrockExamples: [BedrockExample]
    let documentedSigningKeyExample: KeyExample
    enum CodingKeys: String, CodingKey {
        case credentials, region, service, cases
        case amzDate = "amz_date"
        case signingKeyHex = "signing_key_hex"
        case bedrockExamples = "bedrock_examples"
        case documentedSigningKeyExample = "documented_signing_key_example"
    }

    static func load() throws -> SigV4Vectors {
        try JSONDecoder().decode(SigV4Vectors.self, from: TestFixtures.data("sigv4_vectors.json"))
    }
}

extension SigV4Vectors.Request: Sendable {}
extension SigV4Vectors.Credentials: Sendable {}

private func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

@Suite("SigV4 signer")
struct SigV4SignerTests {
    @Test("the suite holds 29 cases")
    func count() throws {
        #expect(try SigV4Vectors.load().cases.count == 29)
    }

    @Test("every AWS suite vector: canonical request, string to sign, Authorization", arguments: try SigV4Vectors.load().cases)
    func suiteVector(_ vector: SigV4Vectors.Case) throws {
        let all = try SigV4Vectors.load()
        let signer = SigV4Signer(
            credentials: SigV4Credentials(accessKeyID: all.credentials.accessKeyID, secretAccessKey: Secret(all.credentials.secretAccessKey)),
            region: all.region, service: all.service
        )
        let target = vector.request.target ?? "/"
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let query = parts.count > 1 ? String(parts[1]) : ""
        let headers = vector.request.headers.map { HTTPHeader($0[0], $0[1]) }
        let body = Data(vector.request.body.utf8)
        let canonical = SigV4Signer.canonicalRequest(method: vector.request.method, path: path, query: query, headers: headers, body: body)
        #expect(canonical.text == vector.canonicalRequest)
        #expect(signer.stringToSign(canonicalRequest: canonical.text, amzDate: all.amzDate) == vector.stringToSign)
        let authorization = signer.authorization(method: vector.request.method, path: path, query: query, headers: headers, body: body, amzDate: all.amzDate)
        #expect(authorization == vector.authorization)
    }

    @Test("signing keys: the suite's and the AWS docs' example")
    func signingKeys() throws {
        let all = try SigV4Vectors.load()
        #expect(hex(SigV4Signer.signingKey(secret: all.credentials.secretAccessKey, dateStamp: String(all.amzDate.prefix(8)), region: all.region, service: all.service)) == all.signingKeyHex)
        let example = all.documentedSigningKeyExample
        #expect(hex(SigV4Signer.signingKey(secret: example.secretAccessKey, dateStamp: example.dateStamp, region: example.region, service: example.service)) == example.signingKeyHex)
    }

    @Test("Bedrock Converse, signed end to end from an HTTPRequest (with and without session token)", arguments: try SigV4Vectors.load().bedrockExamples)
    func bedrock(_ example: SigV4Vectors.BedrockExample) throws {
        let credentials = SigV4Credentials(
            accessKeyID: example.credentials.accessKeyID, secretAccessKey: Secret(example.credentials.secretAccessKey),
            sessionToken: example.credentials.sessionToken.map(Secret.init)
        )
        let signer = SigV4Signer(credentials: credentials, region: example.region, service: example.service)
        let text = try #require(example.request.url)
        let url = try #require(URL(string: text))
        let unsigned = HTTPRequest(url: url, headers: [HTTPHeader("Content-Type", "application/json")], body: Data(example.request.body.utf8))
        let date = try #require(ISO8601DateFormatter().date(from: "2015-08-30T12:36:00Z"))
        let signed = signer.sign(unsigned, at: date)
        #expect(header(signed, "X-Amz-Date") == example.amzDate)
        #expect(header(signed, "X-Amz-Security-Token") == example.credentials.sessionToken)
        #expect(header(signed, "Authorization") == example.authorization)
    }

    @Test("amz date format")
    func amzDate() {
        #expect(SigV4Signer.amzDate(Date(timeIntervalSince1970: 1_440_938_160)) == "20150830T123600Z")
    }
}
