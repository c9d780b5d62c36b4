#!/usr/bin/env bash
# Builds, from Debian packages, the local images the compose stack needs when no container registry
# is reachable (air-gapped or locked-down CI). Idempotent: an image that exists is not rebuilt.
#
#   guestbook-local/debian-base:bookworm   Java 17 JRE, redis-server, haproxy, socat, curl
#
# One root file system serves every role (app base, Redis, load balancer, Testcontainers' helper
# images), which keeps the build to one debootstrap (~75 s). Point the stack at it with the
# variables printed at the end (docker/offline.env has them too). Never re-tag it with a public name.
set -euo pipefail

IMAGE="${OFFLINE_IMAGE:-guestbook-local/debian-base:bookworm}"
. "$(dirname "$0")/debian-mirror.sh"
MIRROR="$(debian_mirror)"
log() { printf '[offline-images] %s\n' "$*"; }

PACKAGES=openjdk-17-jre-headless,redis-server,haproxy,socat,curl,ca-certificates
built_with="$(docker image inspect --format '{{index .Config.Labels "guestbook.packages"}}' "$IMAGE" 2>/dev/null || true)"
if [ "$built_with" = "$PACKAGES" ]; then
  log "$IMAGE exists, skipping"
else
  if [ -n "$built_with" ] || docker image inspect "$IMAGE" >/dev/null 2>&1; then
    log "$IMAGE was built with other packages (${built_with:-unknown}): rebuilding"
    docker image rm "$IMAGE" >/dev/null
  fi
  command -v debootstrap >/dev/null 2>&1 || {
    log "installing debootstrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
  }
  root="$(mktemp -d /var/tmp/guestbook-rootfs.XXXXXX)"
  trap 'rm -rf "$root"' EXIT
  log "debootstrap bookworm into $root (about a minute)"
  debootstrap --variant=minbase \
    --include="$PACKAGES" \
    bookworm "$root" "$MIRROR" >/var/tmp/guestbook-debootstrap.log 2>&1 || {
      log "debootstrap failed; last lines of /var/tmp/guestbook-debootstrap.log:"; tail -5 /var/tmp/guestbook-debootstrap.log; exit 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  log "importing as $IMAGE"
  tar -C "$root" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' --change "LABEL guestbook.packages=$PACKAGES" - "$IMAGE" >/dev/null
fi
log "ready: $IMAGE ($(docker image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%d MB", $1/1000000}'))"
