#!/usr/bin/env bash
# Builds a local image of moto (a local AWS API emulator) from Debian sid's python3-moto 5.2.4, for
# the AWS drivers' tests and the offline rehearsal of the AWS run, where no registry and no AWS
# account are reachable. trixie's 5.1.1 is too old for a Terraform apply of this stack (no
# CreateCacheSubnetGroup, no ELBv2 DescribeCapacityReservation). Idempotent.
#   guestbook-local/moto:sid   runs `moto_server -H 0.0.0.0 -p 5000`
set -euo pipefail
. "$(dirname "$0")/debian-mirror.sh"

IMAGE="${MOTO_IMAGE:-guestbook-local/moto:sid}"
MIRROR="$(debian_mirror)"
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
log "debootstrap sid with python3-moto into $root (about a minute)"
# python3-cffi-backend must be named: debootstrap does not resolve the virtual package it provides.
debootstrap --variant=minbase --include=python3-moto,python3-flask-cors,python3-cffi-backend \
  sid "$root" "$MIRROR" >/var/tmp/guestbook-moto-debootstrap.log 2>&1 || {
    log "debootstrap failed; last lines of /var/tmp/guestbook-moto-debootstrap.log:"; tail -5 /var/tmp/guestbook-moto-debootstrap.log; exit 1; }
# shellcheck disable=SC2016  # dpkg-query's own format, not a shell expansion
version=$(chroot "$root" dpkg-query -W -f '${Version}' python3-moto 2>/dev/null || echo unknown)
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
# AWS-managed policies (AmazonECSTaskExecutionRolePolicy) exist only when moto loads them.
tar -C "$root" -c . | docker import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV MOTO_IAM_LOAD_MANAGED_POLICIES=true' \
  --change "LABEL python3-moto=$version" \
  --change 'EXPOSE 5000' \
  --change 'CMD ["moto_server", "-H", "0.0.0.0", "-p", "5000"]' - "$IMAGE" >/dev/null
log "ready: $IMAGE (python3-moto $version)"
