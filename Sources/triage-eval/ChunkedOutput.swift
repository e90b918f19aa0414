import Foundation
import Synchronization

/// Text written in chunks of about 64 KB as it is produced, so an export of any size never holds more: to a
/// file (through a temporary file renamed into place when ``finish()`` succeeds: nothing half-written), or to
/// standard output (``Terminal/data(_:)``: neutralised on a terminal; every chunk ends at a line end).
final class ChunkedOutput: Sendable {
    private let pending = Mutex("")
    private let handle: FileHandle?
    private let path: String?
    private let temporary: String?
    static let chunkSize = 1 << 16

    init(path: String?) throws {
        self.path = path
        guard let path else {
            handle = nil
            temporary = nil
            return
        }
        let temporary = "\(path).partial-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            let reason = NSError(domain: NSPOSIXErrorDomain, code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "cannot create the file: \(String(cString: strerror(errno)))"])
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: reason])
        }
        self.temporary = temporary
        self.handle = handle
    }

    /// Appends whole lines; writes once a chunk is full.
    func write(_ lines: String) throws {
        let full: String? = pending.withLock { buffer in
            buffer += lines
            guard buffer.utf8.count >= Self.chunkSize else { return nil }
            defer { buffer = "" }
            return buffer
        }
        if let full { try emit(full) }
    }

    private func emit(_ text: String) throws {
        if let handle { try handle.write(contentsOf: Data(text.utf8)) } else { Terminal.data(text) }
    }

    /// Writes what is pending and, for a file, moves it into place.
    func finish() throws {
        try emit(pending.withLock { buffer in
            defer { buffer = "" }
            return buffer
        })
        guard let handle, let path, let temporary else { return }
        try handle.close()
        try Self.replace(path, with: temporary)
    }

    /// Puts `temporary` in `path`'s place in one step (`rename`): a reader sees the old file or the new one, never
    /// none or half of one.
    static func replace(_ path: String, with temporary: String) throws {
        guard rename(temporary, path) == 0 else {
            let reason = NSError(domain: NSPOSIXErrorDomain, code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "cannot move the file into place: \(String(cString: strerror(errno)))"])
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: reason])
        }
    }

    /// Removes the temporary file after a failure (the destination is left as it was).
    func abandon() {
        try? handle?.close()
        if let temporary { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
