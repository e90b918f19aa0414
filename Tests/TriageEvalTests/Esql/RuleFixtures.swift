import Foundation
import StubTestSupport
@testable import TriageEval

/// The bundled rule files and a host and a user case they judge.
enum RuleFixtures {
    static func text(_ name: String) throws -> String {
        String(decoding: try TestFixtures.data("rules/\(name)"), as: UTF8.self)
    }

    static let currentHost = "current/multiple_alerts_llm_attack_chain_triage_by_host.toml"
    static let firstHost = "first-release/multiple_alerts_llm_attack_chain_triage_by_host.toml"
    static let currentUser = "current/multiple_alerts_llm_compromised_user_triage.toml"
    static let firstUser = "first-release/multiple_alerts_llm_compromised_user_triage.toml"

    static func prompt(_ name: String, version: String = "v1") throws -> PromptVersion {
        try RulePromptParser.parse(try text(name), file: name, id: "rule", version: version, defaults: AlertPolicy())
    }

    /// An LSASS dump host, as in `cases/lsass.yaml`.
    static let hostCase = TriageCase(
        id: "lsass-01", label: .tp, scenario: "LSASS", entity: Entity(type: .host, name: "WS-FIN-0231", id: "0b8f4a2e"),
        alertCount: 5, timeWindowMinutes: 2, maxRiskScore: 99,
        rules: ["Potential Credential Access via Windows Utilities", "LSASS Process Access via Windows API", "Suspicious Cmd Execution via WMI"],
        tactics: ["Credential Access", "Execution"], techniques: ["OS Credential Dumping"],
        commandLines: [#"rundll32.exe C:\Windows\System32\comsvcs.dll, MiniDump 624 C:\Windows\Temp\k.dmp full"#, #"cmd.exe /Q /c "a" & b"#],
        parentCommandLines: [#"C:\Windows\system32\wbem\wmiprvse.exe -secured -Embedding"#], users: ["jdoe"],
        filePaths: [#"C:\Windows\Temp\k.dmp"#]
    )

    /// A user with sign-ins from two hosts.
    static let userCase = TriageCase(
        id: "user-01", label: .tp, scenario: "Accounts", entity: Entity(type: .user, name: "a.smith", id: "S-1-5-21-1"),
        alertCount: 4, timeWindowMinutes: 30, maxRiskScore: 73.5,
        rules: ["Potential Password Spraying", "Mimikatz Memssp Log File Detected"], tactics: ["Credential Access"],
        hosts: ["WS-1", "DC-1"], sourceIPs: ["10.0.0.5"], datasets: ["system.security"], executables: ["lsass.exe"], emails: ["a.smith@example.com"]
    )
}
