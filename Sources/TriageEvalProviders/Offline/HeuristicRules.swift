/// The indicator table behind ``HeuristicTriage``: the exception list a detection engineer keeps
/// today, written as data.
///
/// Each row is either a **known-bad** technique indicator (a concrete command-line idiom, tool name,
/// artifact path or high-fidelity rule/technique name) or a **known-good** exception (a trusted
/// management agent, scanner, updater or build tool). Rows match by case-insensitive substring, so
/// they see exactly what a model sees: the rendered prompt text.
///
/// Rules for adding rows:
/// - Match concrete artifacts (`-urlcache`, `comsvcs` + `MiniDump`, `PSEXESVC`), never the words a
///   prompt's *instructions* use ("encoded payloads", "DLL side-loading", "registry persistence",
///   "lateral movement", "credential access", "testing frameworks", `verdict=TP`): those appear in
///   every prompt and would turn the baseline into a constant. `HeuristicTriageTests` renders the
///   published instructions alone and expects no known-bad match.
/// - Never treat role keywords (test, dev, admin, lab, poc, internal, automation…) as exceptions;
///   the published prompts warn against exactly that bias.
/// - Weights: ≥ 2.5 is a *strong* indicator (enough on its own for a TP verdict); 1.0–2.0 is
///   supporting evidence; below 1.0 is context that only tips ambiguous cases.
struct HeuristicRule: Sendable {
    /// Whether a match counts toward maliciousness or toward a trusted exception.
    enum Polarity: Sendable, Equatable {
        case bad
        case good
    }

    /// Short human-readable name, used in the assessment summary.
    let name: String
    let polarity: Polarity
    /// Contribution to the bad or good score when the row matches (counted once per row).
    let weight: Double
    /// Lowercased UTF-8 patterns; the row needs at least one of them.
    let anyOf: [[UInt8]]
    /// Lowercased UTF-8 patterns; when non-empty the row additionally needs one of these.
    let alsoAnyOf: [[UInt8]]
    /// When true, both pattern groups must occur inside the same field value (a segment of the
    /// prompt between `;`, `|`, `,` or newlines) rather than anywhere in the prompt — used
    /// for path-shaped indicators such as a DLL name under a user-writable folder.
    let sameSegment: Bool

    init(
        _ name: String, _ polarity: Polarity, _ weight: Double,
        anyOf: [String], alsoAnyOf: [String] = [], sameSegment: Bool = false
    ) {
        self.name = name
        self.polarity = polarity
        self.weight = weight
        self.anyOf = anyOf.map { Array($0.lowercased().utf8) }
        self.alsoAnyOf = alsoAnyOf.map { Array($0.lowercased().utf8) }
        self.sameSegment = sameSegment
    }
}

/// The table itself. Built once (a `static let`), patterns already lowercased to bytes.
enum HeuristicRules {
    /// Weight at or above which a known-bad row counts as a strong indicator.
    static let strongWeight = 2.5

    /// Every row, known-bad first. Order does not affect scoring; it only breaks ties in summaries.
    static let all: [HeuristicRule] = knownBad + knownGood

    // MARK: Known-bad techniques

    static let knownBad: [HeuristicRule] = [
        // curl/wget (the command-and-control rules' prompts: "… to destination: HOST. …").
        HeuristicRule("raw IP destination", .bad, 2.5, anyOf: (1...9).map { "destination: \($0)" }),
        HeuristicRule("curl/wget into a temporary path", .bad, 1.5,
                      anyOf: ["curl", "wget"], alsoAnyOf: ["/tmp/", "/dev/shm/", "/var/tmp/", "\\users\\public\\", "\\appdata\\local\\temp\\"]),
        HeuristicRule("local file uploaded", .bad, 3.0,
                      anyOf: ["--data @", "--data-binary @", " -d @", " -t /", "--post-file", "--upload-file", "--body-file"]),
        HeuristicRule("throwaway or anonymising domain", .bad, 1.5, anyOf: [".top/", ".top ", ".top.", ".xyz", ".onion"]),
        // Ingress tool transfer and download-and-execute.
        HeuristicRule("certutil URL-cache download", .bad, 3.0,
                      anyOf: ["certutil"], alsoAnyOf: ["urlcache", "verifyctl"]),
        HeuristicRule("certutil decode", .bad, 2.0,
                      anyOf: ["certutil"], alsoAnyOf: [" -decode", " /decode", "-decodehex"]),
        HeuristicRule("PowerShell download cradle", .bad, 2.5,
                      anyOf: ["downloadstring(", "downloadfile(", "downloaddata(", "net.webclient", "invoke-webrequest",
                              "invoke-restmethod", " iwr ", " irm ", "start-bitstransfer"],
                      alsoAnyOf: ["iex", "invoke-expression", "start-process", ".exe", ".ps1", ".dll", ".hta"]),
        HeuristicRule("BITS transfer job", .bad, 2.0,
                      anyOf: ["bitsadmin"], alsoAnyOf: ["/transfer", "/addfile", "/setnotifycmdline"]),
        HeuristicRule("download piped to shell", .bad, 3.0,
                      anyOf: ["curl ", "wget ", "curl.exe "], alsoAnyOf: ["| sh", "|sh", "| bash", "|bash", "| python", "| perl"]),
        HeuristicRule("MSHTA remote or inline script", .bad, 3.0,
                      anyOf: ["mshta"], alsoAnyOf: ["http://", "https://", "vbscript:", "javascript:"]),
        HeuristicRule("rundll32 inline script", .bad, 3.0,
                      anyOf: ["rundll32"], alsoAnyOf: ["javascript:", "runhtmlapplication"]),
        HeuristicRule("scrobj.dll scriptlet (Squiblydoo)", .bad, 3.0, anyOf: ["scrobj.dll"]),
        HeuristicRule("regsvr32 remote scriptlet", .bad, 2.5,
                      anyOf: ["regsvr32"], alsoAnyOf: ["/i:http", "-i:http", "/i:ftp"]),

        // Obfuscation and defense evasion.
        HeuristicRule("encoded PowerShell command", .bad, 2.0,
                      anyOf: [" -enc ", " -encod", " -ec ", " /enc ", " -en jab", " -e jab", " -e sqb", " -e aaa"]),
        HeuristicRule("base64 decoding in script", .bad, 1.5,
                      anyOf: ["frombase64string", "base64 -d", "base64 --decode"]),
        HeuristicRule("hidden PowerShell window", .bad, 0.75,
                      anyOf: ["-w hidden", "-windowstyle hidden", "-window hidden", "-win hidden"]),
        HeuristicRule("Defender exclusion or disablement", .bad, 3.0,
                      anyOf: ["add-mppreference", "set-mppreference"],
                      alsoAnyOf: ["exclusionpath", "exclusionprocess", "exclusionextension", "disablerealtimemonitoring",
                                  "disableioavprotection", "disablebehaviormonitoring"]),
        HeuristicRule("Defender exclusion via registry", .bad, 2.5, anyOf: ["\\windows defender\\exclusions\\"]),
        HeuristicRule("event log clearing", .bad, 2.5,
                      anyOf: ["wevtutil cl", "wevtutil.exe cl", "clear-eventlog", "remove-eventlog"]),
        HeuristicRule("firewall disabled", .bad, 2.0,
                      anyOf: ["netsh advfirewall set", "netsh firewall set"], alsoAnyOf: ["state off", "opmode disable"]),
        HeuristicRule("UAC bypass via auto-elevating binary", .bad, 3.0,
                      anyOf: ["fodhelper", "computerdefaults.exe", "sdclt.exe", "eventvwr.exe"],
                      alsoAnyOf: ["\\shell\\open\\command", "ms-settings"]),
        HeuristicRule("preload library hijack", .bad, 2.5, anyOf: ["ld_preload=", "/etc/ld.so.preload"]),

        // Impact / ransomware staging.
        HeuristicRule("shadow copy deletion", .bad, 3.5,
                      anyOf: ["vssadmin"], alsoAnyOf: ["delete shadows", "resize shadowstorage"]),
        HeuristicRule("shadow copy deletion via WMI", .bad, 3.5,
                      anyOf: ["shadowcopy"], alsoAnyOf: [" delete", "remove-"]),
        HeuristicRule("boot recovery disabled", .bad, 3.0,
                      anyOf: ["bcdedit"], alsoAnyOf: ["recoveryenabled no", "ignoreallfailures"]),
        HeuristicRule("backup catalog deletion", .bad, 3.0,
                      anyOf: ["wbadmin"], alsoAnyOf: ["delete catalog", "delete systemstatebackup"]),

        // Credential access.
        HeuristicRule("comsvcs.dll MiniDump", .bad, 3.5,
                      anyOf: ["comsvcs"], alsoAnyOf: ["minidump", "#24", "#+000024", "#+24"]),
        HeuristicRule("LSASS dump with a dump utility", .bad, 3.0,
                      anyOf: ["procdump", "sqldumper", "rdrleakdiag", "createdump"], alsoAnyOf: ["lsass"]),
        HeuristicRule("LSASS dumping tool", .bad, 3.5,
                      anyOf: ["nanodump", "dumpert", "lsassy", "pypykatz", "handlekatz"]),
        HeuristicRule("Mimikatz", .bad, 4.0,
                      anyOf: ["mimikatz", "sekurlsa::", "lsadump::", "kerberos::golden", "kerberos::ptt", "kerberos::ask",
                              "privilege::debug", "invoke-mimikatz"]),
        HeuristicRule("DCSync / NTDS replication tooling", .bad, 4.0,
                      anyOf: ["secretsdump", "drsuapi", "-just-dc"]),
        HeuristicRule("NTDS.dit access", .bad, 3.0, anyOf: ["ntds.dit"]),
        HeuristicRule("NTDS snapshot via ntdsutil", .bad, 3.0, anyOf: ["ntdsutil"], alsoAnyOf: ["ifm", "create full"]),
        HeuristicRule("registry hive export", .bad, 3.0,
                      anyOf: ["reg save", "reg.exe save"], alsoAnyOf: ["hklm\\sam", "hklm\\security", "hklm\\system"]),
        HeuristicRule("browser credential store access", .bad, 2.0,
                      anyOf: ["\\user data\\default\\login data", "\\login data", "logins.json", "key4.db"]),
        HeuristicRule("Kerberos abuse tooling (Rubeus/Impacket)", .bad, 3.5,
                      anyOf: ["rubeus", "asktgs", "asktgt", "invoke-kerberoast", "getuserspns", "getnpusers", "asreproast",
                              "tgtdeleg", "kerberoast /", "kerberoast ", "s4u /", "/ticket:"]),
        HeuristicRule("Bifrost Kerberos toolkit", .bad, 3.0, anyOf: ["bifrost"]),
        HeuristicRule("SPN enumeration", .bad, 1.5,
                      anyOf: ["serviceprincipalname=*", "setspn -q", "setspn.exe -q", "setspn -t", "setspn.exe -t"]),
        HeuristicRule("Kerberos pre-authentication disabled", .bad, 1.5,
                      anyOf: ["doesnotrequirepreauth", "pre-authentication disabled"]),

        // Discovery.
        HeuristicRule("AD collection tooling", .bad, 2.5,
                      anyOf: ["sharphound", "bloodhound", "azurehound", "powerview", "invoke-sharefinder", "adfind",
                              "get-domaintrust", "get-netdomain"]),
        HeuristicRule("domain trust / DC discovery", .bad, 1.0,
                      anyOf: ["nltest /domain_trusts", "nltest /dclist", "nltest.exe /domain_trusts", "nltest /all_trusts"]),
        HeuristicRule("host reconnaissance burst", .bad, 0.5,
                      anyOf: ["whoami /all", "whoami /priv", "whoami /groups", "systeminfo", "ipconfig /all", "tasklist /v",
                              "arp -a", "net view", "quser"]),

        // Lateral movement and remote execution.
        HeuristicRule("PsExec-style service", .bad, 2.0, anyOf: ["psexesvc", "paexec", "remcomsvc", "csexec"]),
        HeuristicRule("WMI remote process creation", .bad, 2.0, anyOf: ["/node:"], alsoAnyOf: ["call create"]),
        HeuristicRule("Impacket exec output redirection", .bad, 3.0,
                      anyOf: ["\\\\127.0.0.1\\admin$\\__", "admin$\\__1", "c$\\__output"]),
        HeuristicRule("C2 framework artifact", .bad, 3.5,
                      anyOf: ["cobaltstrike", "cobalt strike", "beacon.dll", "\\\\.\\pipe\\msagent_", "\\\\.\\pipe\\postex_",
                              "meterpreter", "metasploit", "sliver-client", "brc4"]),
        HeuristicRule("reverse shell", .bad, 3.5,
                      anyOf: ["/dev/tcp/", "nc -e ", "ncat -e ", "nc.traditional -e", "bash -i >&", "socat exec:",
                              "mkfifo /tmp/", "pty.spawn("]),
        HeuristicRule("remote-access tool", .bad, 1.0,
                      anyOf: ["anydesk", "screenconnect", "rustdesk", "meshagent", "simplehelp", "ateraagent"]),

        // Persistence.
        HeuristicRule("Run key persistence", .bad, 1.5, anyOf: ["\\currentversion\\run"]),
        HeuristicRule("Startup folder drop", .bad, 2.0, anyOf: ["\\start menu\\programs\\startup\\"]),
        HeuristicRule("IFEO debugger hijack", .bad, 2.5,
                      anyOf: ["image file execution options"], alsoAnyOf: ["debugger", "globalflag"]),
        HeuristicRule("Winlogon helper modification", .bad, 2.0,
                      anyOf: ["\\winlogon\\"], alsoAnyOf: ["userinit", "\\shell"]),
        HeuristicRule("AppInit DLLs", .bad, 2.5, anyOf: ["appinit_dlls"]),
        HeuristicRule("scheduled task creation", .bad, 1.0, anyOf: ["schtasks"], alsoAnyOf: ["/create"]),
        HeuristicRule("scheduled task from user-writable path", .bad, 1.0,
                      anyOf: ["schtasks", "register-scheduledtask"],
                      alsoAnyOf: ["\\appdata\\", "\\users\\public\\", "%temp%", "\\temp\\", "\\programdata\\"],
                      sameSegment: true),
        HeuristicRule("service created with script host", .bad, 1.5,
                      anyOf: ["sc.exe create", "sc create", "new-service"],
                      alsoAnyOf: ["cmd /c", "cmd.exe /c", "powershell", "\\temp\\", "\\appdata\\", "\\users\\public\\"]),
        HeuristicRule("local account added", .bad, 1.5, anyOf: ["net user ", "net1 user "], alsoAnyOf: [" /add"]),
        HeuristicRule("user added to local administrators", .bad, 2.0,
                      anyOf: ["localgroup administrators"], alsoAnyOf: [" /add"]),
        HeuristicRule("RDP enabled via registry", .bad, 1.5, anyOf: ["fdenytsconnections"]),
        HeuristicRule("Linux cron/systemd/ssh persistence", .bad, 1.0,
                      anyOf: ["/etc/cron", "crontab -", "/etc/systemd/system/", "/etc/rc.local", ".ssh/authorized_keys"]),

        // Execution from unusual places and proxy execution.
        HeuristicRule("script host running file from user folder", .bad, 1.5,
                      anyOf: ["wscript", "cscript"],
                      alsoAnyOf: ["\\appdata\\", "\\downloads\\", "\\temp\\", "\\users\\public\\"],
                      sameSegment: true),
        HeuristicRule("Office application spawning a shell", .bad, 1.5,
                      anyOf: ["\\winword.exe", "\\excel.exe", "\\powerpnt.exe", "\\outlook.exe", "\\onenote.exe"],
                      alsoAnyOf: ["powershell", "cmd.exe", "wscript", "cscript", "mshta", "rundll32", "regsvr32"]),
        HeuristicRule("MSBuild project outside a build tree", .bad, 2.0,
                      anyOf: ["msbuild"], alsoAnyOf: ["\\appdata\\", "\\users\\public\\", "\\windows\\temp\\", "\\programdata\\"],
                      sameSegment: true),
        HeuristicRule("InstallUtil/RegAsm proxy execution", .bad, 2.0,
                      anyOf: ["installutil", "regasm", "regsvcs"], alsoAnyOf: ["/logfile=", "/logtoconsole=false", " /u "]),
        HeuristicRule("binary in a world-writable folder", .bad, 1.0,
                      anyOf: ["\\users\\public\\", "\\perflogs\\", "\\$recycle.bin\\"]),
        HeuristicRule("payload staged in /tmp or /dev/shm", .bad, 1.5,
                      anyOf: ["chmod +x /tmp/", "chmod 777 /tmp/", "chmod +x /dev/shm/", "chmod +x /var/tmp/", "/dev/shm/."]),
        HeuristicRule("DLL side-loading from a user-writable folder", .bad, 2.0,
                      anyOf: ["\\version.dll", "\\dbghelp.dll", "\\wtsapi32.dll", "\\winhttp.dll", "\\dwrite.dll", "\\cryptbase.dll",
                              "\\dbgcore.dll", "\\msimg32.dll", "\\uxtheme.dll", "\\dwmapi.dll", "\\propsys.dll", "\\libcurl.dll",
                              "\\mpclient.dll", "\\secur32.dll", "\\wininet.dll", "\\userenv.dll", "\\vcruntime140.dll"],
                      alsoAnyOf: ["\\appdata\\", "\\users\\public\\", "\\programdata\\", "\\temp\\", "\\downloads\\"],
                      sameSegment: true),

        // Infrastructure commonly abused for C2, staging and exfiltration.
        HeuristicRule("tunnel / paste / webhook service", .bad, 2.0,
                      anyOf: ["ngrok", "trycloudflare.com", "serveo.net", "localtunnel", "pastebin.com", "transfer.sh", "temp.sh",
                              "anonfiles", "mega.nz", "webhook.site", "discord.com/api/webhooks", "cdn.discordapp.com",
                              "api.telegram.org", "duckdns.org", ".ddns.net", ".onion"]),

        // High-fidelity detection names and ATT&CK techniques (as they appear in the alert context).
        HeuristicRule("Elastic Defend malicious-behavior alert", .bad, 2.5,
                      anyOf: ["malicious behavior detection alert", "malware detection alert", "malware prevention alert",
                              "memory threat detection alert", "ransomware detection alert", "ransomware prevention alert"]),
        HeuristicRule("LSASS access/dump alert", .bad, 1.5, anyOf: ["lsass memory", "lsass process access"]),
        HeuristicRule("OS credential dumping technique", .bad, 1.0, anyOf: ["os credential dumping"]),
        HeuristicRule("DCSync alert", .bad, 1.5, anyOf: ["dcsync"]),
        HeuristicRule("Kerberoasting technique", .bad, 1.0, anyOf: ["kerberoasting", "as-rep roasting"]),
        HeuristicRule("Kerberos from a non-LSASS process", .bad, 1.5, anyOf: ["kerberos traffic from unusual process"]),
        HeuristicRule("password spraying", .bad, 1.0, anyOf: ["password spraying"]),
        HeuristicRule("brute-force technique", .bad, 0.75, anyOf: ["brute force", "password guessing"]),
        HeuristicRule("MFA push bombing", .bad, 1.5, anyOf: ["mfa bombing", "multi-factor authentication request generation"]),
        HeuristicRule("session cookie replay", .bad, 2.0, anyOf: ["session cookie replay", "steal web session cookie"]),
        HeuristicRule("OAuth consent grant attack", .bad, 1.5, anyOf: ["consent grant attack"]),
        HeuristicRule("mailbox forwarding rule", .bad, 1.0, anyOf: ["inbox forwarding rule", "email forwarding rule"]),
        HeuristicRule("sessions from different geolocations", .bad, 0.75, anyOf: ["different geolocations"]),
        HeuristicRule("inhibit system recovery technique", .bad, 1.5, anyOf: ["inhibit system recovery"]),
    ]

    // MARK: Known-good exceptions

    static let knownGood: [HeuristicRule] = [
        // curl/wget exceptions.
        HeuristicRule("health-check endpoint", .good, 2.0, anyOf: ["/healthz", "/health "]),
        HeuristicRule("artifact repository or mirror", .good, 2.0,
                      anyOf: ["artifactory", "nexus.", "/releases/download/", "mirror.", "/repository/releases/"]),
        HeuristicRule("package signing key", .good, 1.5, anyOf: ["release.key", "apt-key"]),
        HeuristicRule("SCCM client (CcmExec/ccmsetup)", .good, 3.0,
                      anyOf: ["ccmexec", "ccmsetup", "smstsmgr", "\\ccmcache\\"]),
        HeuristicRule("SCCM script staging (\\CCM\\SystemTemp)", .good, 1.5,
                      anyOf: ["\\ccm\\systemtemp\\", "\\ccm\\scriptstore\\"]),
        HeuristicRule("Intune Management Extension", .good, 3.0,
                      anyOf: ["intunemanagementextension", "microsoft intune management extension", "agentexecutor.exe"]),
        HeuristicRule("Tenable Nessus", .good, 3.0,
                      anyOf: ["nessus_", "\\tenable\\", "nessusd", "nessus agent", "nessusagent", "nessus-service", "/opt/nessus"]),
        HeuristicRule("Qualys agent", .good, 3.0,
                      anyOf: ["qualysagent", "\\qualys\\", "qualys-cloud-agent", "/usr/local/qualys"]),
        HeuristicRule("Rapid7 agent", .good, 3.0, anyOf: ["ir_agent", "\\rapid7\\", "/opt/rapid7"]),
        HeuristicRule("CrowdStrike Falcon", .good, 3.0,
                      anyOf: ["csfalconservice", "csfalconcontainer", "\\crowdstrike\\", "falcon-sensor", "falconctl"]),
        HeuristicRule("Microsoft Defender for Endpoint sensor", .good, 2.5,
                      anyOf: ["mssense.exe", "senseir.exe", "sensecncproxy", "\\windows defender advanced threat protection\\"]),
        HeuristicRule("Windows servicing / Windows Update", .good, 2.5,
                      anyOf: ["tiworker.exe", "trustedinstaller.exe", "wuauclt", "usoclient", "\\softwaredistribution\\",
                              "musnotification", "\\winsxs\\"]),
        HeuristicRule("Veeam backup", .good, 3.0, anyOf: ["veeam"]),
        HeuristicRule("enterprise backup agent", .good, 2.5,
                      anyOf: ["\\commvault\\", "\\veritas\\", "beremote.exe", "\\rubrik\\", "\\cohesity\\"]),
        HeuristicRule("Citrix (CtxInjector/Citrix components)", .good, 2.5, anyOf: ["ctxinjector", "citrix"]),
        HeuristicRule("Visual Studio build toolchain", .good, 2.5,
                      anyOf: ["\\microsoft visual studio\\"], alsoAnyOf: ["msbuild", "devenv", "vbcscompiler", "csc.exe"]),
        HeuristicRule("Tanium client", .good, 3.0, anyOf: ["taniumclient", "\\tanium\\"]),
        HeuristicRule("BigFix client", .good, 3.0, anyOf: ["besclient", "\\bigfix enterprise\\"]),
        HeuristicRule("PDQ Deploy/Inventory", .good, 2.5, anyOf: ["pdqdeploy", "pdqinventory"]),
        HeuristicRule("ManageEngine agent", .good, 2.5, anyOf: ["manageengine", "dcagentservice", "uems_agent"]),
        HeuristicRule("Entra/Azure AD Connect sync", .good, 3.0,
                      anyOf: ["miiserver.exe", "\\microsoft azure ad sync\\", "\\microsoft azure ad connect\\", "azureadconnect"]),
        HeuristicRule("monitoring / log-shipping agent", .good, 2.0,
                      anyOf: ["healthservice.exe", "monitoringhost.exe", "\\microsoft monitoring agent\\", "splunkd",
                              "\\splunkuniversalforwarder\\", "\\elastic\\agent\\", "elastic-agent", "winlogbeat",
                              "zabbix_agent", "datadog-agent"]),
        HeuristicRule("Office Click-to-Run updater", .good, 2.0,
                      anyOf: ["officeclicktorun", "\\microsoft shared\\clicktorun\\"]),
        HeuristicRule("software package manager", .good, 1.5,
                      anyOf: ["/usr/bin/dpkg", "apt-get ", "/usr/bin/apt", "unattended-upgrade", "/usr/bin/yum", "yum install",
                              "/usr/bin/dnf", "dnf install", "/opt/homebrew/", "/usr/local/homebrew/", "brew install",
                              "\\chocolatey\\", "choco.exe", "winget.exe"]),
        HeuristicRule("cloud instance bootstrap agent", .good, 2.0,
                      anyOf: ["cloud-init", "/var/lib/cloud/", "waagent", "google_guest_agent", "amazon-ssm-agent",
                              "ssm-document-worker"]),
        HeuristicRule("configuration management agent", .good, 1.5,
                      anyOf: ["ansible", "puppet", "chef-client", "salt-minion"]),
        HeuristicRule("threat-emulation framework", .good, 2.5,
                      anyOf: ["invoke-atomictest", "\\atomicredteam\\", "atomic-red-team", "sandcat", "safebreach", "attackiq"]),
        HeuristicRule("Group Policy script", .good, 1.5, anyOf: ["gpscript.exe"]),
    ]
}
