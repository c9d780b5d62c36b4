#!/usr/bin/env bash
# The workflows as written, run here: a fresh clone of HEAD (nothing compiled, no target/), the AWS
# API emulator (moto) standing in for AWS, and each job's steps run in order by
# .ci/workflow_steps.py: `run:` steps as GitHub runs them (`bash -e FILE`), `${{ ... }}` filled
# from .ci/workflow-values.yml, each `uses:` replaced by what it does here (checkout: the fresh
# clone; setup-java and setup-terraform: this machine's, versions checked, Terraform's provider from
# the local mirror; configure-aws-credentials: the emulator's endpoint and fake keys; upload-artifact:
# counts the files it would upload); every step also gets this machine's stand-ins for the public
# images GitHub's runners pull (docker/offline.env). A step that fails, or that exits 0 without
# printing what the table's `expect:` asks of it, makes the check red, naming the step.
# Before the steps: the state bucket (vars.TF_STATE_BUCKET) in the emulator's S3 and, for the
# reaper, an old run nobody tore down (a log group tagged with its run id). After them, for the
# reaper: that run is gone when the event's bound is 0 min (a dispatch), and left when it is 180
# (the schedule).
# Uncommitted changes are not in the clone: the check runs what is committed, as CI would.
# usage: .ci/workflow-steps.sh WORKFLOW EVENT   e.g. reaper.yml schedule
set -uo pipefail
wf=${1:?usage: workflow-steps.sh WORKFLOW EVENT}
event=${2:?usage: workflow-steps.sh WORKFLOW EVENT}
wf=$(basename "$wf")
cd "$(dirname "$0")/.." || exit 1
src=$PWD
started=$(date +%s)
run_id="gb-wfs-$(date +%H%M%S)"
say() { printf '[workflow-steps %s %s] %s\n' "$wf" "$event" "$*"; }
[ -f ".github/workflows/$wf" ] || { say "no .github/workflows/$wf"; exit 2; }
[ -z "$(git status --porcelain)" ] || say "the work tree has uncommitted changes: they are not in the clone"

# shellcheck source=.ci/emulator.sh
. .ci/emulator.sh
work=$(mktemp -d /tmp/workflow-steps.XXXXXX)
# shellcheck disable=SC2317  # called by the traps
cleanup() { emulator_cleanup; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A fresh clone of HEAD, as GitHub's checkout makes one.
clone="$work/repo"
if ! { git clone -q --no-checkout "$src" "$clone" && git -C "$clone" fetch -q "$src" HEAD \
  && git -C "$clone" checkout -q --detach FETCH_HEAD; }; then say "cannot clone $src"; exit 1; fi
say "fresh clone of $(git -C "$clone" rev-parse --short=12 HEAD) in $clone; emulator $endpoint"

value() { /usr/bin/python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))[sys.argv[2]][sys.argv[3]])' \
  "$clone/.ci/workflow-values.yml" "$1" "$2"; }
bucket=$(value vars TF_STATE_BUCKET) || exit 1
region=$(value vars AWS_REGION) || exit 1
curl -fsS -X PUT -o /dev/null "$endpoint/$bucket" || { say "cannot create the state bucket $bucket in moto's S3"; exit 1; }

# The emulator's CloudWatch Logs, through its JSON API (moto reads the service from the signature's
# scope and does not check the signature).
logs_api() {
  curl -fsS -X POST "$endpoint/" -H "X-Amz-Target: Logs_20140328.$1" -H 'Content-Type: application/x-amz-json-1.1' \
    -H "Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/$region/logs/aws4_request, SignedHeaders=host, Signature=0" \
    -d "$2"
}
old_run="gb-wfs-old"
old_group="/ecs/guestbook-$old_run"
# 0 there, 1 gone, 2 the listing itself failed (never read as "gone")
old_group_there() {
  local groups
  groups=$(emulator_log_groups "$old_group") || { say "cannot list the emulator's log groups"; return 2; }
  grep -qxF "$old_group" <<<"$groups"
}
if [ "$wf" = reaper.yml ]; then
  logs_api CreateLogGroup "{\"logGroupName\":\"$old_group\",\"tags\":{\"Project\":\"guestbook\",\"RunId\":\"$old_run\"}}" >/dev/null \
    || { say "cannot make the old run's log group in the emulator"; exit 1; }
  say "an old run nobody tore down: log group $old_group (Project=guestbook, RunId=$old_run)"
fi

# IAM enforced from here (.ci/emulator.sh): the steps' AWS calls (Terraform, the harness, the sweep,
# the reaper) are made as user ci-principal under the shipped policy, as the role would make them;
# configure-aws-credentials hands its keys to the steps; a refusal fails the check naming the action.
# (the clone's policy: what the steps run is HEAD, so is what they are held to)
emulator_enforce "$clone"

logs="$src/target/workflow-steps/${wf%.yml}-$event"
rm -rf "$logs"
mkdir -p "$logs"
/usr/bin/python3 "$clone/.ci/workflow_steps.py" --workflow "$clone/.github/workflows/$wf" --event "$event" \
  --values "$clone/.ci/workflow-values.yml" --workspace "$clone" --logs "$logs" --endpoint "$endpoint" \
  --registry "$registry" --plugin-dir "$( [ -d "$plugin_dir" ] && echo "$plugin_dir")" \
  --machine-env "$clone/docker/offline.env"
rc=$?
emulator_denials "the steps of $wf ($event)" "$logs"/*.log || { say "the CI role's policy refused a call a step makes; see $logs"; rc=1; }
emulator_refusals || { say "the emulator refused requests no log above named; see docker logs of $container"; rc=1; }

if [ "$rc" = 0 ] && [ "$wf" = reaper.yml ]; then
  reap_log=$(grep -l "\[reaper\]" "$logs"/*.log | head -1)
  decision=$(grep -oE "\[reaper\] run $old_run: [A-Z_]+" "$reap_log" | head -1)
  say "the reaper's decision on the old run: ${decision:-<none>}"
  if [ "$event" = workflow_dispatch ]; then
    old_group_there; there=$?
    if ! { [ "${decision##* }" = REMOVE_BY_TAG ] && [ "$there" = 1 ]; }; then say "RED: a dispatch with bound 0 must remove the old run"; rc=1; fi
  else
    old_group_there; there=$?
    if ! { [ "${decision##* }" = LEAVE_YOUNG ] && [ "$there" = 0 ]; }; then say "RED: the schedule's bound of 180 min must leave a run made minutes ago"; rc=1; fi
  fi
fi
say "$([ "$rc" = 0 ] && echo green || echo "RED (exit $rc)") in $(( $(date +%s) - started )) s; step logs in ${logs#"$src"/}"
exit "$rc"
