#!/usr/bin/env python3
"""Pins what main's code decided before DISSECT prompts moved onto the declared-fields layer.

Usage: generate.py MAIN_BINARY   (a `triage-eval` built from main before that change; these files were made
with main at 68204a3). Runs Tests/Fixtures/workspace plus the detection rules in RULES imported as prompts and
the curl dataset's document cases: the heuristic on everything, then two replay models, simulated-answers.jsonl
(a copy of answers/simulated-answers.jsonl) as `simulated` and slip-answers.jsonl (hand-written format slips,
on their own cases) as `slips`, on the prompts that judge those cases. Writes each result's strict and lenient
parse and decisions (read from the store with sqlite3, not through triage-eval), each run's JSON report
(`results`, `rule_economics`, `documents`), and each case's content hash.
DecisionBaselineTests compares the current code's runs of the same workspace with these files.
"""
import json, os, shutil, sqlite3, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
# Detection rules imported as prompts (first release and current host rule: v1, v2), and the curl rule over documents.
RULES = ['first-release/multiple_alerts_llm_attack_chain_triage_by_host.toml', 'current/multiple_alerts_llm_attack_chain_triage_by_host.toml',
         'current/multiple_alerts_llm_compromised_user_triage.toml', 'current/command_and_control_curl_activity_llm_triage.toml']
SIMULATED_PROMPTS = ['host-triage', 'user-triage', 'multiple_alerts_llm_attack_chain_triage_by_host', 'multiple_alerts_llm_compromised_user_triage']
binary = os.path.abspath(sys.argv[1])
ws = tempfile.mkdtemp()
shutil.copytree(os.path.join(here, '..', 'workspace'), ws, dirs_exist_ok=True)
for name in ('simulated-answers.jsonl', 'slip-answers.jsonl'):
    shutil.copy(os.path.join(here, name), ws)
with open(os.path.join(ws, 'triage-eval.yaml'), 'a') as f:
    f.write('  - id: simulated\n    provider: replay\n    path: simulated-answers.jsonl\n'
            '  - id: slips\n    provider: replay\n    path: slip-answers.jsonl\n')
def tool(*arguments):
    subprocess.run([binary] + list(arguments), cwd=ws, check=True, stdout=subprocess.DEVNULL)

rules = os.path.join(here, '..', 'rules')
for rule in RULES:
    tool('prompts', 'import-rule', os.path.join(rules, rule))
datasets = os.path.join(here, '..', 'datasets')
tool('cases', 'import', os.path.join(datasets, 'curl-events.jsonl'), '--mapping', os.path.join(datasets, 'curl-events.mapping.yaml'))
# Run 1: the heuristic on every prompt and case (the curl rule over the dataset's documents included).
tool('run', '--model', 'heuristic', '--quiet')
# Run 2: the simulated answers on every prompt that judges the hand-written cases they answer.
tool('run', '--model', 'simulated', '--quiet', *[a for p in SIMULATED_PROMPTS for a in ('--prompt', p)])
# Run 3: the format slips, on their own cases.
cases = [a for line in open(os.path.join(here, 'slip-answers.jsonl')) for a in ('--case', json.loads(line)['case_id'])]
tool('run', '--model', 'slips', '--quiet', *[a for p in SIMULATED_PROMPTS for a in ('--prompt', p)], *cases)

def parsed(text):
    if text is None:
        return None
    d = json.loads(text)
    return {k: d.get(k) for k in ['status', 'rawVerdict', 'verdict', 'rawConfidence', 'confidence', 'summary', 'flags']}

db = sqlite3.connect(os.path.join(ws, '.triage-eval', 'store.sqlite'))
with open(os.path.join(here, 'expected-results.jsonl'), 'w') as out:
    for run in (1, 2, 3):
        rows = db.execute("""
            SELECT p.prompt_id || '@' || p.version, m.model_id, c.case_id, r.row_key, r.sample, r.strict, r.lenient,
                   r.alert, r.lenient_alert, r.error
            FROM result r JOIN prompt_version p ON p.id = r.prompt_version_id JOIN model m ON m.id = r.model_id
            JOIN case_revision c ON c.id = r.case_revision_id WHERE r.run_id = ? ORDER BY 1, 2, 3, 4, 5""", (run,))
        for r in rows:
            out.write(json.dumps({'run': run, 'prompt': r[0], 'model': r[1], 'case_id': r[2], 'row': r[3], 'sample': r[4],
                                  'strict': parsed(r[5]), 'lenient': parsed(r[6]), 'alert': bool(r[7]),
                                  'lenient_alert': bool(r[8]), 'error': r[9]}, sort_keys=True, ensure_ascii=False) + '\n')
        report = json.load(open(os.path.join(ws, 'reports', f'run-{run}.json')))
        with open(os.path.join(here, f'expected-report-run{run}.json'), 'w') as f:
            json.dump({k: report[k] for k in ('results', 'rule_economics', 'documents')}, f, sort_keys=True, indent=1, ensure_ascii=False)
hashes = dict(db.execute("SELECT case_id, content_hash FROM case_revision ORDER BY case_id"))
with open(os.path.join(here, 'case-hashes.json'), 'w') as f:
    json.dump(hashes, f, sort_keys=True, indent=1)
shutil.rmtree(ws)
