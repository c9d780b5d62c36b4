#!/usr/bin/env bash
# A GitHub Actions cancel (or step timeout) of the nightly, replayed as the runner does it, on the
# workflow's own deploy step: its `run:` text is read from .github/workflows/nightly-acceptance.yml
# and run as GitHub runs it (`bash -e FILE`, the default shell); then SIGINT to that process only,
# SIGTERM 7.5 s later if it still runs, a kill of it alone 2.5 s after that (actions/runner
# ProcessInvoker: kill(pid), Process.Kill(); what it started lives on until the job's end); then the
# workflow's own "Wait for an interrupted run's own teardown" step; then the job's end kills what is
# left (the runner's orphan cleanup).
#   standin   Maven replaced by a stand-in that records the signals it gets (seconds): the step as
#             written must pass the SIGINT to Maven; the same step without `exec` must not (the
#             check can tell the two apart)
#   emulator  the real run against the AWS API emulator (moto, state in moto's S3 as the nightly
#             keeps it in AWS's), cancelled while the full `terraform apply` runs: the test JVM must
#             stop the apply, tear down, and leave a report that a browser renders with the
#             scenario INTERRUPTED in phase 'apply', the teardown ended and the phase table; then
#             nothing of the run is left, no lock, an empty state
# In emulator mode IAM is enforced (.ci/emulator.sh, emulator_enforce) once the state bucket exists
# (made with admin rights on purpose): the step's run, Terraform, its S3 backend and the sweep call
# the emulator as user ci-principal under terraform/ci-role-policy.json as moto can enforce it; a
# refused call fails the check in one line (`[enforced] denied: ACTION for user ci-principal in
# PHASE`); the check's own look at the lock is the auditor's. BDI_ENFORCE=0: every call allowed.
# usage: .ci/ci-cancel-check.sh standin|emulator
set -uo pipefail
mode=${1:?usage: ci-cancel-check.sh standin|emulator}
cd "$(dirname "$0")/.." || exit 1
started=$(date +%s)
run_id="gb-cic-${mode:0:3}-$(date +%H%M%S)"
workflow=.github/workflows/nightly-acceptance.yml
mkdir -p target
say() { printf '[ci-cancel-check %s] %s\n' "$mode" "$*"; }

# The `run:` text of a step of the nightly's job, with the expressions this replay gives values to.
step_text() {
  /usr/bin/python3 - "$workflow" "$1" "$run_id" <<'PY'
import sys, yaml
workflow, name, run_id = sys.argv[1:]
doc = yaml.safe_load(open(workflow, encoding="utf-8"))
if doc.get("defaults", {}).get("run", {}).get("shell"):
    sys.exit("the workflow sets a default shell: this replay runs `bash -e FILE` only")
steps = [s for job in doc["jobs"].values() for s in job["steps"] if s.get("name") == name]
if len(steps) != 1 or "shell" in steps[0]:
    sys.exit(f"expected one step named {name!r} with the default shell in {workflow}")
text = steps[0]["run"]
for expr, value in {"${{ env.TEARDOWN }}": "always", "${{ env.BDI_RUN_ID }}": run_id}.items():
    text = text.replace(expr, value)
if "${{" in text:
    sys.exit(f"step {name!r} has an expression this replay does not know: {text}")
print(text)
PY
}

# GitHub's cancel on the step's process $1: SIGINT; SIGTERM 7.5 s later; kill 2.5 s after that.
cancel_like_github() {
  local pid=$1 waited
  say "SIGINT to the step's process $pid (only)"
  kill -INT "$pid" 2>/dev/null
  for waited in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || { say "the step ended $((waited / 10)).$((waited % 10)) s after SIGINT"; return; }; sleep 0.1; done
  say "+7.5 s: SIGTERM to the step's process"
  kill -TERM "$pid" 2>/dev/null
  for waited in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || { say "the step ended after SIGTERM"; return; }; sleep 0.1; done
  say "+2.5 s: the step's process killed (it alone)"
  kill -KILL "$pid" 2>/dev/null
}

# The job's end: the runner kills every process the job started that still runs.
job_end() { pkill -KILL -s "$1" 2>/dev/null; true; }

deploy_step=$(step_text "Deploy, verify, tear down by policy") || exit 1
wait_step=$(step_text "Wait for an interrupted run's own teardown") || exit 1
say "the workflow's deploy step: $(tr '\n' ' ' <<<"$deploy_step")"

# The step run as GitHub runs it, in a session of its own (so the job's end can find what it left).
run_step() { # text log -> pid of the step's process
  local script
  script=$(mktemp "target/ci-cancel-step.XXXXXX")
  printf '%s\n' "$1" >"$script"
  # a session of its own, SIGINT at its default: a background job of this shell would have it
  # ignored, and a JVM that starts with SIGINT ignored never handles it (the runner starts the
  # step's shell with every signal at its default)
  /usr/bin/python3 -c "import os,signal,sys; os.setsid(); signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp('bash', ['bash', '-e', sys.argv[1]])" \
    "$script" >"$2" 2>&1 &
  echo $!
}

if [ "$mode" = standin ]; then
  standins=$(mktemp -d)
  trap 'rm -rf "$standins"' EXIT
  cat >"$standins/mvn" <<'SH'
#!/usr/bin/env bash
# Stand-in for Maven: records which process it runs as and the signals it gets.
echo "started $$" >>"$STANDIN_LOG"
trap 'echo "SIGINT $$" >>"$STANDIN_LOG"; exit 130' INT
trap 'echo "SIGTERM $$" >>"$STANDIN_LOG"; exit 143' TERM
for _ in $(seq 1 600); do sleep 0.1; done
SH
  chmod +x "$standins/mvn"
  failed=0
  for variant in "as written" "without exec"; do
    text=$deploy_step
    [ "$variant" = "without exec" ] && text=${deploy_step#exec }
    log=target/ci-cancel-standin.log; : >"$log"
    pid=$(PATH="$standins:$PATH" STANDIN_LOG="$PWD/$log" run_step "$text" target/ci-cancel-standin-step.log)
    for _ in $(seq 1 50); do grep -q "^started" "$log" && break; sleep 0.1; done
    grep -q "^started" "$log" || { say "$variant: the stand-in Maven never started"; cat target/ci-cancel-standin-step.log; exit 1; }
    cancel_like_github "$pid"
    sleep 0.5
    job_end "$pid"
    got=$(grep -c "^SIGINT" "$log")
    as_step=$(grep -c "^started $pid\$" "$log")
    say "$variant: Maven ran as the step's process: $([ "$as_step" = 1 ] && echo yes || echo no); SIGINTs it got: $got"
    if [ "$variant" = "as written" ] && { [ "$got" != 1 ] || [ "$as_step" != 1 ]; }; then
      say "the nightly's deploy step does not pass GitHub's SIGINT to Maven: a cancel would leave no teardown and a blank report"; failed=1
    fi
    if [ "$variant" = "without exec" ] && [ "$got" != 0 ]; then
      say "without exec Maven still got the SIGINT: this replay cannot tell a step that passes it on from one that does not"; failed=1
    fi
  done
  [ "$failed" = 0 ] && say "ok ($(( $(date +%s) - started )) s)"
  exit "$failed"
fi

# shellcheck source=.ci/emulator.sh
. .ci/emulator.sh
rundir="target/deploy/$run_id"
bucket="gb-cic-state"
curl -fsS -X PUT -o /dev/null "$endpoint/$bucket" || { say "cannot create the state bucket in moto's S3"; exit 1; }
emulator_enforce .
# The workflow's "Remote state settings" step writes target/backend.hcl for AWS's S3; here moto's.
cat >target/backend.hcl <<EOF
bucket                      = "$bucket"
region                      = "us-east-1"
endpoints                   = { s3 = "$endpoint" }
use_path_style              = true
skip_credentials_validation = true
skip_requesting_account_id  = true
skip_metadata_api_check     = true
skip_region_validation      = true
access_key                  = "$ci_key_id"
secret_key                  = "$ci_secret"
EOF
# the check's own look (the auditor's when IAM is enforced)
locked() {
  local listing
  listing=$(emulator_s3_keys "$bucket" "guestbook/$run_id/") || { say "cannot list s3://$bucket at $endpoint"; exit 1; }
  grep -qx "guestbook/$run_id/terraform.tfstate.tflock" <<<"$listing"
}
log=target/ci-cancel-emulator.log
rm -rf target/cucumber-reports
# The emulator's settings through the environment: the step's command line stays the workflow's.
pid=$(BDI_AWS_ENDPOINT="$endpoint" BDI_AWS_REGISTRY="$registry" BDI_AWS_REGION=us-east-1 \
  BDI_TERRAFORM_PLUGIN_DIR="$plugin_dir" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
  run_step "$deploy_step" "$log")
trap 'job_end "$pid"; emulator_cleanup' EXIT
await_full_apply "$pid" "$rundir" "$log"
sent=$(date +%s)
cancel_like_github "$pid"
# A cancelled job's always() steps get about 5 minutes (the runner's cancel timeout, less 15 s);
# then the job's end kills what is left.
say "the workflow's wait step: waiting for the test JVM's own teardown (the cancel's 285 s at most)"
GITHUB_WORKSPACE=$PWD timeout 285 bash -e <(printf '%s\n' "$wait_step") || { say "the wait step failed, or the teardown outlasted what GitHub gives a cancelled job"; exit 1; }
say "the test JVM ended $(( $(date +%s) - sent )) s after the cancel"
job_end "$pid"
emulator_denials "the nightly's deploy step (cancelled mid-apply)" "$log" "$rundir/run.log" \
  || { say "the CI role's policy refused a call the run makes; see $log and $rundir/run.log"; exit 1; }

failed=0
grep -q "Interrupt received" "$rundir/run.log" || { say "terraform never said 'Interrupt received': the apply was not stopped by the JVM"; failed=1; }
if [ -s "$rundir/phases.txt" ]; then sed 's/^/  /' "$rundir/phases.txt"; else say "no phase table: the teardown did not finish"; failed=1; fi
grep -q "^destroy .* \(OK\|LIMITED\)" "$rundir/phases.txt" 2>/dev/null || { say "destroy did not succeed"; failed=1; }
# (the interrupted scenario is whichever took the stack first: not a particular one)
bash .ci/report-check.sh target/cucumber-reports/cucumber.html \
  "INTERRUPTED" "during deploy phase 'apply'" "Teardown ended" "Deploy phases" || failed=1
sweep_log=target/ci-cancel-sweep.log
mvn -B -ntp test-compile exec:java@sweep \
  "-Dbdi.sweep=$run_id" "-Dbdi.aws.endpoint=$endpoint" "-Dbdi.aws.registry=$registry" -Dbdi.aws.region=us-east-1 \
  >"$sweep_log" 2>&1
emulator_denials "the sweep (exec:java@sweep)" "$sweep_log" || { say "the CI role's policy refused a call the sweep makes; see $sweep_log"; exit 1; }
left=$(grep -oE "\[sweep\] run $run_id: [0-9]+ resources left" "$sweep_log" | grep -oE "[0-9]+ resources" | grep -oE "[0-9]+")
grep -E "EXPECTED ON THE EMULATOR|LEFT:" "$sweep_log" | sed 's/.*\[sweep\]/  [sweep]/'
[ "${left:-x}" = 0 ] || { say "the sweep found what the run left (${left:-?}); see $sweep_log"; failed=1; }
! locked || { say "the state is still locked"; failed=1; }
in_state=$(cd "$rundir/terraform" && terraform state list 2>/dev/null | wc -l)
[ "$in_state" -eq 0 ] || { say "the state still holds $in_state resources"; failed=1; }
emulator_refusals || { say "the emulator refused requests no log above named"; failed=1; }
say "resources left: ${left:-?}; in state: $in_state; wall time $(( $(date +%s) - started )) s"
[ "$failed" = 0 ] && say "ok"
exit "$failed"
