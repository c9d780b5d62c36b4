# shellcheck shell=bash disable=SC2034,SC2154  # its variables are the callers'; run_id is theirs
# Sourced by the emulator checks (.ci/aws-rehearsal.sh, .ci/unattended-check.sh, ...): starts moto
# (MOTO_IMAGE, built by docker/moto-image.sh) on a free loopback port for one run, removes it on
# exit, and sets `container` and `endpoint`. Needs `say` and `run_id` from the caller; gives them
# await_full_apply, and IAM enforced under the CI role's policy: emulator_enforce,
# emulator_denials, emulator_refusals, emulator_s3_keys.
image="${MOTO_IMAGE:-guestbook-local/moto:sid}"
registry="${BDI_AWS_REGISTRY:-127.0.0.1:5000}"
plugin_dir="${BDI_TERRAFORM_PLUGIN_DIR:-/opt/tf-plugins}"
# IAM enforced (the default): moto_server through .ci/emulator_iam.py serve, which logs each refusal
# with its action (see emulator_enforce).
serve=()
if [ "${BDI_ENFORCE:-1}" = 1 ]; then serve=(python3 -c "$(cat .ci/emulator_iam.py)" serve); fi
container=$(docker run -d --rm --name "bdi-moto-$run_id" -p 127.0.0.1::5000 "$image" "${serve[@]}") || { say "cannot start $image"; exit 1; }
# shellcheck disable=SC2317  # called by the EXIT trap
emulator_cleanup() { docker rm -f "$container" >/dev/null 2>&1 || true; }
trap emulator_cleanup EXIT
port=$(docker port "$container" 5000/tcp | head -1 | sed 's/.*://')
endpoint="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fsS -o /dev/null "$endpoint/moto-api/" 2>/dev/null && break; sleep 0.2; done
curl -fsS -o /dev/null "$endpoint/moto-api/" || { say "moto did not answer at $endpoint"; exit 1; }

# Waits (bounded: 180 s) until the run's full apply has created its VPC, while process $1 lives;
# fails the check when it never does. $2 is the run's log directory, $3 the step's own log.
await_full_apply() {
  for _ in $(seq 1 1800); do
    grep -q "aws_vpc.main: Creation complete" "$2/run.log" 2>/dev/null && break
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  grep -q "aws_vpc.main: Creation complete" "$2/run.log" 2>/dev/null || { say "the full apply never started; see $3"; exit 1; }
}

# IAM enforced (BDI_ENFORCE=1, the default; 0: every call allowed, as before #28), [TREE]: call it after the
# check's own set-up that needs admin rights on purpose (the state bucket), before the run. With
# moto's auth still off, creates the CI principal (user ci-principal) with the shipped
# terraform/ci-role-policy.json as moto can enforce it (.ci/emulator_iam.py flatten: same actions,
# Resource "*", no Condition; BDI_POLICY_WITHOUT=a,b takes actions out, for a red proof) and the
# auditor (user auditor, everything: the checks' own listings, emulator_as_auditor); switches
# enforcement on; exports the CI principal's keys for the harness (BDI_EMULATOR_ACCESS_KEY_ID/_SECRET:
# its SDK clients and Terraform's provider override) and sets ci_key_id/ci_secret for the S3
# backend files the checks write. From then on every call is authorised against its caller's policy.
enforced=0
emulator_enforce() {
  if [ "${BDI_ENFORCE:-1}" != 1 ]; then
    say "IAM not enforced (BDI_ENFORCE=${BDI_ENFORCE}): the emulator allows every call"
    ci_key_id=testing; ci_secret=testing
    return 0
  fi
  # $1: the tree whose policy and scripts are enforced (default: this one)
  local tree=${1:-.} flat=target/enforced-policy-$run_id.json out line
  mkdir -p target
  python3 "$tree/.ci/emulator_iam.py" flatten "$tree/terraform/ci-role-policy.json" "${BDI_POLICY_WITHOUT:-}" >"$flat" \
    || { say "cannot flatten $tree/terraform/ci-role-policy.json"; exit 1; }
  out=$(docker exec -i "$container" python3 - setup "$(cat "$flat")" <"$tree/.ci/emulator_iam.py") \
    || { say "cannot create the CI principal and the auditor in the emulator, or switch its IAM on"; exit 1; }
  while IFS='=' read -r line value; do
    case "$line" in
      CI_KEY_ID) ci_key_id=$value ;; CI_SECRET) ci_secret=$value ;;
      AUDITOR_KEY_ID) auditor_key_id=$value ;; AUDITOR_SECRET) auditor_secret=$value ;;
    esac
  done <<<"$out"
  if [ -z "${ci_key_id:-}" ] || [ -z "${auditor_key_id:-}" ]; then say "the emulator gave no keys"; exit 1; fi
  export BDI_EMULATOR_ACCESS_KEY_ID=$ci_key_id BDI_EMULATOR_SECRET_ACCESS_KEY=$ci_secret
  enforced=1
  # A marker in the emulator's own log, after the set-up's own refused check: what follows it is the
  # checks' (a request line, on the same stream as the refusals: no clock is compared)
  curl -fsS -o /dev/null "$endpoint/moto-api/?bdi-enforced=$run_id" || { say "cannot mark the emulator's log"; exit 1; }
  say "IAM enforced: Terraform, the harness, the sweep and the reaper run as user ci-principal under $flat (terraform/ci-role-policy.json flattened${BDI_POLICY_WITHOUT:+, without $BDI_POLICY_WITHOUT}); the checks' own listings as user auditor"
}

# The auditor's listing of an S3 prefix (the checks' own look at a state lock): one key a line.
emulator_s3_keys() {
  if [ "$enforced" = 1 ]; then
    docker exec -i -e AUDITOR_KEY_ID="$auditor_key_id" -e AUDITOR_SECRET="$auditor_secret" "$container" \
      python3 - s3-keys "$1" "$2" <.ci/emulator_iam.py
  else
    # (moto answers an unsigned HEAD 403: the bucket's listing says what is there)
    curl -fsS "$endpoint/$1?list-type=2&prefix=$2" | grep -oE "<Key>[^<]*</Key>" | sed -E 's/<\/?Key>//g'
  fi
}

# The auditor's listing of the log groups whose names start with $1, one a line (unenforced: the
# emulator's Logs API answers anyone).
emulator_log_groups() {
  if [ "$enforced" = 1 ]; then
    docker exec -i -e AUDITOR_KEY_ID="$auditor_key_id" -e AUDITOR_SECRET="$auditor_secret" "$container" \
      python3 - log-groups "$1" <.ci/emulator_iam.py
  else
    curl -fsS -X POST "$endpoint/" -H "X-Amz-Target: Logs_20140328.DescribeLogGroups" \
      -H 'Content-Type: application/x-amz-json-1.1' \
      -H "Authorization: AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=0" \
      -d "{\"logGroupNamePrefix\":\"$1\"}" | grep -oE '"logGroupName": "[^"]*"' | sed -E 's/.*: "(.*)"/\1/'
  fi
}

# The emulator's log from the marker emulator_enforce left on (its requests and refusals since).
emulator_log_since_enforced() {
  docker logs "$container" 2>&1 | sed -n "/bdi-enforced=$run_id /,\$p"
}

# What the emulator refused, one line each: `[enforced] denied: ACTION for user USER in PHASE` ($1),
# from the emulator's own log of refusals (.ci/emulator_iam.py serve) and the files $2... (Terraform
# wraps its messages in "│ " lines, so each file is read as one line). Returns 1 when something was
# refused. Called after each phase of a check, which stops at the first refusal: a refusal found is
# the phase's that just ran.
emulator_denials() {
  local phase=$1 f found=0 action user
  shift
  [ "$enforced" = 1 ] || return 0
  { emulator_log_since_enforced | grep -F "[moto-iam]"
    for f in "$@"; do [ -f "$f" ] && { tr '\n' ' ' <"$f"; echo; }; done; } \
    | sed -E 's/[│╷╵]//g; s/ +/ /g' \
    | grep -oE "User: arn:aws:iam::[0-9]+:user/[A-Za-z0-9_+=,.@-]+ is not authorized to perform: [a-z0-9-]+:[A-Za-z0-9]+" \
    | sed -E 's/.*:user\/([^ ]+) is not authorized to perform: (.*)/\2 \1/' | sort -u >"target/enforced-denials.tmp"
  while read -r action user; do
    say "[enforced] denied: $action for user $user in $phase"; found=1
  done <"target/enforced-denials.tmp"
  rm -f target/enforced-denials.tmp
  if grep -qsE "InvalidClientTokenId|SignatureDoesNotMatch|The security token included in the request is invalid|AWS was not able to validate the provided access credentials" "$@"; then
    say "[enforced] the emulator refused a caller's keys in $phase (InvalidClientTokenId/SignatureDoesNotMatch/AuthFailure)"; found=1
  fi
  return "$found"
}

# Every request the emulator answered 401/403 since enforcement began (moto's own request log):
# the safety net for refusals no log above named (S3's "Access Denied", a refusal a caller swallowed).
emulator_refusals() {
  [ "$enforced" = 1 ] || return 0
  local refused
  refused=$(emulator_log_since_enforced | grep -E '" (401|403) ' || true)
  [ -z "$refused" ] && return 0
  say "[enforced] the emulator refused $(grep -c . <<<"$refused") request(s) (HTTP 401/403) since IAM was enforced; the first:"
  head -5 <<<"$refused" | sed 's/^/  /'
  return 1
}
