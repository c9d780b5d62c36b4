#!/usr/bin/env bash
# Ctrl-C in every phase of the deploy runbook starts teardown within seconds: stand-in `terraform`
# and `docker` executables (.ci/standins, selected by bdi.terraform.binary and bdi.docker.binary)
# hang in one phase and record the signals they get; the AWS APIs are an emulator (moto). For each
# phase: SIGINT to the run's process group (what Ctrl-C does) -> the hanging command gets exactly
# one SIGINT and stops gracefully -> destroy runs and finishes (when anything was applied), within
# seconds of the interrupt.  usage: .ci/deploy-interrupt-check.sh [phase...]
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
phases=("$@"); [ ${#phases[@]} -gt 0 ] || phases=(init apply-ecr build push apply)
image="${MOTO_IMAGE:-guestbook-local/moto:sid}"
standins="$PWD/.ci/standins"
mkdir -p target
say() { printf '[deploy-interrupt-check] %s\n' "$*"; }

container=$(docker run -d --rm -p 127.0.0.1::5000 "$image") || { say "cannot start $image"; exit 1; }
trap 'docker rm -f "$container" >/dev/null 2>&1 || true' EXIT
endpoint="http://127.0.0.1:$(docker port "$container" 5000/tcp | head -1 | sed 's/.*://')"
for _ in $(seq 1 100); do curl -fsS -o /dev/null "$endpoint/moto-api/" 2>/dev/null && break; sleep 0.2; done

failed=0
for phase in "${phases[@]}"; do
  run_id="gb-int-$(date +%H%M%S)"
  calls="$PWD/target/standin-$phase.log"; : >"$calls"
  log="target/deploy-interrupt-$phase.log"
  STANDIN_LOG="$calls" STANDIN_HANG="$phase" python3 -c "import os,signal,sys; os.setsid(); signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp('mvn', ['mvn']+sys.argv[1:])" \
    -B -ntp -o -Pdeploy failsafe:integration-test@specs -Dit.test=GuestbookSpecsIT \
    "-Dbdi.run-id=$run_id" "-Dbdi.aws.endpoint=$endpoint" -Dbdi.aws.registry=127.0.0.1:5000 -Dbdi.aws.region=us-east-1 \
    "-Dbdi.terraform.binary=$standins/terraform" "-Dbdi.docker.binary=$standins/docker" -Dbdi.aws.stop-grace-seconds=20 \
    >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 900); do grep -q "^hang $phase" "$calls" && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if ! grep -q "^hang $phase" "$calls"; then say "$phase: the run never reached the phase; see $log"; failed=1; continue; fi
  sent=$(date +%s%N)
  kill -INT -- "-$pid"
  wait "$pid"
  for _ in $(seq 1 600); do [ -s "target/deploy/$run_id/phases.txt" ] && break; sleep 0.1; done
  ints=$(grep -c "^SIGINT $phase" "$calls")
  terms=$(grep -c "^SIGTERM $phase" "$calls")
  destroy_at=$(grep -n "^destroy start" "$calls" | head -1)
  to_teardown=$(( ($(date +%s%N) - sent) / 1000000 ))
  verdict="ok"
  [ "$ints" -eq 1 ] || verdict="expected exactly 1 SIGINT, got $ints"
  [ "$terms" -eq 0 ] || verdict="stopped with SIGTERM after SIGINT: it was not given time to stop gracefully"
  grep -q "^stopped $phase" "$calls" || verdict="$phase did not stop gracefully"
  if [ "$phase" = init ]; then
    [ -z "$destroy_at" ] || verdict="destroy ran though nothing was applied"
  else
    grep -q "^destroy done" "$calls" || verdict="destroy did not run to its end"
  fi
  [ -s "target/deploy/$run_id/phases.txt" ] || verdict="no phase table: teardown did not finish"
  say "$phase: SIGINTs $ints, SIGTERMs $terms, destroy $(grep -q '^destroy done' "$calls" && echo ran || echo 'not run'), teardown done ${to_teardown} ms after Ctrl-C: $verdict"
  [ "$verdict" = ok ] || { failed=1; sed 's/^/    /' "$calls"; }
done
exit $failed
