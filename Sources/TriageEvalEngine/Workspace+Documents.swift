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
    func documentsFileBytes(of caseFileData: Data, caseFile: String) -> Data {
        let directory = URL(fileURLWithPath: caseFile).deletingLastPathComponent()
        var bytes = Data()
        for line in String(decoding: caseFileData, as: UTF8.self).split(separator: "\n") {
            var text = line.drop { $0 == " " || $0 == "-" }
            guard text.hasPrefix("documents_file:") else { continue }
            text = text.dropFirst("documents_file:".count)
            let path = text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\"'"))
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
            bytes.append(Data(path.utf8))
            bytes.append(FileManager.default.contents(atPath: url.path) ?? Data())
        }
        return bytes
    }
}
