internal import Foundation
internal import TriageEval

/// A `.jsonl` case file read from disk in chunks, never whole: its import hash in one pass, its lines in another,
/// so importing a file of a million cases holds a chunk and one line at a time, not the file.
struct JSONLCaseFile {
    let path: String
    /// Bytes read at a time.
    static let chunkSize = 1 << 20

    /// What the first pass found.
    struct Scan {
        /// Hex SHA-256 of the file's bytes.
        var hash: String
        /// Whether every byte sequence is UTF-8.
        var isUTF8: Bool
        /// Whether the file starts with a UTF-8 byte order mark (read whole then, as text, as before).
        var hasBOM: Bool
    }

    /// Hashes the file and checks that it is UTF-8; nil when it cannot be read.
    func scan() -> Scan? {
        var hasher = SHA256Hex.Hasher()
        var isUTF8 = true
        var hasBOM: Bool?
        let read = forEachBlock { block in
            if hasBOM == nil { hasBOM = block.starts(with: [0xEF, 0xBB, 0xBF]) }
            hasher.update(UnsafeRawBufferPointer(block))
            if isUTF8, String(validating: block, as: UTF8.self) == nil { isUTF8 = false }
        }
        guard read else { return nil }
        return Scan(hash: hasher.finalize(), isUTF8: isUTF8, hasBOM: hasBOM ?? false)
    }

    /// Calls `body` with each line (without its `\n`) and its 1-based number; false when the file cannot be read.
    func forEachLine(_ body: (Substring, Int) throws(InputError) -> Void) throws(InputError) -> Bool {
        var line = 0
        var failure: InputError?
        let read = forEachBlock { block in
            guard failure == nil else { return }
            for bytes in block.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast(block.last == UInt8(ascii: "\n") ? 1 : 0) {
                line += 1
                do throws(InputError) {
                    try body(Substring(decoding: bytes, as: UTF8.self), line)
                } catch {
                    failure = error
                    return
                }
            }
        }
        if let failure { throw failure }
        return read
    }

    /// Calls `body` with consecutive blocks of whole lines (each but the last ends with `\n`) covering the file.
    private func forEachBlock(_ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        var carry: [UInt8] = []
        while true {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: Self.chunkSize) } catch { return false }
            // Nil or empty at the end of the file.
            guard let chunk, !chunk.isEmpty else { break }
            carry.append(contentsOf: chunk)
            guard let end = carry.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            carry.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[...end])) }
            carry.removeSubrange(...end)
        }
        if !carry.isEmpty { carry.withUnsafeBufferPointer { body($0) } }
        return true
    }
}
