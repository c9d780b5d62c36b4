#!/usr/bin/env bash
# Installs and starts what the compose target (-Plocal) needs on a Debian 12 machine without a
# container registry: Docker Engine, Compose v2 and buildx (Debian 12 has only Compose 1.29, so they
# come from Debian 13 "trixie", pinned low so nothing else moves; docker-compose depends only on
# libc6 and its recommends bring trixie's docker.io 26.1 and docker-buildx 0.13), and a daemon that
# publishes ports on 127.0.0.1 only. Idempotent: skips whatever is already there.
# Needs root. On a workstation with Docker Desktop or docker-ce you do not need this script.
set -euo pipefail
. "$(dirname "$0")/debian-mirror.sh"

log() { printf '[install-docker] %s\n' "$*"; }

if ! command -v dockerd >/dev/null 2>&1; then
  log "installing docker.io"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io >/dev/null
fi

if ! docker compose version 2>/dev/null | grep -q 'v\?2\.'; then
  log "installing Compose v2 (and its recommends: engine 26.1, buildx) from Debian trixie, pinned low"
  mirror=$(debian_mirror)
  echo "deb $mirror trixie main" >/etc/apt/sources.list.d/trixie.list
  cat >/etc/apt/preferences.d/trixie-low <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie docker-compose >/dev/null
fi

if [ ! -f /etc/docker/daemon.json ] || ! grep -q '"ip"' /etc/docker/daemon.json; then
  log "publishing container ports on 127.0.0.1 only"
  mkdir -p /etc/docker
  echo '{"ip": "127.0.0.1"}' >/etc/docker/daemon.json
  if docker info >/dev/null 2>&1; then
    log "restarting dockerd to apply daemon.json"
    pkill -x dockerd || true
    for _ in $(seq 1 100); do pgrep -x dockerd >/dev/null || break; sleep 0.1; done
  fi
fi

if ! docker info >/dev/null 2>&1; then
  log "starting dockerd"
  (dockerd >/var/log/dockerd.log 2>&1 &)
  for _ in $(seq 1 300); do
    docker info >/dev/null 2>&1 && break
    sleep 0.1
  done
  docker info >/dev/null 2>&1 || { log "dockerd did not start; see /var/log/dockerd.log"; tail -5 /var/log/dockerd.log; exit 1; }
fi
log "ready: $(docker version --format 'engine {{.Server.Version}}'), $(docker compose version --short 2>/dev/null | sed 's/^/compose /')"
