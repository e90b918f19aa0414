internal import Foundation

/// One-line descriptions of errors the tool did not expect (exit 4), without Foundation's
/// `Error Domain=NSCocoaErrorDomain … UserInfo={…}` or `DecodingError` dumps.
enum ToolFailure {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as DecodingError:
            return "internal error: could not decode \(path(of: error)): \(debugDescription(of: error)); please report this"
        case let error as EncodingError:
            if case .invalidValue(_, let context) = error {
                return "internal error: could not encode \(codingPath(context.codingPath)): \(context.debugDescription); please report this"
            }
            return "internal error: could not encode a value; please report this"
        case let error as CocoaError:
            let file = (error.userInfo[NSFilePathErrorKey] as? String) ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
            let reason = (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
            return "\(file.map { "\($0): " } ?? "")\(oneLine(reason)); check the path, its permissions and free space"
        case let error as POSIXError:
            return "\(oneLine(error.localizedDescription)); check the file system"
        default:
            // Foundation errors of other domains (URL loading, streams) print as `Error Domain=… UserInfo={…}`.
            let bridged = error as NSError
            if bridged.domain.hasPrefix("NS") || bridged.domain.hasPrefix("kCF") {
                return "\(oneLine(bridged.localizedDescription)) (\(bridged.domain) \(bridged.code))"
            }
            return "internal error: \(oneLine(String(describing: error)))"
        }
    }

    private static func path(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            return codingPath(context.codingPath)
        @unknown default:
            return "a value"
        }
    }

    private static func debugDescription(of error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            return oneLine(context.debugDescription)
        @unknown default:
            return "unreadable"
        }
    }

    private static func codingPath(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "a value" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
