#!/usr/bin/env bash
# A real IAM policy engine's decisions on the CI role's policy: installs @cloud-copilot/iam-simulate
# (pinned in .ci/policy-engine/package.json and its lock; AGPL-3.0-or-later, a CI tool only, never
# shipped) under target/policy-engine, then runs PolicyEngineDecisionsTest: every call of a run is
# ALLOWED on the resource and tags it has, every escalation DENIED, for the default prefix and
# another rendered from the template. One line per decision that is not as expected.
# usage: .ci/policy-engine-check.sh [POLICY.json]   (default terraform/ci-role-policy.json)
#        .ci/policy-engine-check.sh --install-only
# Exit 0 every decision as expected, 1 some not (or the run failed), 3 it could not run (no node/npm,
# the install failed).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 3
say() { echo "[policy-engine] $*"; }
command -v node >/dev/null && command -v npm >/dev/null || { say "cannot run: no node or npm on the PATH"; exit 3; }
dir=target/policy-engine
mkdir -p "$dir"
if ! cmp -s .ci/policy-engine/package-lock.json "$dir/package-lock.json" || [ ! -d "$dir/node_modules/@cloud-copilot/iam-simulate" ]; then
  cp .ci/policy-engine/package.json .ci/policy-engine/package-lock.json "$dir/"
  (cd "$dir" && timeout 300 nice -n 19 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) ||
    { say "cannot run: npm ci of the pinned engine failed (no registry?)"; exit 3; }
fi
[ "${1:-}" = "--install-only" ] && { say "installed in $dir"; exit 0; }
policy=${1:-terraform/ci-role-policy.json}
[ -f "$policy" ] || { say "no policy file $policy"; exit 3; }
. .ci/env.sh
timeout 900 nice -n 19 mvn -B -ntp -o -q test -Dtest=PolicyEngineDecisionsTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true -Dbdi.policy-engine.policy="$(realpath "$policy")" >"$dir/maven.log" 2>&1
rc=$?
grep -h '^\[policy-engine\]' "$dir/maven.log" | sort -u
if [ $rc -ne 0 ]; then
  grep -q 'decisions, ' "$dir/maven.log" || tail -30 "$dir/maven.log"
  say "RED: the engine's decisions on $policy are not as expected (log: $dir/maven.log)"
  exit 1
fi
grep -q 'decisions, 0 not as expected' "$dir/maven.log" || { say "the check was skipped: see $dir/maven.log"; exit 3; }
say "green: $policy"
