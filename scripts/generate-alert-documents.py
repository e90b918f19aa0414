#!/usr/bin/env python3
"""Generates alert documents (.alerts-security.*) for the bundled structured host and user cases.

Generated data: for each structured case in cases/*.yaml, writes cases/documents/<id>.ndjson with
alert_count alerts such that the triage rule's STATS over them yields exactly the case's fields
(VALUES in case order, MAX risk score, MIN/MAX @timestamp spanning time_window_minutes), and adds
`index:` and `documents_file:` to the case. Idempotent. Run from the repository root.
"""
import glob, json, os, re, yaml
from datetime import datetime, timedelta, timezone

START = datetime(2026, 1, 1, tzinfo=timezone.utc)
LISTS = [  # case field -> alert field, in the order fields are written
    ("rules", "kibana.alert.rule.name"), ("tactics", "kibana.alert.rule.threat.tactic.name"),
    ("techniques", "kibana.alert.rule.threat.technique.name"), ("command_lines", "process.command_line"),
    ("parent_command_lines", "process.parent.command_line"), ("executables", "process.executable"),
    ("file_paths", "file.path"), ("dll_paths", "dll.path"), ("dns_queries", "dns.question.name"),
    ("registry_paths", "registry.path"), ("registry_values", "registry.data.strings"),
    ("source_ips", "source.ip"), ("destination_ips", "destination.ip"), ("datasets", "event.dataset"),
    ("emails", "user.email"),
]

def program(command_line):
    text = command_line.strip()
    if text.startswith('"'):
        return text[1:].split('"', 1)[0]
    return text.split(" ", 1)[0]

def spread(values, count, i):
    """Doc i's value(s): values in order, cycling; the last doc takes any values beyond the count."""
    if not values:
        return None
    if len(values) > count and i == count - 1:
        return values[i:]
    return values[i % len(values)] if i < len(values) or len(values) <= count else values[i]

def documents(case):
    n = case["alert_count"]
    entity = case["entity"]
    window = case["time_window_minutes"]
    docs = []
    for i in range(n):
        stamp = START + (timedelta(minutes=window) * i / max(n - 1, 1) if n > 1 else timedelta())
        stamp = stamp.replace(microsecond=(stamp.microsecond // 1000) * 1000)
        doc = {"@timestamp": stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
               "event": {"kind": "signal"},
               "kibana.alert.workflow_status": "open", "kibana.alert.rule.type": "eql",
               "kibana.alert.risk_score": case["max_risk_score"]}
        if entity["type"] == "host":
            doc["host"] = {"id": entity.get("id"), "name": entity["name"]}
            users = case.get("users") or []
            if users:
                doc["user"] = {"name": spread(users, n, i)}
        else:
            doc["user"] = {"name": entity["name"], "id": entity.get("id")}
            hosts = case.get("hosts") or []
            if hosts:
                doc["host"] = {"name": spread(hosts, n, i)}
        for field, name in LISTS:
            value = spread(case.get(field) or [], n, i)
            if value is not None:
                doc[name] = value
        if "process.executable" not in doc and entity["type"] == "host":
            # The host rule keeps alerts with a process.executable; the hand-written host cases do not list
            # executables (their prompt does not print them), so the alert's program is its command line's.
            source = doc.get("process.command_line") or doc.get("process.parent.command_line")
            if isinstance(source, list):
                source = source[0]
            doc["process.executable"] = program(source) if source else "unknown"
        docs.append(doc)
    return docs

for path in sorted(glob.glob("cases/*.yaml")):
    text = open(path).read()
    cases = yaml.safe_load(text) or []
    lines = text.split("\n")
    changed = False
    for case in cases:
        if not isinstance(case, dict) or "alert_summary" in case or "entity" not in case:
            continue
        out = f"cases/documents/{case['id']}.ndjson"
        with open(out, "w") as f:
            for doc in documents(case):
                f.write(json.dumps(doc, ensure_ascii=False) + "\n")
        if "documents_file" in case:
            continue
        start = next(i for i, l in enumerate(lines) if re.fullmatch(rf"- id: {re.escape(case['id'])}\s*", l))
        at = next(i for i in range(start, len(lines)) if lines[i].startswith("  scenario:"))
        lines[at + 1:at + 1] = ["  index: .alerts-security.alerts-default", f"  documents_file: documents/{case['id']}.ndjson"]
        changed = True
    if changed:
        open(path, "w").write("\n".join(lines))
