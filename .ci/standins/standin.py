#!/usr/bin/env python3
"""Stand-in `terraform` and `docker` for the deploy interrupt check (.ci/deploy-interrupt-check.sh).

Selected through the harness's own binary settings (bdi.terraform.binary, bdi.docker.binary). Each
call is recorded in $STANDIN_LOG; the call that matches $STANDIN_HANG (init, apply-ecr, apply,
build, push) hangs like a long real one and records every signal it gets. On SIGINT it stops
"gracefully" (1 s, as terraform writes its state) and exits 1; on SIGTERM it exits at once.
Creates nothing anywhere: it only answers what the harness reads (an ECR URL, a push digest).
"""
import json
import os
import signal
import sys
import time

tool = os.path.basename(sys.argv[0])
args = sys.argv[1:]
log_path = os.environ.get("STANDIN_LOG", "/tmp/standin.log")
hang = os.environ.get("STANDIN_HANG", "")


def record(line):
    with open(log_path, "a") as log:
        log.write(line + "\n")


def phase():
    if tool == "terraform":
        if args[:1] == ["init"]:
            # the @static scenario's `init -backend=false` + validate is not the runbook's init
            return "validate-init" if "-backend=false" in args else "init"
        if args[:1] == ["apply"]:
            return "apply-ecr" if any(a.startswith("-target=") for a in args) else "apply"
        return args[0] if args else ""
    return args[0] if args else ""


def hang_here(name):
    def on_signal(number, _frame):
        record("%s %s" % (signal.Signals(number).name, name))
        if number == signal.SIGINT:
            print("Interrupt received. Gracefully shutting down...", flush=True)
            time.sleep(1)
            record("stopped %s" % name)
            sys.exit(1)
        sys.exit(143)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    record("hang %s" % name)
    print("%s %s: still working..." % (tool, name), flush=True)
    for _ in range(6000):
        time.sleep(0.1)
    record("hang %s ran out" % name)
    sys.exit(2)


def run_id():
    with open("terraform.tfvars.json") as tfvars:
        variables = json.load(tfvars)
    return "%s-%s" % (variables.get("name_prefix", "guestbook"), variables["run_id"])


name = phase()
record("call %s %s" % (tool, name))
if name == hang:
    hang_here(name)
if tool == "terraform":
    if name == "output":
        print("123456789012.dkr.ecr.us-east-1.amazonaws.com/" + run_id())
    elif name == "destroy":
        record("destroy start")
        time.sleep(1)
        record("destroy done")
        print("Destroy complete! Resources: 2 destroyed.")
    elif name in ("apply-ecr", "apply"):
        print("Apply complete! Resources: 2 added, 0 changed, 0 destroyed.")
    sys.exit(0)
if tool == "docker":
    if name == "version":
        print("28.0.0-standin")
    elif name == "push":
        print("%s: digest: sha256:%s size: 1234" % (args[1].split(":")[-1], "5" * 64))
    sys.exit(0)
sys.exit(0)
