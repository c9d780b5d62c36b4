#!/usr/bin/env bash
# A repeat check for flakes: runs a chosen set of scenarios N times on one target, each run a fresh
# test JVM (and a fresh stack), and prints "N runs, K red" with each red run's first error line.
# usage: .ci/repeat-check.sh TARGET SUITE RUNS [TAG EXPRESSION]
#   TARGET  embedded | compose
#   SUITE   specs (GuestbookSpecsIT: the quick spec suite) | slow (SlowFaultsIT: the slow faults)
#   RUNS    how many runs
#   TAGS    a Cucumber tag expression narrowing the suite, e.g. @browser
# The tree is compiled and packaged once first. Each run's reports go to target/repeat/<i>/.
# Exit 0 when every run was green, 1 when any was red. With REPEAT_UNTIL_RED=1 it stops at the first
# red run (how many runs a known defect takes to show).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
target=${1:?usage: .ci/repeat-check.sh embedded|compose specs|slow RUNS [TAGS]}
suite=${2:?usage: .ci/repeat-check.sh embedded|compose specs|slow RUNS [TAGS]}
runs=${3:?usage: .ci/repeat-check.sh embedded|compose specs|slow RUNS [TAGS]}
tags=${4:-}
case "$target" in embedded | compose) ;; *) echo "[repeat-check] target must be embedded or compose, not '$target'"; exit 2 ;; esac
case "$suite" in
  specs) goal=failsafe:integration-test@specs; test=GuestbookSpecsIT; reports=target/failsafe-reports ;;
  slow) goal=failsafe:integration-test@proofs; test=SlowFaultsIT; reports=target/failsafe-reports/proofs ;;
  *) echo "[repeat-check] suite must be specs or slow, not '$suite'"; exit 2 ;;
esac
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "[repeat-check] RUNS must be a whole number above 0, not '$runs'"; exit 2; }
. .ci/env.sh

mkdir -p target
mvn -B -ntp -q -o -DskipTests package >target/repeat-build.log 2>&1 ||
  { echo "[repeat-check] the build failed; see target/repeat-build.log"; exit 1; }
args=(-B -ntp -o "$goal" -Dit.test="$test" -Dbdi.target="$target" -Dbdi.proofs.skip=false)
[ -z "$tags" ] || args+=("-Dcucumber.filter.tags=$tags")
red=0
started=$(date +%s)
for i in $(seq 1 "$runs"); do
  rm -rf "$reports" target/cucumber-reports
  t0=$(date +%s)
  mvn "${args[@]}" >target/repeat-run.log 2>&1
  rc=$?
  took=$(( $(date +%s) - t0 ))
  mkdir -p "target/repeat/$i"
  cp target/repeat-run.log "target/repeat/$i/maven.log"
  cp -r target/cucumber-reports/. "target/repeat/$i/" 2>/dev/null || true
  first=$(python3 - "$reports" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
runs = failed = 0
first = ""
for path in sorted(glob.glob(sys.argv[1] + "/TEST-*.xml")):
    for case in ET.parse(path).getroot().iter("testcase"):
        if case.find("skipped") is not None:
            continue
        runs += 1
        for kind in ("failure", "error"):
            bad = case.find(kind)
            if bad is not None:
                failed += 1
                if not first:
                    text = (bad.get("message") or bad.text or "").strip().splitlines() or [""]
                    first = f"{case.get('name')}: {text[0][:300]}"
print(f"{runs} {failed} {first}")
PY
)
  read -r scenarios failed line <<<"$first"
  if [ "$rc" -ne 0 ] || [ "${failed:-0}" -ne 0 ] || [ "${scenarios:-0}" -eq 0 ]; then
    red=$((red + 1))
    echo "[repeat-check] run $i/$runs RED after $took s (exit $rc, ${failed:-?} of ${scenarios:-0} failed): ${line:-$(grep -m1 -E 'ERROR|FAIL' target/repeat-run.log)}"
    if [ "${REPEAT_UNTIL_RED:-0}" = 1 ]; then runs=$i; break; fi
  else
    echo "[repeat-check] run $i/$runs green in $took s ($scenarios scenarios)"
  fi
done
echo "[repeat-check] $target $suite${tags:+ $tags}: $runs runs, $red red ($(( $(date +%s) - started )) s)"
[ "$red" -eq 0 ]
