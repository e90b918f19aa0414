/// Routine benign activity (SCCM client, Windows Update, package updates) that `dilution` and `padding` add to a
/// case: the values a routine alert or event of that host would hold. Values are distinct for every index, so a
/// rule's `MV_DEDUPE(VALUES(…))` keeps each of them.
enum RoutineActivity {
    static let windowsCommands = [
        #""C:\Windows\CCM\CcmExec.exe""#,
        #"C:\Windows\system32\wuauclt.exe /UpdateDeploymentProvider UpdateDeploymentProvider.dll /RunHandlerComServer"#,
        #"C:\Windows\CCM\SCNotification.exe"#,
        #""C:\Program Files\Microsoft Update Health Tools\uhssvc.exe""#,
        #"C:\Windows\System32\svchost.exe -k netsvcs -p -s wuauserv"#,
        #""C:\Program Files (x86)\Microsoft\EdgeUpdate\MicrosoftEdgeUpdate.exe" /ua /installsource scheduler"#,
        #"C:\Windows\CCM\CIAgent.exe"#,
        #""C:\Windows\system32\MusNotification.exe" ReadyToReboot"#,
        #"C:\Windows\ccmsetup\ccmsetup.exe /runfrommsi"#,
        #"C:\Windows\System32\UsoClient.exe StartScan"#,
    ]
    static let linuxCommands = [
        "/usr/bin/apt-get update", "/usr/bin/unattended-upgrade", "/usr/lib/apt/apt-helper wait-online",
        "/usr/bin/dpkg --configure -a", "/usr/bin/snap refresh", "/usr/sbin/logrotate /etc/logrotate.conf",
        "/usr/bin/yum makecache --timer", "/usr/bin/systemctl start apt-daily.service", "/usr/bin/updatedb.mlocate",
        "/usr/libexec/packagekitd",
    ]

    /// Whether a case's values look like a Linux host's (no Windows paths).
    static func isLinux(_ values: [String]) -> Bool { !values.contains { $0.contains("\\") } }

    /// Download tools whose rules filter on `process.name`: their routine activity is a routine download.
    static let downloaders: Set<String> = ["curl", "wget"]

    /// The index-th routine command line, distinct for every index; for a download tool (`curl`, `wget`), a
    /// routine-looking download by that tool from `host` (the document's own destination, so a rule grouping by
    /// destination keeps it in the same row), so a rule filtering on the tool keeps it.
    static func commandLine(_ index: Int, linux: Bool, tool: String? = nil, host: String? = nil) -> String {
        if let tool, downloaders.contains(tool) {
            let output = tool == "wget" ? "-q -O" : "-fsS -o"
            let host = host ?? "updates.corp.example"
            return "\(tool) \(output) /var/cache/agent/manifest-\(index + 1).json https://\(host)/agent/stable/manifest-\(index + 1).json"
        }
        let pool = linux ? linuxCommands : windowsCommands
        let base = pool[index % pool.count]
        return index < pool.count ? base : "\(base) \(linux ? "--run" : "/run") \(index / pool.count + 1)"
    }

    /// The index-th routine value of an attacker-controlled field (the command line's executable for paths).
    static func value(_ field: String, _ index: Int, linux: Bool, tool: String? = nil, host: String? = nil) -> String {
        let command = commandLine(index, linux: linux, tool: tool, host: host)
        switch field {
        case "process.command_line": return command
        case "process.parent.command_line": return linux ? "/usr/lib/systemd/systemd --system" : #"C:\Windows\system32\services.exe"#
        case "process.executable": return executable(command)
        case "file.path": return linux ? "/var/cache/apt/archives/update-\(index + 1).deb" : #"C:\Windows\ccmcache\\#(index + 1)\update.msi"#
        case "file.name": return linux ? "update-\(index + 1).deb" : "update.msi"
        case "dll.path": return #"C:\Windows\CCM\ccmcore.dll"#
        case "dns.question.name": return "update\(index + 1).sccm.corp.example"
        case "url.original": return "http://sccm.corp.example/ccm_system/request?item=\(index + 1)"
        case "powershell.file.script_block_text": return "Get-Service -Name CcmExec | Select-Object Status # \(index + 1)"
        case "registry.path": return #"HKLM\SOFTWARE\Microsoft\SMS\Mobile Client\Software Distribution\State\#(index + 1)"#
        case "registry.data.strings": return "Idle"
        case "process.working_directory": return linux ? "/" : #"C:\Windows\CCM\"#
        default: return command
        }
    }

    /// The host of the first `scheme://host` in the values (no port, no user info).
    static func urlHost(in values: [String]) -> String? {
        for value in values {
            guard let scheme = value.firstRange(of: "://") else { continue }
            let rest = value[scheme.upperBound...]
            let authority = rest.prefix { !"/ \"'?#".contains($0) }
            let host = (authority.split(separator: "@").last ?? authority).prefix { $0 != ":" }
            if !host.isEmpty { return String(host) }
        }
        return nil
    }

    /// The executable of a command line: its first token, unquoted.
    static func executable(_ command: String) -> String {
        if command.hasPrefix("\""), let close = command.dropFirst().firstIndex(of: "\"") { return String(command[command.index(after: command.startIndex)..<close]) }
        return String(command.prefix { $0 != " " })
    }

    /// A copy of a document holding the index-th routine activity in every attacker-controlled field it has (a
    /// download tool's own routine downloads when its `process.name` is `curl` or `wget`; names that group or filter — `host.name`, `user.name`, `user.email`, `process.name` — kept), with the id `id~tag~n`.
    static func document(from document: CaseDocument, index: Int, linux: Bool, tag: String) -> CaseDocument {
        guard var source = JSONValue.parseDocument(document.source) else { return document }
        let tool = source.value(atPath: "process.name")?.scalarText
        let host = urlHost(in: source.strings(atPath: "process.args") + source.strings(atPath: "process.command_line"))
        let kept: Set<String> = ["host.name", "user.name", "user.email", "process.name"]
        for field in AttackerFields.all where !kept.contains(field.ecs) && source.value(atPath: field.ecs) != nil {
            if field.ecs == "process.args" {
                let words = commandLine(index, linux: linux, tool: tool, host: host).split(separator: " ").map { JSONValue.string(String($0)) }
                source = source.updating(atPath: field.ecs) { _ in .array(words) }
            } else {
                let value = value(field.ecs, index, linux: linux, tool: tool, host: host)
                source = source.updating(atPath: field.ecs) { old in
                    if case .array = old { return .array([.string(value)]) }
                    return .string(value)
                }
            }
        }
        return CaseDocument(index: document.index, id: "\(document.id)~\(tag)~\(index + 1)", source: source.compactText)
    }
}
