#!/usr/bin/env bash
# The visitor's browser and its driver must be one build: Debian updates chromium and
# chromium-driver together, and a browser from one release driven by another's driver fails in ways
# that look like a broken page. Logs both versions; a mismatch (or a binary that names no version)
# stops set-up with one line. usage: .ci/browser-versions.sh [CHROMIUM] [CHROMEDRIVER]
set -uo pipefail
browser=${1:-/usr/bin/chromium}
driver=${2:-/usr/bin/chromedriver}
version() { "$1" --version 2>/dev/null | grep -oE '[0-9]+(\.[0-9]+){3}' | head -1; }
b=$(version "$browser"); d=$(version "$driver")
echo "[browser-versions] Chromium ${b:-?} ($browser), ChromeDriver ${d:-?} ($driver)"
if [ -z "$b" ] || [ "$b" != "$d" ]; then
  echo "[browser-versions] set-up stopped: Chromium ${b:-?} and ChromeDriver ${d:-?} are not one build; install both from one Debian release (apt-get install chromium chromium-driver)"
  exit 1
fi
