#!/usr/bin/env bash
# After a failed CI step: the tests that failed, one line each with the start of their message, from
# the Surefire/Failsafe reports in target/ (CI's log keeps only its tail, so this goes last). They
# are the last Maven runs' reports: a step that expects a failure (a preflight) leaves its own too.
# Each is labelled by whose failure it is: the test infrastructure's (the browser, Docker or
# Testcontainers: "INFRASTRUCTURE") or the stack's / harness's verdict.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 0
python3 - <<'PY'
import glob, re, xml.etree.ElementTree as ET
INFRA = [
    ("browser", re.compile(r"browser error, not the stack|org\.openqa\.selenium\.\w*(WebDriver|Session)\w*Exception")),
    ("docker", re.compile(r"com\.github\.dockerjava|org\.testcontainers\.\S*Exception|ContainerLaunchException|Cannot connect to the Docker daemon")),
]
def whose(kind, text):
    for name, pattern in INFRA:
        if pattern.search(text):
            return f"INFRASTRUCTURE ({name}) {kind.upper()}"
    return kind.upper()
failed = 0
for path in sorted(glob.glob("target/*-reports/**/TEST-*.xml", recursive=True)):
    try:
        suite = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"[failure-summary] {path}: unreadable ({e})")
        continue
    for case in suite.iter("testcase"):
        for kind in ("failure", "error"):
            bad = case.find(kind)
            if bad is None:
                continue
            failed += 1
            full = (bad.get("message") or "") + "\n" + (bad.text or "")
            message = " ".join((bad.get("message") or bad.text or "").split())[:400]
            print(f"[failure-summary] {whose(kind, full)} {case.get('classname')} / {case.get('name')}: {message}")
print(f"[failure-summary] {failed} failed test(s) in target/*-reports")
PY
