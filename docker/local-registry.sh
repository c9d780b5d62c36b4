#!/usr/bin/env bash
# Starts Debian's docker-registry (the CNCF distribution registry) on 127.0.0.1:5000 for the image
# publisher's push test: a real registry protocol, no cloud. Idempotent: skips when one answers.
set -euo pipefail
log() { printf '[local-registry] %s\n' "$*"; }
if curl -fsS -o /dev/null http://127.0.0.1:5000/v2/ 2>/dev/null; then
  log "a registry already answers on 127.0.0.1:5000"
  exit 0
fi
command -v docker-registry >/dev/null 2>&1 || {
  log "installing docker-registry"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null
}
# The package's own service config asks for htpasswd auth; the test registry listens on loopback only.
cat >/var/tmp/guestbook-registry.yml <<'YML'
version: 0.1
storage:
  filesystem:
    rootdirectory: /var/tmp/guestbook-registry
  delete:
    enabled: true
http:
  addr: 127.0.0.1:5000
YML
(docker-registry serve /var/tmp/guestbook-registry.yml >/var/log/guestbook-registry.log 2>&1 &)
for _ in $(seq 1 100); do
  curl -fsS -o /dev/null http://127.0.0.1:5000/v2/ 2>/dev/null && { log "ready on 127.0.0.1:5000"; exit 0; }
  sleep 0.1
done
log "the registry did not answer; see /var/log/guestbook-registry.log"; exit 1
