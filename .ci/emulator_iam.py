"""The CI role's policy as an AWS API emulator (moto 5.2.4) can enforce it, and the principals of an
enforced rehearsal (.ci/emulator.sh, emulator_enforce).

  serve                       the emulator's process (the container's command, IAM enforced): moto_server
                              on 0.0.0.0:5000 that also logs every refusal with its action and caller,
                              `[moto-iam] AccessDenied: User: ARN is not authorized to perform: ACTION
                              on RESOURCE` (ECS's and the other JSON APIs' clients cannot read moto's XML
                              refusal and S3's names no action: the log is where the action shows)
  flatten POLICY [ACTION...]  on the host, standard library only: prints POLICY (the shipped
                              terraform/ci-role-policy.json) as moto can enforce it, with each ACTION
                              taken out (a red proof)
  setup FLAT_POLICY_JSON      inside the emulator's container (its boto3), auth still off: the CI
                              principal (user ci-principal, the flattened policy) and the auditor
                              (user auditor, everything), their keys; then enforcement on
                              (POST /moto-api/reset-auth 0) and checked; prints KEY=VALUE lines
  s3-keys BUCKET PREFIX       inside the container, as the auditor (AUDITOR_KEY_ID/_SECRET in the
                              environment): the keys under PREFIX, one a line
  log-groups PREFIX           inside the container, as the auditor: the log groups whose names start
                              with PREFIX, one a line

What moto 5.2.4 evaluates (moto/iam/access_control.py, moto/core/authorization.py, read from the
image): the action is `<signing name>:<operation>` (ec2:CreateFlowLogs, elasticloadbalancing:…,
s3:GetObject …), matched case-sensitively against each statement's Action/NotAction ("*" as ".*");
the resource is "*" for every EC2, ELBv2, ECS, ECR, Logs, ElastiCache and STS request, an existing
role's ARN for IAM calls naming one ("*" for CreateRole), arn:aws:s3:::bucket[/key] for S3; an
identity policy's conditions are met when the request carries no value for their keys, which it
never does here. So an ARN-scoped Allow grants nothing on "*", and a conditional Deny denies always.
The flattened copy keeps every statement's actions and effect, with Resource "*" and no Condition:
it proves that no action a run calls is missing, not the ARN scoping, the conditions or a boundary.
"""

import json
import re
import sys

CI_USER = "ci-principal"
AUDITOR_USER = "auditor"
ENDPOINT = "http://127.0.0.1:5000"  # inside the emulator's container
REGION = "us-east-1"


def as_list(value):
    return value if isinstance(value, list) else [value]


def matches(pattern, action):
    # moto's IAMPolicyStatement._match: "*" becomes ".*", anchored, case-sensitive
    return re.match("^" + pattern.replace("*", ".*") + "$", action) is not None


def allowed_by(statements, action):
    return [
        s.get("Sid", "?")
        for s in statements
        if s["Effect"] == "Allow"
        and "Action" in s
        and any(matches(p, action) for p in as_list(s["Action"]))
    ]


def flatten(path, without):
    doc = json.load(open(path, encoding="utf-8"))
    statements = []
    for s in as_list(doc["Statement"]):
        flat = {k: v for k, v in s.items() if k in ("Sid", "Effect", "Action", "NotAction")}
        flat["Resource"] = "*"
        if "Condition" in s and s["Effect"] == "Deny":
            print(f"[enforced] note: Deny {s.get('Sid', '?')} keeps no condition: it denies always "
                  "(as moto does anyway)", file=sys.stderr)
        statements.append(flat)
    for action in without:
        if not re.fullmatch(r"[a-z0-9-]+:[A-Za-z0-9]+", action):
            sys.exit(f"[enforced] BDI_POLICY_WITHOUT: {action!r} is not an IAM action (service:Operation)")
        if not allowed_by(statements, action):
            sys.exit(f"[enforced] BDI_POLICY_WITHOUT: the policy does not allow {action}: nothing to "
                     "take out, the red proof would prove nothing")
        for s in statements:
            if s["Effect"] == "Allow" and "Action" in s:
                kept = [a for a in as_list(s["Action"]) if a != action]
                s["Action"] = kept if isinstance(s["Action"], list) or kept else []
        statements = [s for s in statements if "NotAction" in s or as_list(s["Action"])]
        still = allowed_by(statements, action)
        if still:
            # granted by a pattern (elasticloadbalancing:Describe*): taken out by an explicit Deny
            statements.append({"Sid": "TakenOutForARedProof", "Effect": "Deny",
                               "Action": [action], "Resource": "*"})
            print(f"[enforced] {action} is granted by a pattern in {', '.join(still)}: "
                  "taken out by an explicit Deny", file=sys.stderr)
        print(f"[enforced] taken out of the flattened policy: {action}", file=sys.stderr)
    json.dump({"Version": doc.get("Version", "2012-10-17"), "Statement": statements},
              sys.stdout, indent=1)
    print()


def client(service, key_id="testing", secret="testing"):
    import boto3  # the emulator's image has it (python3-moto depends on it)
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=REGION,
                        aws_access_key_id=key_id, aws_secret_access_key=secret)


def user_with_keys(iam, name, policy):
    iam.create_user(UserName=name)
    iam.put_user_policy(UserName=name, PolicyName=f"{name}-policy", PolicyDocument=policy)
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return key["AccessKeyId"], key["SecretAccessKey"]


def setup(flat_policy):
    import botocore.exceptions
    import urllib.request
    iam = client("iam")
    ci = user_with_keys(iam, CI_USER, json.dumps(json.loads(flat_policy), separators=(",", ":")))
    everything = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    auditor = user_with_keys(iam, AUDITOR_USER, everything)
    # From here every request is authorised against its caller's policies (one counter per moto
    # process; /moto-api/reset does not reset it).
    # (as text: a form's content type leaves moto an empty body, and a 500)
    urllib.request.urlopen(urllib.request.Request(
        f"{ENDPOINT}/moto-api/reset-auth", data=b"0", method="POST",
        headers={"Content-Type": "text/plain"})).read()
    who = client("sts", *ci).get_caller_identity()["Arn"]
    if not who.endswith(f":user/{CI_USER}"):
        sys.exit(f"[enforced] the CI principal's keys are {who}, not user/{CI_USER}")
    try:
        client("iam", *ci).list_users()
        sys.exit("[enforced] the CI principal may call iam:ListUsers: enforcement is not on")
    except botocore.exceptions.ClientError as e:
        if e.response["Error"]["Code"] != "AccessDenied":
            raise
    client("iam", *auditor).list_users()
    print(f"CI_KEY_ID={ci[0]}\nCI_SECRET={ci[1]}\nAUDITOR_KEY_ID={auditor[0]}\nAUDITOR_SECRET={auditor[1]}")


def s3_keys(bucket, prefix):
    import os
    import botocore.config
    import boto3
    s3 = boto3.client("s3", endpoint_url=ENDPOINT, region_name=REGION,
                      aws_access_key_id=os.environ["AUDITOR_KEY_ID"],
                      aws_secret_access_key=os.environ["AUDITOR_SECRET"],
                      config=botocore.config.Config(s3={"addressing_style": "path"}))
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for o in page.get("Contents", []):
            print(o["Key"])


def log_groups(prefix):
    import os
    logs = client("logs", os.environ["AUDITOR_KEY_ID"], os.environ["AUDITOR_SECRET"])
    for page in logs.get_paginator("describe_log_groups").paginate(logGroupNamePrefix=prefix):
        for group in page.get("logGroups", []):
            print(group["logGroupName"])


def serve():
    from moto.iam import access_control
    from moto.server import main as moto_server
    checked = access_control.IAMRequestBase.check_action_permitted

    def logged(self, resource):
        try:
            return checked(self, resource)
        except Exception:
            print(f"[moto-iam] AccessDenied: User: {self._access_key.arn} is not authorized to perform: "
                  f"{self._action} on {resource}", file=sys.stderr, flush=True)
            raise

    access_control.IAMRequestBase.check_action_permitted = logged
    moto_server(["-H", "0.0.0.0", "-p", "5000"])


def main(argv):
    if argv == ["serve"]:
        serve()
    elif len(argv) >= 2 and argv[0] == "flatten":
        flatten(argv[1], [a for arg in argv[2:] for a in arg.replace(",", " ").split()])
    elif len(argv) == 2 and argv[0] == "setup":
        setup(argv[1])
    elif len(argv) == 3 and argv[0] == "s3-keys":
        s3_keys(argv[1], argv[2])
    elif len(argv) == 2 and argv[0] == "log-groups":
        log_groups(argv[1])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
