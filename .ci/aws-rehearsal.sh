#!/usr/bin/env bash
# Rehearses the AWS run offline against an AWS API emulator (moto, docker/moto-image.sh) and a
# local registry standing in for ECR (docker/local-registry.sh), through the same code as a real
# `mvn verify -Pdeploy`: two-phase apply, build and push, forced deployment, rollout polling,
# teardown, sweep.
#   full       the whole run; then the sweep must find nothing of the run
#   interrupt  SIGINT to the run's process group (Ctrl-C) while the full `terraform apply` runs;
#              terraform must stop gracefully, teardown must run, the state must end empty and
#              the sweep must find nothing of the run
# Prints the resources created, the resources left, and the wall time. usage: aws-rehearsal.sh MODE
# IAM is enforced (.ci/emulator.sh, emulator_enforce): the run, Terraform and the sweep call the
# emulator as user ci-principal under terraform/ci-role-policy.json as moto can enforce it; anything
# it refuses fails the check in one line, `[enforced] denied: ACTION for user ci-principal in PHASE`.
#   BDI_ENFORCE=0                   every call allowed (as before #28)
#   BDI_POLICY_WITHOUT=ACTION[,...] those actions taken out of the policy: the check must go red
#                                   naming one (a red proof)
set -uo pipefail
mode=${1:?usage: aws-rehearsal.sh full|interrupt}
cd "$(dirname "$0")/.." || exit 1
started=$(date +%s)
run_id="gb-reh-${mode:0:3}-$(date +%H%M%S)"
log=target/aws-rehearsal-$mode.log
mkdir -p target
say() { printf '[aws-rehearsal %s] %s\n' "$mode" "$*"; }

# shellcheck source=.ci/emulator.sh
. .ci/emulator.sh
say "emulator $image at $endpoint, registry $registry, run $run_id"
# Nothing here needs admin rights before the run (the state is local): enforced from the start.
emulator_enforce .

args=(-B -ntp -o -Pdeploy failsafe:integration-test@specs failsafe:verify@specs -Dit.test=GuestbookSpecsIT
  "-Dbdi.run-id=$run_id" "-Dbdi.aws.endpoint=$endpoint" "-Dbdi.aws.registry=$registry"
  -Dbdi.aws.region=us-east-1 "-Dbdi.terraform.plugin-dir=$plugin_dir")
rundir="target/deploy/$run_id"
touch "target/aws-rehearsal-$mode.started"
# What the policy refused in the run, in one line each, naming the phase it stopped (the phase
# table's first that did not end OK); fails the check. Failsafe's reports of this run only.
run_denials() {
  local stopped reports
  stopped=$(grep -m1 -E " (FAILED|INTERRUPTED)( |$)" "$rundir/phases.txt" 2>/dev/null | awk '{ print $1 }')
  mapfile -t reports < <(find target/failsafe-reports -name '*.txt' -newer "target/aws-rehearsal-$mode.started" 2>/dev/null)
  emulator_denials "the run (mvn -Pdeploy${stopped:+, deploy phase $stopped})" "$log" "$rundir/run.log" "${reports[@]}" \
    || { say "the CI role's policy refused a call the run makes; see $log and $rundir/run.log"; exit 1; }
}

if [ "$mode" = full ]; then
  mvn "${args[@]}" >"$log" 2>&1
  rc=$?
  run_denials
else
  # Own process group, SIGINT at its default (as in a terminal), like .ci/interrupt-check.sh.
  python3 -c "import os,signal,sys; os.setsid(); signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp('mvn', ['mvn']+sys.argv[1:])" "${args[@]}" >"$log" 2>&1 &
  mvn_pid=$!
  await_full_apply "$mvn_pid" "$rundir" "$log"
  sent=$(date +%s)
  say "full terraform apply running: sending SIGINT to the run's process group"
  kill -INT -- "-$mvn_pid"
  wait "$mvn_pid"; rc=$?
  # Maven goes at once; the forked test JVM runs its shutdown hook (teardown) and writes the phase
  # table last. Bounded: a teardown that never ends fails here.
  for _ in $(seq 1 3000); do [ -s "$rundir/phases.txt" ] && break; sleep 0.2; done
  say "maven exited $rc; teardown finished $(( $(date +%s) - sent )) s after the interrupt"
  run_denials
  grep -c "sending SIGINT to \`terraform apply\`" "$rundir/run.log" | sed 's/^/[aws-rehearsal interrupt] SIGINTs the harness sent to terraform apply: /'
  grep -q "Interrupt received" "$rundir/run.log" || { say "terraform never said 'Interrupt received': it was not stopped gracefully"; exit 1; }
  [ -s "$rundir/phases.txt" ] || { say "no phase table after 600 s: teardown did not finish"; tail -30 "$rundir/run.log"; exit 1; }
  grep -q "^destroy .* \(OK\|LIMITED\)" "$rundir/phases.txt" || { say "destroy did not succeed"; cat "$rundir/phases.txt"; exit 1; }
fi

created=$(grep -oE "Apply complete! Resources: [0-9]+ added" "$rundir/run.log" | grep -oE "[0-9]+" | awk '{ n += $1 } END { print n + 0 }')
created=${created:-0}
interrupted_creates=$(grep -cE ": Creation complete after" "$rundir/run.log")
in_state=$(cd "$rundir/terraform" && terraform state list 2>/dev/null | wc -l)
[ -s "$rundir/phases.txt" ] || sleep 2
say "phase table:"; sed 's/^/  /' "$rundir/phases.txt"

sweep_log=target/aws-rehearsal-$mode-sweep.log
mvn -B -ntp test-compile exec:java@sweep \
  "-Dbdi.sweep=$run_id" "-Dbdi.aws.endpoint=$endpoint" "-Dbdi.aws.registry=$registry" -Dbdi.aws.region=us-east-1 \
  >"$sweep_log" 2>&1
sweep_rc=$?
emulator_denials "the sweep (exec:java@sweep)" "$sweep_log" || { say "the CI role's policy refused a call the sweep makes; see $sweep_log"; exit 1; }
left=$(grep -oE "\[sweep\] run $run_id: [0-9]+ resources left" "$sweep_log" | grep -oE "[0-9]+ resources" | grep -oE "[0-9]+")
grep -E "EXPECTED ON THE EMULATOR|LEFT:" "$sweep_log" | sed 's/.*\[sweep\]/  [sweep]/'

if [ "$mode" = full ]; then
  say "resources created: $created (apply-ecr + apply); left after teardown: ${left:-?}; in state: $in_state"
else
  say "resources created before the interrupt: $interrupted_creates; left after teardown: ${left:-?}; in state: $in_state"
fi
say "wall time $(( $(date +%s) - started )) s (goal: <= 240 s)"

if [ "$mode" = full ] && [ "$rc" -ne 0 ]; then say "the rehearsal failed (exit $rc); see $log"; grep -E "ERROR\]|Tests run" "$log" | tail -15; exit 1; fi
if [ "$mode" = full ] && [ "$created" -lt 30 ]; then say "expected the whole stack (>= 30 resources), created $created"; exit 1; fi
if [ "$sweep_rc" -ne 0 ] || [ "${left:-x}" != 0 ]; then say "the sweep found what the run left; see $sweep_log"; exit 1; fi
[ "$in_state" -eq 0 ] || { say "the state still holds $in_state resources"; exit 1; }
emulator_refusals || { say "the emulator refused requests no log above named; see docker logs of $container"; exit 1; }
say "ok"
