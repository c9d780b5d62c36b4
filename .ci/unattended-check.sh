#!/usr/bin/env bash
# An unattended run that nobody tears down, then the reaper, against the AWS API emulator (moto)
# and a local registry: the runner is lost outright mid-apply (SIGKILL to every process of the
# step's tree, while the full `terraform apply` runs), so neither the test JVM's teardown nor the
# workflow's always() steps run. (A cancel or timeout that leaves the runner alive is
# .ci/ci-cancel-check.sh's: the JVM gets GitHub's SIGINT and tears down itself.)
#   kill-s3  the run's state and lock in an S3 backend (moto's S3, as the nightly keeps them in AWS's)
#   kill     the run's state and lock in the run's directory (target/deploy/<run-id>/terraform)
# The reaper first runs with bounds that must leave the run alone (younger than
# 600 min; a lock younger than the 120 min job limit), then with every run older than 0 min, job
# limit 0 min (the reaper's command, ReaperCommand); it must leave no resource
# of that run (the emulator's known limits aside, reported as such), no state lock and an empty
# state; the sweep checks it again. usage: unattended-check.sh kill-s3|kill
# IAM is enforced (.ci/emulator.sh, emulator_enforce) once the state bucket exists (made with admin
# rights on purpose, as an account's owner makes it): the run, Terraform, its S3 backend, the reaper
# and the sweep call the emulator as user ci-principal under terraform/ci-role-policy.json as moto
# can enforce it, and anything refused fails the check in one line (`[enforced] denied: ACTION for
# user ci-principal in PHASE`); the check's own look at the lock is the auditor's.
#   BDI_ENFORCE=0                   every call allowed (as before #28)
#   BDI_POLICY_WITHOUT=ACTION[,...] those actions taken out of the policy (a red proof)
set -uo pipefail
mode=${1:?usage: unattended-check.sh kill-s3|kill}
case "$mode" in kill|kill-s3) ;; *) echo "usage: unattended-check.sh kill-s3|kill" >&2; exit 2 ;; esac
cd "$(dirname "$0")/.." || exit 1
started=$(date +%s)
short=kil; [ "$mode" = kill-s3 ] && short=ks3
run_id="gb-una-$short-$(date +%H%M%S)"
log=target/unattended-$mode.log
mkdir -p target
say() { printf '[unattended %s] %s\n' "$mode" "$*"; }

# shellcheck source=.ci/emulator.sh
. .ci/emulator.sh
aws=("-Dbdi.aws.endpoint=$endpoint" "-Dbdi.aws.registry=$registry" -Dbdi.aws.region=us-east-1
  "-Dbdi.terraform.plugin-dir=$plugin_dir")
rundir="target/deploy/$run_id"

# Where the run's state and lock live: kill-s3 keeps them in an S3 backend (moto's S3, as the
# nightly keeps them in AWS's: key guestbook/<run id>/terraform.tfstate, lock .tflock beside it),
# kill in the run's directory (terraform.tfstate, .terraform.tfstate.lock.info).
if [ "$mode" = kill-s3 ]; then
  bucket="gb-una-state"
  curl -fsS -X PUT -o /dev/null "$endpoint/$bucket" || { say "cannot create the state bucket in moto's S3"; exit 1; }
fi
emulator_enforce .
if [ "$mode" = kill-s3 ]; then
  backend_file="$PWD/target/unattended-$mode-backend.hcl"
  cat >"$backend_file" <<EOF
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
  aws+=("-Dbdi.terraform.backend-config=$backend_file")
  state_at="s3://$bucket/guestbook/$run_id/terraform.tfstate (moto)"
  # the check's own look (the auditor's when IAM is enforced): the bucket's listing says whether
  # the lock object is there
  locked() {
    local listing
    listing=$(emulator_s3_keys "$bucket" "guestbook/$run_id/") || { say "cannot list s3://$bucket at $endpoint"; exit 1; }
    grep -qx "guestbook/$run_id/terraform.tfstate.tflock" <<<"$listing"
  }
else
  state_at="$rundir/terraform/terraform.tfstate"
  locked() { [ -e "$rundir/terraform/.terraform.tfstate.lock.info" ]; }
fi
say "the run's state: $state_at"

rm -rf target/cucumber-reports
# The step: a shell running Maven, as GitHub's `run:` does, in a session of its own.
setsid bash -c 'mvn "$@"; echo "step shell: maven ended with $?"' step -B -ntp -o -Pdeploy \
  failsafe:integration-test@specs failsafe:verify@specs -Dit.test=GuestbookSpecsIT \
  "-Dbdi.run-id=$run_id" "${aws[@]}" >"$log" 2>&1 &
step=$!
# every process of the step's tree, as the runner sees it (terraform runs in its own session)
tree() { local p; for p in $(pgrep -P "$1"); do echo "$p"; tree "$p"; done; }
# shellcheck disable=SC2317  # called by the EXIT trap
stop_step() { local p; for p in $(tree "$step") "$step"; do kill -KILL "$p" 2>/dev/null; done; }
trap 'stop_step; emulator_cleanup' EXIT
await_full_apply "$step" "$rundir" "$log"

seen=$(tree "$step"; echo "$step")
say "SIGKILL to the step's process tree: $(echo "$seen" | grep -c .) process(es)"
for p in $seen; do kill -KILL "$p" 2>/dev/null; done
wait "$step" 2>/dev/null
for _ in $(seq 1 50); do alive=0; for p in $seen; do kill -0 "$p" 2>/dev/null && alive=1; done; [ "$alive" = 0 ] && break; sleep 0.2; done
emulator_denials "the run (mvn -Pdeploy, killed mid-apply)" "$log" "$rundir/run.log" \
  || { say "the CI role's policy refused a call the run makes; see $log and $rundir/run.log"; exit 1; }
locked || { say "the killed apply left no state lock: the reaper's lock rules would go unchecked"; exit 1; }
# Nothing could write a last page: the report is what the harness wrote while the run went on.
# Which scenario provisions the stack is whichever takes it first (scenarios run two at a time): the
# page must show one RUNNING, not a particular one.
bash .ci/report-check.sh target/cucumber-reports/cucumber.html "RUNNING" \
  "has not recorded an end" "deploy phase 'apply' was running" \
  || { say "the killed run's report does not say what it was doing"; exit 1; }
say "the killed apply left its state lock behind"
say "resources the apply had created: $(grep -cE ': Creation complete after' "$rundir/run.log")"

# The reaper's and the sweep's commands, as the workflows call them (not offline: the exec plugin
# is fetched on first use).
reaper() { mvn -B -ntp test-compile exec:java@reaper "$@" "${aws[@]}"; }
sweep() { mvn -B -ntp test-compile exec:java@sweep "$@" "${aws[@]}"; }
# First what the reaper must leave alone: a run younger than its bound, and a run whose state lock
# is younger than the job limit (its job may still be going). Both leave every resource.
for rule in "600 120 LEAVE_YOUNG" "0 120 LEAVE_LOCKED"; do
  read -r older limit expect <<<"$rule"
  leave_log=target/unattended-$mode-reaper-$expect.log
  what="the reaper (older than $older min, job limit $limit min)"
  reaper "-Dbdi.reap.older-than-minutes=$older" "-Dbdi.reap.job-limit-minutes=$limit" >"$leave_log" 2>&1
  leave_rc=$?
  emulator_denials "$what" "$leave_log" || { say "the CI role's policy refused a call the reaper makes; see $leave_log"; exit 1; }
  [ "$leave_rc" -eq 0 ] || { say "$what failed; see $leave_log"; exit 1; }
  grep -q "\[reaper\] run $run_id: $expect" "$leave_log" || { say "$what did not answer $expect for run $run_id; see $leave_log"; exit 1; }
  if grep -qE "\[(sweep|reaper)\] (run $run_id: (pass|broke|removed)|terraform destroy of run $run_id)" "$leave_log"; then
    say "$what acted on run $run_id though it answered $expect; see $leave_log"; exit 1
  fi
  locked || { say "$what answered $expect but the run's lock is gone"; exit 1; }
  count=$(grep -oE "\[reaper\] run $run_id: $expect .*; [0-9]+ resource\(s\) found" "$leave_log" | grep -oE "[0-9]+ resource" | grep -oE "[0-9]+")
  [ -n "$count" ] || { say "$what did not say how many resources of run $run_id it found; see $leave_log"; exit 1; }
  [ -z "${found_first:-}" ] || [ "$count" = "$found_first" ] || { say "$what found $count resources of run $run_id, the pass before it $found_first"; exit 1; }
  found_first=$count
  say "$what: $expect, $count resource(s) of the run found and left, lock kept"
done

reaper_log=target/unattended-$mode-reaper.log
reaper -Dbdi.reap.older-than-minutes=0 -Dbdi.reap.job-limit-minutes=0 >"$reaper_log" 2>&1
reaper_rc=$?
grep -E "\[reaper\]" "$reaper_log" | sed 's/.*\[reaper\]/  [reaper]/'
emulator_denials "the reaper (older than 0 min, job limit 0 min)" "$reaper_log" "$rundir/run.log" \
  || { say "the CI role's policy refused a call the reaper makes; see $reaper_log"; exit 1; }
sweep_log=target/unattended-$mode-sweep.log
sweep "-Dbdi.sweep=$run_id" >"$sweep_log" 2>&1
sweep_rc=$?
emulator_denials "the sweep (exec:java@sweep)" "$sweep_log" || { say "the CI role's policy refused a call the sweep makes; see $sweep_log"; exit 1; }
left=$(grep -oE "\[sweep\] run $run_id: [0-9]+ resources left" "$sweep_log" | grep -oE "[0-9]+ resources" | grep -oE "[0-9]+")
in_state=$(cd "$rundir/terraform" && terraform state list 2>/dev/null | wc -l) || { say "cannot read the run's state ($state_at)"; exit 1; }
say "after the reaper: ${left:-?} resource(s) of the run left, $in_state in its state; wall time $(( $(date +%s) - started )) s"
[ "$reaper_rc" -eq 0 ] || { say "the reaper failed (exit $reaper_rc); see $reaper_log"; grep -E "ERROR\]|\[reaper\] exit" "$reaper_log" | tail -8; exit 1; }
grep -q "\[reaper\] run $run_id: UNLOCK_AND_DESTROY .*; $found_first resource(s) found" "$reaper_log" || { say "the reaper did not break the lock and destroy run $run_id with the $found_first resources the passes before it left; see $reaper_log"; exit 1; }
! locked || { say "the state is still locked"; exit 1; }
if [ "$sweep_rc" -ne 0 ] || [ "${left:-x}" != 0 ]; then say "the sweep found what the run left; see $sweep_log"; exit 1; fi
[ "$in_state" -eq 0 ] || { say "the state still holds $in_state resources"; exit 1; }

# The region now holds what the emulator can never finish deleting of this run (its cache cluster
# stays 'deleting', its subnet group answers 500): half-deleted resources of another run, for the
# sweep of a different run id, whose listing must not stop on them nor count them. (Removal among
# another run's half-deleted resources is SweepAmongOtherRunsMotoIT's, in the test command.)
other_log=target/unattended-$mode-other-sweep.log
sweep "-Dbdi.sweep=gb-una-other-$mode" >"$other_log" 2>&1
other_rc=$?
emulator_denials "the sweep of another run" "$other_log" || { say "the CI role's policy refused a call the sweep makes; see $other_log"; exit 1; }
[ "$other_rc" -eq 0 ] || { say "the sweep of another run stopped over this run's half-deleted resources; see $other_log"; exit 1; }
grep -q "\[sweep\] run gb-una-other-$mode: 0 resources left" "$other_log" || { say "the sweep of another run found something; see $other_log"; exit 1; }
say "the sweep of another run, listing over this run's half-deleted resources: no stop, 0 found"
emulator_refusals || { say "the emulator refused requests no log above named; see docker logs of $container"; exit 1; }
say "ok"
