#!/usr/bin/env bash
# Builds a local image of moto (a local AWS API emulator) from Debian 13 packages, for the AWS
# drivers' tests where no registry and no AWS account are reachable. Idempotent.
#   guestbook-local/moto:trixie   runs `moto_server -H 0.0.0.0 -p 5000`
set -euo pipefail

IMAGE="${MOTO_IMAGE:-guestbook-local/moto:trixie}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
log() { printf '[moto-image] %s\n' "$*"; }

if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  log "$IMAGE exists, skipping"
  exit 0
fi
command -v debootstrap >/dev/null 2>&1 || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}
root="$(mktemp -d /var/tmp/guestbook-moto.XXXXXX)"
trap 'rm -rf "$root"' EXIT
log "debootstrap trixie with python3-moto into $root (about two minutes)"
# python3-cffi-backend must be named: debootstrap does not resolve the virtual package it provides.
debootstrap --variant=minbase --include=python3-moto,python3-flask-cors,python3-cffi-backend \
  trixie "$root" "$MIRROR" >/var/tmp/guestbook-moto-debootstrap.log 2>&1 || {
    log "debootstrap failed; last lines of /var/tmp/guestbook-moto-debootstrap.log:"; tail -5 /var/tmp/guestbook-moto-debootstrap.log; exit 1; }
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'EXPOSE 5000' \
  --change 'CMD ["moto_server", "-H", "0.0.0.0", "-p", "5000"]' - "$IMAGE" >/dev/null
log "ready: $IMAGE"
