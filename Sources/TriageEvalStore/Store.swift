internal import TriageEval
internal import Foundation
internal import GRDB

/// The SQLite store: cases, prompt versions, models, runs, results and the response cache.
///
/// One file, opened in WAL mode through a GRDB `DatabasePool`, so readers never block the writer.
/// Every write that belongs together is one transaction: an import, a batch of results, a run's end.
/// Several processes may share one store: every connection waits `busyTimeout` for another's write lock,
/// and opening and migrating retry until the other process is done.
public final class Store: Sendable {
    let pool: DatabasePool
    /// The file path, as given.
    public let path: String
    /// What this store object has read (case rows), for tests and benchmarks.
    public let instrumentation = StoreInstrumentation()

    /// How long opening and migrating keep retrying while another process holds the store (seconds).
    static let openPatience = 60.0

    /// Opens (creating if needed) the store at `path` and migrates it to the current schema.
    /// - Parameter busyTimeout: how long a statement waits for another connection's lock before it fails (seconds).
    public init(path: String, busyTimeout: Double = 10) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        configuration.busyMode = .timeout(busyTimeout)
        let deadline = Date().addingTimeInterval(Self.openPatience)
        var attempt = 0
        while true {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                let pool = try DatabasePool(path: path, configuration: configuration)
                // Another process may migrate at the same moment: the loser's migration fails ("already
                // exists", or busy) and rolls back; the retry then finds it applied.
                try Schema.migrator.migrate(pool)
                self.pool = pool
                return
            } catch let error as DatabaseError where Self.isContention(error) && Date() < deadline {
                attempt += 1
                Thread.sleep(forTimeInterval: min(0.5, 0.01 * Double(attempt)) * Double.random(in: 0.5...1.5))
            } catch {
                throw Self.failure(error, path: path, doing: "open")
            }
        }
    }

    /// Another connection held a lock, or migrated the schema first.
    static func isContention(_ error: DatabaseError) -> Bool {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return true
        case .SQLITE_ERROR:
            // The schema change another process's migration made first.
            let message = error.message ?? ""
            return message.contains("already exists") || message.contains("duplicate column")
        case .SQLITE_CONSTRAINT:
            // Another process recorded the same migration first (its transaction rolled back here).
            return (error.message ?? "").contains("grdb_migrations")
        default: return false
        }
    }

    /// Reads in a snapshot; any failure becomes a ``StoreError`` naming the store.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.read(body)
        } catch {
            throw Self.failure(error, path: path, doing: "read")
        }
    }

    /// Reads in a snapshot now, blocking the calling thread: for report writers, which are synchronous and fetch the
    /// few rows they list on demand. Any failure becomes a ``StoreError`` naming the store.
    func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw Self.failure(error, path: path, doing: "read")
        }
    }

    /// Writes in one transaction; any failure becomes a ``StoreError`` naming the store.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await pool.write(body)
        } catch {
            throw Self.failure(error, path: path, doing: "write")
        }
    }

    /// One line naming the store, what went wrong and what to do; other errors (input, cancellation) pass through.
    static func failure(_ error: any Error, path: String, doing action: String) -> any Error {
        switch error {
        case let error as DatabaseError:
            let reason = error.message ?? "SQLite error \(error.resultCode.rawValue)"
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(
                    "the store \(path) is locked by another process (\(reason)); retry when it has finished", transient: true
                )
            case .SQLITE_FULL:
                return StoreError("the disk holding the store \(path) is full; free some space and retry")
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
                return StoreError("cannot \(action) the store \(path): it is read-only (\(reason)); check its and its directory's permissions")
            case .SQLITE_CORRUPT, .SQLITE_NOTADB:
                return StoreError(
                    "the store \(path) is damaged or not a triage-eval store (\(reason)); move it aside (a new one is created) or restore a backup"
                )
            case .SQLITE_CANTOPEN, .SQLITE_IOERR:
                return StoreError("cannot \(action) the store \(path) (\(reason)); check the path, its permissions and free space")
            default:
                return StoreError("cannot \(action) the store \(path): \(reason)")
            }
        case let error as CocoaError:
            let reason = (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
            return StoreError("cannot \(action) the store \(path): \(reason); check the path and its permissions")
        case let error as DecodingError:
            return StoreError("the store \(path) holds a row this version cannot read (\(error.oneLine)); it may have been written by another version")
        default:
            return error
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A JSON list of strings as `JSONEncoder` writes it, built directly: no value tree (100,000 ids are one string).
    static func jsonStrings(_ strings: some Sequence<String>) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        for (index, string) in strings.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            CanonicalCaseJSON.string(string, into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

extension DecodingError {
    /// The coding path and reason, on one line.
    var oneLine: String {
        switch self {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            let reason = context.debugDescription.split(whereSeparator: \.isNewline).joined(separator: " ")
            return path.isEmpty ? reason : "\(path): \(reason)"
        @unknown default:
            return "unreadable"
        }
    }
}
