#!/usr/bin/env bash
# Prints the Debian mirror URI this machine's own apt configuration names, so that a site with its
# own mirror works unchanged. Order: $DEBIAN_MIRROR, then the first `URIs:` of a deb822 source that
# carries the main archive (not -security), then the first `deb` line of a one-line source list.
# Source it (`. docker/debian-mirror.sh; debian_mirror`) or run it.
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then printf '%s\n' "$DEBIAN_MIRROR"; return 0; fi
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }')
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { if ($i !~ /security/) { print $i; exit } break } }')
  fi
  if [ -z "$uri" ]; then
    echo "no Debian mirror found in /etc/apt (set DEBIAN_MIRROR)" >&2
    return 1
  fi
  printf '%s\n' "${uri%/}"
}
if [ "${BASH_SOURCE[0]}" = "$0" ]; then debian_mirror; fi
