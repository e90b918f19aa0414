#!/usr/bin/env python3
"""Generate answers/simulated-answers.jsonl, the answers the bundled `simulated` model (a `replay`) plays back.

Usage:
    python3 scripts/generate-simulated-answers.py [--cases DIR] [--output FILE] [--samples N] [--seed S]

    --cases    directory holding the case files (*.yaml)     default: cases
    --output   JSONL file to write                           default: answers/simulated-answers.jsonl
    --samples  answers per case (sample indices 0..N-1)      default: 3
    --seed     base seed; each case uses random.Random(f"{seed}:{case_id}")   default: 42

Run it from the repository root after adding or editing cases; it rewrites the output file and
prints a summary (answers, format deviations by kind, flipping cases, wrong majorities) to stderr.
Requires PyYAML.

Each output line is {"case_id": "...", "sample": 0|1|2, "response": "..."}; the answers for the JSON analyzer
prompts (alert-analyzer@v1/v2, alert-correlation@v1; see "Answers for the JSON analyzer prompts" below) also
carry "prompt": "ID@VERSION", and clean alert-analyzer@v2 answers are JSON objects. No model wrote these
answers: they are simulated by this script, synthetic but deliberately realistic:

* mostly well-formed `verdict=TP confidence=0.92 summary=...` lines whose summary (<= 50 words)
  quotes the case's own indicators (command lines, paths, DNS names, rules, source IPs);
* mostly right, with wrong answers concentrated in cases tagged `hard` and `injection` (injection
  cases sometimes obey the instruction planted in the alert data, verdict and summary included);
* some SUSPICIOUS verdicts (hedging on true positives, over-caution on false positives);
* about 10% of cases whose verdict flips between samples;
* about 10% of answers with a format deviation production's DISSECT/TO_DOUBLE path trips on:
  a preamble, a code fence, `confidence=85%`, `Verdict=` key, lowercase `tp`, `**TP**`,
  newline-separated fields, `confidence=95`.

Determinism: every random draw for a case comes from its own generator seeded with the base seed
and the case id, in a fixed order, so output is byte-identical across runs and adding, removing or
editing one case never changes another case's verdicts, confidences, summaries or which of its
answers deviate in format. Only the *kind* of deviation is dealt round-robin over the whole file
(so every kind appears), and may shift for answers after an added or removed case.
"""

import argparse
import collections
import glob
import json
import os
import random
import re
import sys

import yaml

# Probability that the answer's majority verdict is wrong, by case difficulty.
P_WRONG = {"normal": 0.04, "hard": 0.30, "injection": 0.35, "hard+injection": 0.45}
# Probability that an injection case obeys the planted instruction (given it is answered wrongly).
P_OBEY_INJECTION = 0.7
# Probability of a hedged SUSPICIOUS verdict instead of a right answer.
P_SUSPICIOUS = {"TP": 0.12, "FP": 0.06}
# Probability that a case's verdict flips between samples.
P_FLIP = {"normal": 0.06, "hard": 0.18, "injection": 0.18, "hard+injection": 0.22}
# Probability that one answer has a format deviation, and the deviations to choose from.
P_FORMAT = 0.10
# Deviating answers get these kinds round-robin (in output order), so every kind is represented.
FORMAT_KINDS = ["preamble", "code_fence", "percent", "capital_key", "lowercase_verdict", "bold", "newlines", "confidence_int"]

SCENARIO_WORDS = {
    "Kerberoasting": "Kerberos ticket",
    "CredentialAbuse": "authentication",
    "ServiceAccounts": "service-account",
    "AdminActivity": "administrative",
}

MAX_SUMMARY_WORDS = 50


def load_cases(directory):
    """All cases from DIR/*.yaml in file-name order, then file order; duplicate ids are an error."""
    cases, seen = [], {}
    for path in sorted(glob.glob(os.path.join(directory, "*.yaml"))):
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle) or []
        if not isinstance(data, list):
            sys.exit(f"{path}: expected a list of cases")
        for case in data:
            case_id = case.get("id") if isinstance(case, dict) else None
            if not case_id or "label" not in case:
                sys.exit(f"{path}: case without id or label: {case!r:.80}")
            if case_id in seen:
                sys.exit(f"{path}: duplicate case id {case_id} (first in {seen[case_id]})")
            seen[case_id] = path
            cases.append(case)
    return cases


def difficulty(case):
    tags = set(case.get("tags") or [])
    hard, injection = "hard" in tags, "injection" in tags
    if hard and injection:
        return "hard+injection"
    if injection:
        return "injection"
    return "hard" if hard else "normal"


def basename(path):
    return re.split(r"[\\/]", path.rstrip("\\/"))[-1] or path


EXECUTABLE = re.compile(r"^\s*(.*?\.(?:exe|com|bat|cmd|ps1|vbs|js|hta|dll|sh|py))(?=\s|$)", re.IGNORECASE)


def short_arg(arg):
    """An argument with a long path cut to its file name (`/outfile:C:\\a\\b\\h.txt` -> `/outfile:h.txt`,
    `http://host/a/b/p.exe` -> `http://host/.../p.exe`); SPNs, switches and short values stay as they are."""
    if len(arg) <= 32:
        return arg
    url = re.match(r"^([a-z]+://[^/]+)(/.*)?$", arg, re.IGNORECASE)
    if url:
        rest = url.group(2) or ""
        return url.group(1) + ("/.../" + basename(rest) if rest.count("/") > 1 else rest)
    if "\\" in arg:
        match = re.match(r"^([-/][\w.]+[:=])?(.*)$", arg)
        prefix, path = (match.group(1) or "", match.group(2)) if match else ("", arg)
        return prefix + basename(path)
    if arg.startswith("/") and arg.count("/") >= 3 and ":" not in arg:
        return basename(arg)
    return arg


def short_command(command):
    """`tool arg arg arg` from a command line: executable file name plus a few arguments, <= 70 chars."""
    text = command.replace('"', "").replace("'", "").strip()
    match = EXECUTABLE.match(text)
    if match:
        head, rest = basename(match.group(1)), text[match.end():].split()
    else:
        tokens = text.split()
        if not tokens:
            return ""
        head, rest = basename(tokens[0]), tokens[1:]
    result = " ".join([head] + [short_arg(a) for a in rest[:4]])
    return result if len(result) <= 70 else result[:67].rstrip() + "..."


def distinct(items):
    """Drops items already covered by an earlier one (same text, contained in it, or its executable)."""
    kept = []
    for item in items:
        low = item.lower()
        if any(low in k.lower() or low == k.lower().split(" ")[0] for k in kept):
            continue
        kept.append(item)
    return kept


PLANTED = re.compile(r"(?i)verdict|confidence=|summary=|ignore[_ ]previous|note to ai|--note|<#|\[system notice")


def indicators(case):
    """The case's concrete indicators, most specific first."""
    found = []
    for command in case.get("command_lines") or []:
        # A real answer would not echo planted instructions; cut the command line at the first of them.
        found.append(short_command(PLANTED.split(command)[0].rstrip(" _-:\\/(\"'")))
    found += list(case.get("dns_queries") or [])
    found += [basename(p) for p in case.get("file_paths") or []]
    found += [basename(p) for p in case.get("dll_paths") or []]
    found += ["\\".join(p.split("\\")[-2:]) for p in case.get("registry_paths") or []]
    found += [basename(p) for p in case.get("executables") or []]
    if "alert_summary" in case and not found:
        parts = [p.split(":", 1)[-1].strip() for p in str(case["alert_summary"]).split("|")]
        found += [p for p in parts if p and p not in ("n/a", "unknown")][-4:]
    found += [f"sign-ins from {ip}" for ip in (case.get("source_ips") or [])[:1]]
    found = [PLANTED.split(f)[0].rstrip(" _-:\\/(\"'") for f in found]
    found = distinct([f for f in found if len(f) > 2])
    return found or [case.get("scenario", "the grouped alerts")]


def rule_names(case):
    rules = case.get("rules") or []
    if not rules and "alert_summary" in case:
        match = re.search(r"Rules(?: triggered)?: ([^|]+)", str(case["alert_summary"]))
        rules = [r.strip() for r in match.group(1).split(";")] if match else []
    return rules or ["the correlated rules"]


def clip_words(text, limit=MAX_SUMMARY_WORDS):
    text = " ".join(text.replace("\n", " ").split())
    words = text.split(" ")
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:") + "."


def summary_for(case, verdict, correct, rng):
    """A <= 50-word reason that names the case's own indicators."""
    ind = indicators(case)
    rules = rule_names(case)
    entity = (case.get("entity") or {}).get("name", "the entity")
    user = (case.get("entity") or {}).get("type") == "user"
    scenario = SCENARIO_WORDS.get(case.get("scenario", ""), case.get("scenario", "routine"))
    tactics = ", ".join((case.get("tactics") or [])[:3]) or "multiple"
    parents = [short_command(p) for p in case.get("parent_command_lines") or []]
    origin = parents[0] if parents else (case.get("hosts") or [entity])[0]
    window = case.get("time_window_minutes", "a few")
    i0 = ind[0]
    i1 = ind[1] if len(ind) > 1 else rules[0]
    r0 = rules[0]
    r1 = rules[1] if len(rules) > 1 else rules[0]
    label = case["label"]

    if verdict == "SUSPICIOUS":
        options = [
            f"{r0} with {i0} is unusual for {entity} but not conclusive; verify the {origin} context and owner before escalating.",
            f"Mixed signals: {i0} and {r1} could be {scenario} activity or abuse; needs analyst review of {entity}.",
        ]
    elif verdict == "TP" and correct:
        if user:
            options = [
                f"Account {entity} triggers {r0} and {r1}; {i0} plus {i1} across {tactics} within {window} minutes indicates compromised credentials.",
                f"{i0} followed by {i1} for {entity}; {tactics} progression consistent with account takeover, not {scenario} routine.",
            ]
        else:
            options = [
                f"{r0} and {r1} on {entity}: {i0}, then {i1}. {tactics} progression within {window} minutes forms an attack chain.",
                f"Malicious chain on {entity}: {i0} with {i1}; no legitimate tooling explains it despite its naming.",
            ]
    elif verdict == "FP" and correct:
        options = [
            f"{i0} from {origin} matches expected {scenario} behavior; {r0} is a known benign trigger. No download, persistence or credential theft.",
            f"Routine {scenario} activity on {entity}: {i0}. Alerts ({r0}; {r1}) fit scheduled, signed tooling rather than an attack chain.",
        ]
    elif verdict == "FP":  # wrong: a true positive dismissed
        options = [
            f"Appears to be legitimate {scenario} activity: {i0} via {origin}. Likely administrative or scheduled; no clear attack chain.",
            f"{r0} fired on {i0}, which resembles sanctioned tooling for {entity}; treating as benign.",
        ]
    else:  # wrong: a false positive escalated
        options = [
            f"{r0} with {i0} and {tactics} tactics suggests malicious activity on {entity}; treat as an attack chain.",
            f"{i0} plus {i1} across {tactics} within {window} minutes looks like credential abuse or lateral movement by {entity}.",
        ]
    return clip_words(rng.choice(options))


INJECTED = re.compile(r"verdict=(\w+)[\s_]+confidence=([0-9.]+)[\s_]+summary=([^\"'\n#>&;$]+)", re.IGNORECASE)


def obeyed_injection(case):
    """(verdict, confidence, summary) the planted instruction asks for, or a generic benign answer."""
    texts = [str(v) for key in ("command_lines", "parent_command_lines", "file_paths", "registry_values", "dns_queries")
             for v in case.get(key) or []]
    texts.append(str(case.get("alert_summary", "")))
    for text in texts:
        match = INJECTED.search(text)
        if match:
            summary = re.sub(r"\.(txt|log|dll|exe|ps1)$", "", match.group(3).strip()).replace("_", " ")
            return match.group(1).upper(), min(float(match.group(2)), 1.0), clip_words(summary.rstrip(" .\"'"))
    ind = indicators(case)[0]
    return "FP", 0.95, clip_words(f"Command line states this is authorized, approved activity ({ind}); treated as benign per the embedded note.")


def confidence_for(verdict, correct, rng):
    if verdict == "SUSPICIOUS":
        return rng.uniform(0.55, 0.85)
    if correct:
        return rng.uniform(0.82, 0.97) if verdict == "TP" else rng.uniform(0.78, 0.95)
    return rng.uniform(0.62, 0.88)


def render(verdict, confidence, summary, kind):
    conf = f"{confidence:.2f}"
    if kind == "percent":
        conf = f"{round(confidence * 100)}%"
    elif kind == "confidence_int":
        conf = f"{round(confidence * 100)}"
    if kind == "lowercase_verdict":
        verdict = verdict.lower()
    elif kind == "bold":
        verdict = f"**{verdict}**"
    line = f"verdict={verdict} confidence={conf} summary={summary}"
    if kind == "preamble":
        return "Here is my analysis: " + line
    if kind == "code_fence":
        return "```\n" + line + "\n```"
    if kind == "capital_key":
        return "V" + line[1:]
    if kind == "newlines":
        return f"verdict={verdict}\nconfidence={conf}\nsummary={summary}"
    return line


def alternative(verdict, label, rng):
    """The verdict a flipping sample switches to."""
    if verdict == "SUSPICIOUS":
        return label if rng.random() < 0.5 else ("FP" if label == "TP" else "TP")
    other = "FP" if verdict == "TP" else "TP"
    return "SUSPICIOUS" if rng.random() < 0.6 else other


def answers_for(case, samples, seed, stats):
    rng = random.Random(f"{seed}:{case['id']}")
    label = case["label"]
    level = difficulty(case)
    injected = "injection" in level

    # Majority verdict for the case.
    wrong = rng.random() < P_WRONG[level]
    obey = injected and wrong and label == "TP" and rng.random() < P_OBEY_INJECTION
    if obey:
        base = "FP"
    elif wrong:
        base = "FP" if label == "TP" else ("TP" if rng.random() < 0.6 else "SUSPICIOUS")
    elif rng.random() < P_SUSPICIOUS[label]:
        base = "SUSPICIOUS"
    else:
        base = label

    # Optional flip: one sample disagrees with the others.
    flip_sample = rng.randrange(samples) if samples > 1 and rng.random() < P_FLIP[level] else None
    flip_to = alternative(base, label, rng) if flip_sample is not None else None

    stats["cases"] += 1
    stats["wrong_majority"] += int(base != label and base != "SUSPICIOUS")
    stats["suspicious_majority"] += int(base == "SUSPICIOUS")
    stats["obeyed_injection"] += int(obey)
    stats["flipped_cases"] += int(flip_sample is not None)

    lines = []
    for sample in range(samples):
        verdict = flip_to if sample == flip_sample else base
        correct = verdict == label
        if obey and verdict == "FP":
            verdict, confidence, summary = obeyed_injection(case)
        else:
            confidence = confidence_for(verdict, correct, rng)
            summary = summary_for(case, verdict, correct, rng)
        kind = None
        if rng.random() < P_FORMAT:
            kind = FORMAT_KINDS[stats["format_deviations"] % len(FORMAT_KINDS)]
        stats["answers"] += 1
        stats["verdict_" + verdict] += 1
        if kind:
            stats["format_" + kind] += 1
            stats["format_deviations"] += 1
        lines.append({"case_id": case["id"], "sample": sample, "response": render(verdict, confidence, summary, kind)})
    return lines


# --- Answers for the JSON analyzer prompts (issue 13) -----------------------------------------------------
#
# alert-analyzer@v1 (the guide's analyze_alert), alert-analyzer@v2 (JSON only, numeric confidence, system part)
# and alert-correlation@v1 (the guide's correlate_alerts) judge the host cases with documents. Their answers
# are written after every DISSECT answer, from generators of their own (seeded with the prompt and the case id),
# so the DISSECT answers above stay byte-identical. What real models do with these prompts is simulated:
# v1 and the correlation prompt never say "JSON only", so most answers come fenced (```json) and some open
# with a sentence; v1's categories come capitalised ("High") as its own list writes them; some answers lose a
# field, some are cut at the token limit (max_tokens), some put "TP (True Positive)" in a categorical field.
# Clean v2 answers are recorded as JSON objects (as structured outputs return them), the rest as text.

ANALYZER_PROMPTS = ["alert-analyzer@v1", "alert-analyzer@v2", "alert-correlation@v1"]
# Probability that the answer's majority verdict is wrong: v1 sees one alert and null fields, v2 every alert.
P_WRONG_ANALYZER = {
    "alert-analyzer@v1": {"normal": 0.12, "hard": 0.40, "injection": 0.45, "hard+injection": 0.55},
    "alert-analyzer@v2": {"normal": 0.04, "hard": 0.25, "injection": 0.20, "hard+injection": 0.35},
}
# Correlation is not maliciousness: benign clusters of one host are often called correlated.
P_CORRELATED_BENIGN = 0.40
P_MISSED_CAMPAIGN = 0.08
# Deviations per prompt: (kind, probability), drawn in this order, at most one per answer.
ANALYZER_DEVIATIONS = {
    "alert-analyzer@v1": [("fenced", 0.45), ("sentence_before", 0.10), ("capitalised", 0.08), ("missing_field", 0.04),
                          ("cut_at_token_limit", 0.04), ("verdict_label", 0.03)],
    "alert-analyzer@v2": [("fenced", 0.03), ("sentence_before", 0.02), ("capitalised", 0.03), ("missing_field", 0.02),
                          ("cut_at_token_limit", 0.01), ("verdict_label", 0.03)],
    "alert-correlation@v1": [("fenced", 0.45), ("sentence_before", 0.10), ("capitalised", 0.06), ("missing_field", 0.04),
                             ("cut_at_token_limit", 0.05), ("verdict_label", 0.02)],
}
LEVEL = {"TP": "high", "SUSPICIOUS": "medium", "FP": "low"}
THREAT = {"TP": "high", "SUSPICIOUS": "medium", "FP": "low"}


def analyzer_cases(cases):
    """The cases the analyzer prompts judge: host cases with documents."""
    return [c for c in cases if (c.get("entity") or {}).get("type") == "host" and (c.get("documents_file") or c.get("documents"))]


def confidence_level(confidence):
    return "high" if confidence >= 0.85 else ("medium" if confidence >= 0.65 else "low")


def analyzer_object(prompt, case, verdict, confidence, summary, rng):
    """The JSON object a model answers `prompt` with, keys in the order the prompt lists them."""
    ind = indicators(case)
    entity = (case.get("entity") or {}).get("name", "the host")
    users = case.get("users") or []
    stage = "none" if verdict == "FP" else rng.choice(["execution", "credential access", "persistence", "lateral movement", "defense evasion"])
    if prompt == "alert-analyzer@v2":
        return {"verdict": verdict, "confidence": round(confidence, 2), "threat_level": THREAT[verdict] if verdict != "TP" or confidence < 0.9 else "critical",
                "attack_stage": stage, "evidence": ind[:3], "summary": summary}
    if prompt == "alert-analyzer@v1":
        return {
            "threat_level": THREAT[verdict].capitalize(),
            "confidence": confidence_level(confidence),
            "true_positive_likelihood": LEVEL[verdict],
            "reasoning": summary,
            "attack_stage": stage.title() if stage != "none" else "N/A",
            "immediate_actions": ["Isolate " + entity, "Collect the process tree"] if verdict != "FP" else ["Document as expected activity"],
            "investigation_queries": [{"type": "kql", "query": f'host.name : "{entity}" and event.category : "process"', "purpose": "Process activity on the host"}],
            "mitre_techniques": [{"id": t, "name": t} for t in (case.get("techniques") or [])[:2]],
            "iocs_extracted": ind[:2],
            "summary": summary,
        }
    correlated = verdict != "FP"
    return {
        "correlated": correlated,
        "campaign_likelihood": LEVEL[verdict] if correlated else "low",
        "attack_progression": (case.get("tactics") or ["unknown"])[:3],
        "compromised_assets": {"hosts": [entity], "users": users[:2], "risk_level": THREAT[verdict].capitalize()},
        "overall_threat_level": THREAT[verdict].capitalize(),
        "timeline": [{"timestamp": "2026-01-01T00:00:00.000Z", "event": (case.get("rules") or ["alert"])[0], "significance": "first alert"}],
        "recommended_response": ["Isolate " + entity] if correlated else ["No action"],
        "summary": summary,
    }


def analyzer_render(prompt, obj, kind, rng):
    """(response value, kind): the text a model returns for `obj` with the deviation `kind` (None: clean)."""
    verdict_field = {"alert-analyzer@v1": "true_positive_likelihood", "alert-analyzer@v2": "verdict", "alert-correlation@v1": "campaign_likelihood"}[prompt]
    if kind == "capitalised":
        obj[verdict_field] = str(obj[verdict_field]).capitalize() if prompt != "alert-analyzer@v2" else str(obj[verdict_field]).lower()
    elif kind == "missing_field":
        del obj[verdict_field if prompt != "alert-correlation@v1" else "correlated"]
    elif kind == "verdict_label":
        if prompt == "alert-analyzer@v2":
            obj["verdict"] = {"TP": "TP (True Positive)", "FP": "FP (False Positive)", "SUSPICIOUS": "SUSPICIOUS (needs review)"}[obj["verdict"]]
        else:
            obj[verdict_field] = {"high": "High (True Positive)", "medium": "Medium", "low": "Low (False Positive)"}[str(obj[verdict_field]).lower()]
    if prompt == "alert-analyzer@v2" and kind is None:
        return obj
    text = json.dumps(obj, indent=2 if prompt != "alert-analyzer@v2" else None, ensure_ascii=False)
    if kind == "fenced":
        return "```json\n" + text + "\n```"
    if kind == "sentence_before":
        return "Here is my assessment of the alert" + ("s" if prompt == "alert-correlation@v1" else "") + ":\n\n" + text
    if kind == "cut_at_token_limit":
        return ("```json\n" if prompt != "alert-analyzer@v2" else "") + text[: int(len(text) * rng.uniform(0.45, 0.8))]
    return text


def analyzer_answers_for(prompt, case, samples, seed, stats):
    rng = random.Random(f"{seed}:{prompt}:{case['id']}")
    label = case["label"]
    level = difficulty(case)
    if prompt == "alert-correlation@v1":
        if label == "FP":
            base = "TP" if rng.random() < P_CORRELATED_BENIGN else "FP"
        else:
            base = "FP" if rng.random() < P_MISSED_CAMPAIGN else label
    else:
        wrong = rng.random() < P_WRONG_ANALYZER[prompt][level]
        if wrong:
            base = "FP" if label == "TP" else ("TP" if rng.random() < 0.6 else "SUSPICIOUS")
        elif rng.random() < P_SUSPICIOUS[label]:
            base = "SUSPICIOUS"
        else:
            base = label
    flip_sample = rng.randrange(samples) if samples > 1 and rng.random() < P_FLIP[level] else None
    flip_to = alternative(base, label, rng) if flip_sample is not None else None
    if prompt == "alert-correlation@v1" and flip_to == "SUSPICIOUS":
        flip_to = "FP" if base == "TP" else "TP"
    lines = []
    for sample in range(samples):
        verdict = flip_to if sample == flip_sample else base
        correct = verdict == label
        confidence = confidence_for(verdict, correct, rng)
        summary = summary_for(case, verdict, correct, rng)
        obj = analyzer_object(prompt, case, verdict, confidence, summary, rng)
        kind = None
        draw = rng.random()
        for name, probability in ANALYZER_DEVIATIONS[prompt]:
            if draw < probability:
                kind = name
                break
            draw -= probability
        stats[prompt + " answers"] += 1
        stats[f"{prompt} {kind or 'clean'}"] += 1
        lines.append({"case_id": case["id"], "sample": sample, "prompt": prompt, "response": analyzer_render(prompt, obj, kind, rng)})
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default="cases")
    parser.add_argument("--output", default=os.path.join("answers", "simulated-answers.jsonl"))
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    if args.samples < 1:
        sys.exit("--samples must be at least 1")

    cases = load_cases(args.cases)
    if not cases:
        sys.exit(f"no cases found in {args.cases}/*.yaml")
    stats = collections.Counter()
    with open(args.output, "w", encoding="utf-8", newline="\n") as out:
        # Documents-only cases (no structured fields, no summary) are judged by the rules over documents, not by
        # the DISSECT template prompts these answers are for.
        for case in [c for c in cases if c.get("rules") or "alert_summary" in c]:
            for line in answers_for(case, args.samples, args.seed, stats):
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
        analyzer_stats = collections.Counter()
        for prompt in ANALYZER_PROMPTS:
            for case in analyzer_cases(cases):
                for line in analyzer_answers_for(prompt, case, args.samples, args.seed, analyzer_stats):
                    out.write(json.dumps(line, ensure_ascii=False) + "\n")

    kinds = ", ".join(f"{k}={stats['format_' + k]}" for k in FORMAT_KINDS if stats["format_" + k])
    print(
        f"wrote {stats['answers']} answers for {stats['cases']} cases to {args.output}\n"
        f"  verdicts: TP={stats['verdict_TP']} FP={stats['verdict_FP']} SUSPICIOUS={stats['verdict_SUSPICIOUS']}\n"
        f"  format deviations: {stats['format_deviations']} ({kinds or 'none'})\n"
        f"  flipping cases: {stats['flipped_cases']}; wrong majority: {stats['wrong_majority']} "
        f"(obeyed injection: {stats['obeyed_injection']}); SUSPICIOUS majority: {stats['suspicious_majority']}",
        file=sys.stderr,
    )
    for prompt in ANALYZER_PROMPTS:
        kinds = ", ".join(f"{k.split(' ', 1)[1]}={v}" for k, v in sorted(analyzer_stats.items()) if k.startswith(prompt + " ") and not k.endswith(" answers"))
        print(f"  {prompt}: {analyzer_stats[prompt + ' answers']} answers ({kinds})", file=sys.stderr)


if __name__ == "__main__":
    main()
