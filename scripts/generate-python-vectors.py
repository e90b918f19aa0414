#!/usr/bin/env python3
"""Generates the CPython reference vectors for triage-eval's Python-faithful prompt rendering and parsing.

Writes (deterministically, with this machine's CPython):
  Tests/Fixtures/python/render_vectors.json  -- {document, expression, expected}: `expected` is str() of the
      expression evaluated by CPython with `doc = json.loads(document)` (what an f-string hole writes).
  Tests/Fixtures/python/loads_vectors.json   -- {text, accepted, dumped}: whether json.loads(text) succeeds
      (JSONDecodeError or ValueError -> rejected) and, if so, json.dumps of the value (types, key order,
      duplicate keys, int vs float and big ints made visible).

Run: python3 scripts/generate-python-vectors.py
"""
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "python")

ALERT = """{"@timestamp": "2025-03-04T10:15:00.000Z", "kibana.alert.rule.name": "LSASS Memory Dump via comsvcs.dll",
"kibana.alert.severity": "critical", "kibana.alert.risk_score": 99, "kibana.alert.rule.threat": [{"tactic": {"id": "TA0006", "name": "Credential Access"}}],
"host": {"name": "WS-FIN-0231", "os": {"family": "windows"}}, "user": {"name": "j.doe"},
"process": {"name": "rundll32.exe", "command_line": "rundll32.exe C:\\\\Windows\\\\System32\\\\comsvcs.dll, MiniDump 624 C:\\\\Windows\\\\Temp\\\\x.dmp full", "pid": 4242},
"source.ip": "10.0.0.5", "file": {"path": "C:\\\\Windows\\\\Temp\\\\x.dmp"}, "score": 0.97, "tags": ["é", "日本", "😀"]}"""

DOCUMENTS = [
    ("alert", ALERT),
    ("ints", '[0, -0, 1, -1, 42, 9007199254740993, 123456789012345678901234567890, -98765432109876543210]'),
    ("floats", '[0.0, -0.0, 1.0, -1.5, 0.1, 0.2, 0.30000000000000004, 1e16, 1e15, 123456789012345678.0, 1.5e-7, 0.0001, 0.00001, 1e-05, 1E+2, 2.5e+300, 1.7976931348623157e308, 5e-324, 1e400, -1e400, 1e-400, 3.141592653589793, 100.0, 1234567890123456.7]'),
    ("nonfinite", '[NaN, Infinity, -Infinity, {"x": NaN}]'),
    ("literals", '{"t": true, "f": false, "n": null, "e": "", "z": 0}'),
    ("empties", '{"a": [], "b": {}, "c": [[]], "d": [{}], "e": {"f": {}}, "g": ""}'),
    ("strings", '{"ascii": "plain", "quote": "say \\"hi\\"", "backslash": "C:\\\\Temp\\\\a", "slash": "a/b", "controls": "\\u0000\\u0001\\b\\f\\n\\r\\t\\u001f", "del": "\\u007f", "latin": "caf\\u00e9 na\\u00efve", "cjk": "\\u65e5\\u672c\\u8a9e", "emoji": "\\ud83d\\ude00 \\ud83d\\udc68\\u200d\\ud83d\\udc69\\u200d\\ud83d\\udc67", "sep": "\\u2028\\u2029", "bidi": "\\u202eevil", "bom": "\\ufeff", "max": "\\uffff", "astral": "\\udbff\\udfff"}'),
    ("raw_unicode", '{"k\u00e9y": "v\u00e4lue", "\U0001F600": "\U0001F4A9", "mixed": "a\u00e9\u65e5\U0001F600z"}'),
    ("dotted", '{"host.name": "dotted-host", "host": {"name": "nested-host"}, "user.name": null, "a.b.c": 1}'),
    ("duplicates", '{"a": 1, "b": 2, "a": 3, "c": {"x": 1, "x": [1, 2]}}'),
    ("nested", '{"l1": {"l2": {"l3": {"l4": [1, [2, [3, {"l5": "deep"}]]]}}}, "list": [{"a": 1}, {"b": [true, null]}]}'),
    ("list_top", '[1, "two", 3.0, null, true, [], {}, {"k": "v"}]'),
    ("scalar_str", '"just a string with \\u00e9 and \\ud83d\\ude00"'),
    ("scalar_int", '12345678901234567890'),
    ("scalar_float", '2.5'),
    ("quotes_repr", '{"single": "it\'s", "double": "say \\"x\\"", "both": "it\'s \\"x\\"", "ctrl": "a\\u0007b\\u0085c\\u00a0d"}'),
]

DUMPS = [
    "json.dumps(doc)",
    "json.dumps(doc, default=str)",
    "json.dumps(doc, indent=2, default=str)",
    "json.dumps(doc, indent=0)",
    "json.dumps(doc, indent=4)",
    "json.dumps(doc, indent='\\t')",
    "json.dumps(doc, ensure_ascii=False)",
    "json.dumps(doc, indent=2, ensure_ascii=False)",
    "json.dumps(doc, sort_keys=True)",
    "json.dumps(doc, separators=(',', ':'))",
    "json.dumps(doc, indent=2, separators=(', ', ' = '))",
    "str(doc)",
    "len(json.dumps(doc, indent=2))",
]

GETS = [
    'doc.get("host.name")',
    'doc.get("host", {}).get("name")',
    'doc.get("kibana.alert.rule.threat", [])',
    'doc.get("missing", "fallback")',
    'json.dumps({"rule_name": doc.get("kibana.alert.rule.name"), "severity": doc.get("kibana.alert.severity"), "risk_score": doc.get("kibana.alert.risk_score"), "mitre_tactics": doc.get("kibana.alert.rule.threat", []), "host": doc.get("host.name"), "user": doc.get("user.name"), "process": doc.get("process.name"), "command_line": doc.get("process.command_line"), "source_ip": doc.get("source.ip"), "timestamp": doc.get("@timestamp")}, indent=2, default=str)',
    'json.dumps(doc.get("host"), indent=2)',
    'json.dumps([doc.get("user"), doc.get("user.name"), doc.get("score")])',
    'str(doc.get("kibana.alert.risk_score"))',
    'str(doc.get("score"))',
    'doc.get("a")',
]

SLICES = [
    "json.dumps(doc)[:0]",
    "json.dumps(doc)[:1]",
    "json.dumps(doc)[:-1]",
    "json.dumps(doc)[5:]",
    "json.dumps(doc)[-10:]",
    "json.dumps(doc, indent=2)[3:20]",
    "json.dumps(doc, indent=2, default=str)[:100000]",
    "json.dumps(doc, ensure_ascii=False)[::]" if False else "json.dumps(doc, ensure_ascii=False)[:]",
]


def evaluate(document, expression):
    doc = json.loads(document)
    return str(eval(expression, {"__builtins__": {"len": len, "str": str}, "json": json}, {"doc": doc}))


def render_vectors():
    vectors = []
    seen = set()

    def add(name, document, expression):
        key = (document, expression)
        if key in seen:
            return
        seen.add(key)
        try:
            expected = evaluate(document, expression)
        except Exception:  # an expression that does not apply to this document (e.g. .get on a list)
            return
        vectors.append({"name": name, "document": document, "expression": expression, "expected": expected})

    rng = random.Random(20250304)
    for name, document in DOCUMENTS:
        for expression in DUMPS + SLICES:
            add(name, document, expression)
        for expression in GETS:
            add(name, document, expression)
        # Cuts at chosen and random code-point positions of the indented dump (inside \\uXXXX escapes,
        # between the two halves of a surrogate pair, inside keys, after newlines and indents).
        text = json.dumps(json.loads(document), indent=2, default=str)
        positions = {len(text) // 2, len(text) - 1}
        for marker in ["\\u", "\\ud83d", "\\n", "\n  ", '": ', "é", "😀"]:
            index = text.find(marker)
            if index >= 0:
                positions.update({index, index + 1, index + 2, index + 4, index + 6, index + 7})
        positions.update(rng.randrange(0, len(text) + 2) for _ in range(4))
        for position in sorted(p for p in positions if p >= 0):
            add(name, document, f"json.dumps(doc, indent=2, default=str)[:{position}]")
        unicode_text = json.dumps(json.loads(document), ensure_ascii=False)
        for position in sorted({rng.randrange(0, len(unicode_text) + 1) for _ in range(3)}):
            add(name, document, f"json.dumps(doc, ensure_ascii=False)[:{position}]")
    return vectors


LOADS_ACCEPT = [
    '{}', '[]', ' {"a": 1} ', '\n\t{"a": 1}\r\n', '{"a": 1, "a": 2}', '{"b": 1, "a": 2, "b": 3}',
    '1', '-0', '-0.0', '0', '1.0', '1e5', '1E5', '1e+5', '1e-5', '-1.5e-7', '123456789012345678901234567890',
    '1e400', '-1e400', '1e-400', '0.1', '9007199254740993', '9007199254740993.0', '2.5e+300',
    'NaN', 'Infinity', '-Infinity', '[NaN, Infinity, -Infinity]', '{"c": NaN}',
    'true', 'false', 'null', '"x"', '""', '"\\u00e9"', '"\\ud83d\\ude00"', '"é😀"', '"\\/"', '"\\b\\f\\n\\r\\t"',
    '"\\u0000"', '"\\u007f"', '"\x7f"', '"\u2028"', '{"a": {"b": {"c": [1, [2, [3]]]}}}',
    '[1, 2, 3]', '[ 1 , 2 ]', '{"a" : 1}', '{"verdict": "TP", "confidence": 0.9, "summary": "x"}',
    '{"threat_level": "High", "confidence": "high", "true_positive_likelihood": "medium", "immediate_actions": ["isolate"]}',
    '{"classification": "TP"}', '{"correlated": true, "campaign_likelihood": "low"}', '{"x": -0}', '{"x": 1.0, "y": 1}',
    '{"a": []}', '{"a": {}}', '[[[[[]]]]]', '"a\\"b"', '"\\\\"', '{"\\u00e9": 1}', '{"": ""}', '[1e1, 1E-1, 0e0, -0e-0]',
    '10000000000000000.0', '1e16', '1e15', '0.00001', '0.0001', '1.7976931348623157e308', '5e-324', '4.9e-324',
    '{"k": "\\u202e"}', '"\\uD83D\\uDE00"', '"\\u00E9"',
]
LOADS_REJECT = [
    '', ' ', '{', '}', '[', '{"a": 1,}', '[1, 2,]', '[,]', '{,}', "{'a': 1}", "'x'", '{"a" 1}', '{"a": 1 "b": 2}',
    '{a: 1}', '// c\n{}', '{} // c', '/* c */ {}', '{"a": 1} extra', 'Here is the JSON: {"a": 1}', '```json\n{"a": 1}\n```',
    '{"a": 1}\n{"b": 2}', '01', '00', '-', '+1', '1.', '.5', '1e', '1e+', '0x10', '1_000', '- 1', 'nan', 'inf', '-inf',
    'infinity', 'NAN', '-NaN', '+Infinity', 'True', 'False', 'None', 'nul', 'truee', '"unterminated', '"a\nb"', '"\t"',
    '"\\x41"', '"\\u12"', '"\\u12G4"', '"\\a"', '"\\\'"', '[1 2]', '{"a": }', '{"a"}', '{1: 2}', '{"a": 1}}', '[1]]',
    '\ufeff{}', '\u00a0{}', '{}\u00a0', '{"a": 1}\x00', '"\x00"', '"\x1f"', '[1, 2', '{"a": [1, 2}', 'tru', 'fals',
    '"' + "\\u0041" + '', '[-]', '[--1]', '[1e1.5]', '[1.2.3]', '{"a":1,,"b":2}', '\u3000{}', '{}\u2028',
    '1' * 4301, '-' + '1' * 4301,
]


def loads_vectors():
    vectors = []
    rng = random.Random(7)
    accept = list(LOADS_ACCEPT)
    # Generated documents: random nesting of every JSON type, written with random whitespace.
    def random_value(depth):
        kind = rng.randrange(8 if depth < 4 else 6)
        if kind == 0: return None
        if kind == 1: return rng.choice([True, False])
        if kind == 2: return rng.randrange(-10**20, 10**20)
        if kind == 3: return rng.choice([0.5, -2.25, 1e-7, 3e21, 1.0, 0.1 + 0.2, 1e16, 123.456])
        if kind == 4: return "".join(rng.choice(["a", "é", "😀", "\n", "\"", "\\", "\x01", " ", "日"]) for _ in range(rng.randrange(6)))
        if kind == 5: return rng.choice(["TP", "FP", "high", "low"])
        if kind == 6: return [random_value(depth + 1) for _ in range(rng.randrange(4))]
        return {rng.choice(["a", "b", "verdict", "é", "k.l"]): random_value(depth + 1) for _ in range(rng.randrange(4))}
    for _ in range(40):
        text = json.dumps(random_value(0), ensure_ascii=rng.choice([True, False]), indent=rng.choice([None, 1, 2]))
        accept.append(rng.choice(["", " ", "\n", "\t\r\n"]) + text + rng.choice(["", " ", "\n"]))
    for text in accept + LOADS_REJECT:
        try:
            value = json.loads(text)
            vectors.append({"text": text, "accepted": True, "dumped": json.dumps(value)})
        except (json.JSONDecodeError, ValueError):
            vectors.append({"text": text, "accepted": False})
    return vectors


def write(name, vectors):
    header = {"generator": "scripts/generate-python-vectors.py", "python": sys.version.split()[0], "count": len(vectors), "vectors": vectors}
    with open(os.path.join(OUT, name), "w", encoding="ascii") as handle:
        json.dump(header, handle, indent=1, ensure_ascii=True)
        handle.write("\n")
    print(f"{name}: {len(vectors)} vectors")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write("render_vectors.json", render_vectors())
    write("loads_vectors.json", loads_vectors())
