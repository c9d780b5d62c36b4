#!/usr/bin/env bash
# Opens a report in headless Chromium, as a person would, and checks that it renders and names
# the given scenarios (and any other text given). The report's folder is served on 127.0.0.1 (a
# Cucumber report's script is not trusted from file://). Chromium gets a virtual time budget and a
# --timeout: with --timeout alone the report's features stay collapsed (only its header renders),
# with the budget alone the page is read before its script ran. Exit 0 when every text is on the rendered page, 1 when one is not.
#   usage: report-check.sh REPORT.html TEXT [TEXT...]
set -uo pipefail
report=${1:?usage: report-check.sh REPORT.html TEXT...}
shift
[ -s "$report" ] || { echo "[report-check] no report at $report"; exit 1; }
dir=$(cd "$(dirname "$report")" && pwd)
page=$(basename "$report")
say() { printf '[report-check] %s\n' "$*"; }

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
/usr/bin/python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dir" >/dev/null 2>&1 &
server=$!
profile=$(mktemp -d)
dom=$(mktemp)
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$profile" "$dom"; }
trap cleanup EXIT
for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/$page" 2>/dev/null && break; sleep 0.1; done

timeout 60 /usr/bin/chromium --headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --virtual-time-budget=15000 --timeout=20000 --dump-dom "http://127.0.0.1:$port/$page" >"$dom" 2>/dev/null
# what a reader sees: the DOM without the report's embedded data (a <script> holds every message)
/usr/bin/python3 - "$dom" >"$dom.text" <<'PY'
import html, re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
text = re.sub(r"(?is)<script.*?</script>|<style.*?</style>", " ", text)
print(html.unescape(re.sub(r"(?s)<[^>]+>", " ", text)))
PY
missing=0
for want in "$@"; do
  if grep -qF -- "$want" "$dom.text"; then say "seen: $want"; else say "NOT on the page: $want"; missing=1; fi
done
words=$(wc -w <"$dom.text")
rm -f "$dom.text"
say "$report: $words words rendered"
exit "$missing"
