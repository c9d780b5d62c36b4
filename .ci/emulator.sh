# shellcheck shell=bash disable=SC2034,SC2154  # its variables are the callers'; run_id is theirs
# Sourced by the emulator checks (.ci/aws-rehearsal.sh, .ci/unattended-check.sh): starts moto
# (MOTO_IMAGE, built by docker/moto-image.sh) on a free loopback port for one run, removes it on
# exit, and sets `container` and `endpoint`. Needs `say` and `run_id` from the caller; gives them
# await_full_apply.
image="${MOTO_IMAGE:-guestbook-local/moto:sid}"
registry="${BDI_AWS_REGISTRY:-127.0.0.1:5000}"
plugin_dir="${BDI_TERRAFORM_PLUGIN_DIR:-/opt/tf-plugins}"
container=$(docker run -d --rm --name "bdi-moto-$run_id" -p 127.0.0.1::5000 "$image") || { say "cannot start $image"; exit 1; }
# shellcheck disable=SC2317  # called by the EXIT trap
emulator_cleanup() { docker rm -f "$container" >/dev/null 2>&1 || true; }
trap emulator_cleanup EXIT
port=$(docker port "$container" 5000/tcp | head -1 | sed 's/.*://')
endpoint="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fsS -o /dev/null "$endpoint/moto-api/" 2>/dev/null && break; sleep 0.2; done
curl -fsS -o /dev/null "$endpoint/moto-api/" || { say "moto did not answer at $endpoint"; exit 1; }

# Waits (bounded: 180 s) until the run's full apply has created its VPC, while process $1 lives;
# fails the check when it never does. $2 is the run's log directory, $3 the step's own log.
await_full_apply() {
  for _ in $(seq 1 1800); do
    grep -q "aws_vpc.main: Creation complete" "$2/run.log" 2>/dev/null && break
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  grep -q "aws_vpc.main: Creation complete" "$2/run.log" 2>/dev/null || { say "the full apply never started; see $3"; exit 1; }
}
