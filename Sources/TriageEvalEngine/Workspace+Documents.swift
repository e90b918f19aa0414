internal import Foundation
internal import TriageEval

extension Workspace {
    /// Reads a case file's `documents_file:`s, named relative to the case file.
    func documentsReader(caseFile: String) -> CaseFileParser.FileReader {
        let directory = URL(fileURLWithPath: caseFile).deletingLastPathComponent()
        let shown = display(caseFile)
        return { path throws(InputError) in
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw InputError(file: shown, field: "documents_file", message: "cannot read \(path)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw InputError(file: path, message: "cannot read the file (is it UTF-8?)")
            }
            return text
        }
    }

    /// The bytes of the `documents_file:`s a case file names (found by a line scan), so a changed documents
    /// file changes the case file's import hash. An unreadable file adds nothing (parsing reports it).
    ///
    /// Scans bytes, not characters: most case files name no documents file and are passed over with one search
    /// (every run syncs the case set: a character split of 200 MB of case files was a third of a sharded run's
    /// CPU), and a CRLF file's lines are lines (as characters, `\r\n` is not `\n`).
    func documentsFileBytes(of caseFileData: Data, caseFile: String) -> Data {
        let key = Data("documents_file:".utf8)
        guard caseFileData.range(of: key) != nil else { return Data() }
        let directory = URL(fileURLWithPath: caseFile).deletingLastPathComponent()
        var bytes = Data()
        for line in caseFileData.split(separator: UInt8(ascii: "\n")) {
            let text = line.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "-") }
            guard text.starts(with: key) else { continue }
            let path = String(decoding: text.dropFirst(key.count), as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\"'"))
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
            bytes.append(Data(path.utf8))
            bytes.append(FileManager.default.contents(atPath: url.path) ?? Data())
        }
        return bytes
    }
}
