#!/usr/bin/env bash
# Proves cleanup on interrupt: starts the specs in their own process group (SIGINT at its default,
# as in a terminal), waits until the stack is up, then sends SIGNAL -- INT to the whole group (what
# Ctrl-C does) or TERM-ONLY to Maven alone -- and checks that every process, container, network,
# volume and image of the run is gone. usage: .ci/interrupt-check.sh INT|TERM|TERM-ONLY [maven args...]
set -uo pipefail
sig=$1; shift
cd "$(dirname "$0")/.." || exit 1
log=target/interrupt-check-$sig.log
mkdir -p target
snap() { (docker ps -aq; docker network ls -q; docker volume ls -q; docker images -aq) 2>/dev/null | sort | md5sum | cut -c1-12; }
procs() { pgrep -fc "redis-server|guestbook-app.jar|InMemoryGuestbook" || true; }
before=$(snap); before_procs=$(procs)
echo "[interrupt-check] before: docker state $before, stack processes $before_procs"
python3 -c "import os,signal,sys; os.setsid(); signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp('mvn', ['mvn','-B','-ntp','-o','failsafe:integration-test@specs','-Dit.test=GuestbookSpecsIT']+sys.argv[1:])" "$@" >"$log" 2>&1 &
mvn_pid=$!
for _ in $(seq 1 1200); do grep -q "stack up in" "$log" && break; kill -0 $mvn_pid 2>/dev/null || break; sleep 0.1; done
grep -q "stack up in" "$log" || { echo "[interrupt-check] the stack never came up; see $log"; exit 1; }
echo "[interrupt-check] stack up ($(docker ps -q 2>/dev/null | wc -l) containers, $(procs) stack processes); sending $sig"
sleep 1
if [ "$sig" = TERM-ONLY ]; then kill -TERM $mvn_pid; else kill -"$sig" -- -$mvn_pid; fi
wait $mvn_pid; echo "[interrupt-check] maven exited with $?"
for _ in $(seq 1 150); do
  [ "$(procs)" = "$before_procs" ] && [ "$(snap)" = "$before" ] && break
  sleep 0.2
done
after=$(snap); after_procs=$(procs)
echo "[interrupt-check] after: docker state $after, stack processes $after_procs"
if [ "$after" != "$before" ] || [ "$after_procs" != "$before_procs" ]; then
  echo "[interrupt-check] LEFTOVERS after $sig:"; docker ps -a; docker network ls; docker volume ls; docker images -a; pgrep -fa "redis-server|guestbook-app.jar"
  exit 1
fi
echo "[interrupt-check] nothing left after $sig"
