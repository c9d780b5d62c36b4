#!/usr/bin/env python3
"""Runs a GitHub Actions workflow's jobs here, step by step, as the runner would (called by
.ci/workflow-steps.sh, which makes the fresh clone and starts the emulator).

Each `run:` step is written to a file and run as GitHub runs it (`bash -e FILE`, in a session of
its own, with GitHub's variables, the workflow's, job's and step's `env:`, and what earlier steps
put in $GITHUB_ENV), its `${{ ... }}` filled from the table of test values
(.ci/workflow-values.yml) and the job's state. Each `uses:` step is replaced by what it does here
(USES below); one with no replacement stops the check. `if:` is evaluated as GitHub does (a
condition without a status function means `success() && (...)`); `timeout-minutes` of a step ends
it as GitHub does (SIGINT, SIGTERM 7.5 s later, a kill 2.5 s after that), the job's bounds the whole
job. Not modelled: `runs-on`, `permissions`, `concurrency`, `services`, `strategy`, step outputs,
`needs` beyond file order. Every step's output is kept in LOGS/NN-<step>.log.

Exit status: 0 when every job passed; 1 naming the first step that failed (or that exited 0 but
printed none of the lines the table's `expect:` asks of it); 2 when the workflow uses something this
check does not model.
"""

import argparse
import glob
import json
import os
import re
import signal
import subprocess
import sys
import time

import yaml


class Unsupported(Exception):
    """Something in the workflow this check does not model: the check stops (exit 2)."""


# ---------------------------------------------------------------------------------------------
# GitHub's expression language: literals, contexts, ! == != < > <= >= && || ( ) and the functions
# below. Anything else is Unsupported rather than guessed.

TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<num>-?\d+(?:\.\d+)?)|(?P<op>==|!=|<=|>=|&&|\|\||[!<>()\[\].,])"
    r"|(?P<id>[A-Za-z_][A-Za-z0-9_-]*))"
)


def tokens(text):
    out, pos = [], 0
    text = text.strip()
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise Unsupported(f"cannot read the expression {text!r} at {text[pos:]!r}")
        pos = m.end()
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "str":
            out.append(("lit", value[1:-1].replace("''", "'")))
        elif kind == "num":
            out.append(("lit", float(value) if "." in value else int(value)))
        elif kind == "id" and value in ("true", "false", "null"):
            out.append(("lit", {"true": True, "false": False, "null": None}[value]))
        else:
            out.append((kind, value))
    return out


def truthy(v):
    return v not in (None, False, 0, "") and not (isinstance(v, float) and v != v)


def text_of(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dict, list)):
        return json.dumps(v)
    return str(v)


def number_of(v):
    if v is None:
        return 0
    if isinstance(v, bool):
        return 1 if v else 0
    if isinstance(v, (int, float)):
        return v
    try:
        return float(v.strip()) if v.strip() else 0
    except (ValueError, AttributeError):
        return float("nan")


def compare(op, a, b):
    if isinstance(a, str) and isinstance(b, str):
        a, b = a.lower(), b.lower()  # GitHub compares strings ignoring case
    elif type(a) is not type(b) or a is None:
        a, b = number_of(a), number_of(b)
    return {
        "==": lambda: a == b,
        "!=": lambda: a != b,
        "<": lambda: a < b,
        ">": lambda: a > b,
        "<=": lambda: a <= b,
        ">=": lambda: a >= b,
    }[op]()


class Expr:
    """One expression, evaluated over `contexts` and the job's status."""

    STRICT = ("github", "vars", "secrets", "runner")

    def __init__(self, text, contexts, status):
        self.text, self.toks, self.i = text, tokens(text), 0
        self.contexts, self.status = contexts, status

    def value(self):
        v = self.or_()
        if self.i != len(self.toks):
            raise Unsupported(f"cannot read the expression {self.text!r} (stopped at {self.toks[self.i][1]!r})")
        return v

    def peek(self, *values):
        return self.i < len(self.toks) and self.toks[self.i][0] != "lit" and self.toks[self.i][1] in values

    def take(self, value):
        if not self.peek(value):
            raise Unsupported(f"expected {value!r} in the expression {self.text!r}")
        self.i += 1

    def or_(self):
        v = self.and_()
        while self.peek("||"):
            self.i += 1
            right = self.and_()
            v = v if truthy(v) else right
        return v

    def and_(self):
        v = self.cmp()
        while self.peek("&&"):
            self.i += 1
            right = self.cmp()
            v = right if truthy(v) else v
        return v

    def cmp(self):
        v = self.unary()
        if self.peek("==", "!=", "<", ">", "<=", ">="):
            op = self.toks[self.i][1]
            self.i += 1
            v = compare(op, v, self.unary())
        return v

    def unary(self):
        if self.peek("!"):
            self.i += 1
            return not truthy(self.unary())
        return self.primary()

    def primary(self):
        if self.i >= len(self.toks):
            raise Unsupported(f"the expression {self.text!r} ends too early")
        kind, value = self.toks[self.i]
        self.i += 1
        if kind == "lit":
            return value
        if value == "(":
            v = self.or_()
            self.take(")")
            return v
        if kind != "id":
            raise Unsupported(f"unexpected {value!r} in the expression {self.text!r}")
        if self.peek("("):
            return self.call(value)
        if value not in self.contexts:
            raise Unsupported(f"the context {value!r} (in {self.text!r}) has no values in this check")
        v, path = self.contexts[value], value
        while self.peek(".", "["):
            if self.toks[self.i][1] == ".":
                self.i += 1
                key = self.toks[self.i][1]
                self.i += 1
            else:
                self.i += 1
                key = text_of(self.or_())
                self.take("]")
            path += "." + key
            if isinstance(v, dict) and key in v:
                v = v[key]
            elif path.split(".")[0] in self.STRICT:
                raise Unsupported(f"no test value for {path} (add it to .ci/workflow-values.yml)")
            else:
                v = None
        return v

    def call(self, name):
        self.take("(")
        args = []
        while not self.peek(")"):
            args.append(self.or_())
            if self.peek(","):
                self.i += 1
        self.take(")")
        fn = name.lower()
        if fn == "success":
            return self.status["failed"] is None
        if fn == "failure":
            return self.status["failed"] is not None
        if fn == "always":
            return True
        if fn == "cancelled":
            return False
        if fn == "contains":
            hay, needle = args
            if isinstance(hay, list):
                return any(compare("==", h, needle) for h in hay)
            return text_of(needle).lower() in text_of(hay).lower()
        if fn == "startswith":
            return text_of(args[0]).lower().startswith(text_of(args[1]).lower())
        if fn == "endswith":
            return text_of(args[0]).lower().endswith(text_of(args[1]).lower())
        if fn == "format":
            out = text_of(args[0])
            for n, a in enumerate(args[1:]):
                out = out.replace("{" + str(n) + "}", text_of(a))
            return out
        if fn == "tojson":
            return json.dumps(args[0], indent=2)
        if fn == "fromjson":
            return json.loads(text_of(args[0]))
        raise Unsupported(f"the function {name}() (in {self.text!r}) is not modelled here")


EMBEDDED = re.compile(r"\$\{\{(.*?)\}\}", re.S)
STATUS_FN = re.compile(r"\b(success|failure|always|cancelled)\s*\(", re.I)


def fill(text, contexts, status):
    """A string with each `${{ ... }}` replaced by its value, as GitHub does before a step runs."""
    if not isinstance(text, str):
        return text_of(text)
    return EMBEDDED.sub(lambda m: text_of(Expr(m.group(1), contexts, status).value()), text)


def condition(text, contexts, status):
    """An `if:`: with or without `${{ }}`; without a status function, `success() && (...)`."""
    if text is None:
        return status["failed"] is None
    text = str(text).strip()
    m = re.fullmatch(r"\$\{\{(.*)\}\}", text, re.S)
    if m:
        text = m.group(1)
    if not STATUS_FN.search(text):
        text = f"success() && ({text})"
    return truthy(Expr(text, contexts, status).value())


# ---------------------------------------------------------------------------------------------
# What each `uses:` does here. Each answers (message, env for later steps) or raises StepFailed.


class StepFailed(Exception):
    pass


def uses_checkout(step, args, run):
    return f"the fresh clone at {run.sha[:12]} is the workspace ({run.workspace})", {}


def uses_setup_java(step, args, run):
    want = text_of(args.get("java-version", "")).strip()
    out = subprocess.run(["java", "-version"], capture_output=True, text=True, timeout=60).stderr
    m = re.search(r'version "(\d+)', out)
    have = m.group(1) if m else "?"
    if want and have != want.split(".")[0]:
        raise StepFailed(f"setup-java asks for Java {want}; this machine's `java` is {have}")
    return f"Java {have} of this machine (asked: {want or 'any'}; Maven's repository ~/.m2 as its cache)", {}


def uses_setup_terraform(step, args, run):
    want = text_of(args.get("terraform_version", "")).strip()
    out = subprocess.run(["terraform", "version", "-json"], capture_output=True, text=True, timeout=60)
    have = json.loads(out.stdout or "{}").get("terraform_version", "?")
    if want and have != want:
        raise StepFailed(f"setup-terraform asks for Terraform {want}; this machine's is {have}")
    if text_of(args.get("terraform_wrapper", "true")).lower() != "false":
        raise StepFailed("setup-terraform's wrapper is on: not modelled here (the workflows turn it off)")
    env = {"BDI_TERRAFORM_PLUGIN_DIR": run.plugin_dir} if run.plugin_dir else {}
    return f"Terraform {have} of this machine, its provider from the local mirror {run.plugin_dir or '-'}", env


def uses_configure_aws_credentials(step, args, run):
    role = text_of(args.get("role-to-assume", "")).strip()
    region = text_of(args.get("aws-region", "")).strip()
    if not role:
        raise StepFailed("configure-aws-credentials: role-to-assume is empty, and no keys are given")
    if not region:
        raise StepFailed("configure-aws-credentials: aws-region is empty")
    # the role's session: with IAM enforced (.ci/emulator.sh) the CI principal's keys, else moto's
    key_id = os.environ.get("BDI_EMULATOR_ACCESS_KEY_ID") or "testing"
    secret = os.environ.get("BDI_EMULATOR_SECRET_ACCESS_KEY") or "testing"
    env = {
        "AWS_ACCESS_KEY_ID": key_id,
        "AWS_SECRET_ACCESS_KEY": secret,
        # the harness signs an emulator's requests with these (AwsPreflight.emulatorCredentials)
        "BDI_EMULATOR_ACCESS_KEY_ID": key_id,
        "BDI_EMULATOR_SECRET_ACCESS_KEY": secret,
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        # the harness's switch to an emulator: every AWS client and Terraform's provider go there
        "BDI_AWS_ENDPOINT": run.endpoint,
        # and for what the harness does not configure itself: Terraform's S3 backend (the state)
        "AWS_ENDPOINT_URL": run.endpoint,
    }
    if run.registry:
        env["BDI_AWS_REGISTRY"] = run.registry
    return f"the emulator's credentials for {role} in {region}: {run.endpoint}", env


def uses_upload_artifact(step, args, run):
    patterns = [p.strip() for p in text_of(args.get("path", "")).splitlines() if p.strip()]
    files = set()
    for p in patterns:
        if p.startswith("!"):
            continue
        for hit in glob.glob(os.path.join(run.workspace, p), recursive=True):
            if os.path.isdir(hit):
                for root, _, names in os.walk(hit):
                    files.update(os.path.join(root, n) for n in names)
            else:
                files.add(hit)
    name = text_of(args.get("name", "artifact"))
    return f"artifact {name!r}: {len(files)} file(s) would be uploaded (nothing is uploaded here)", {}


USES = {
    "actions/checkout": uses_checkout,
    "actions/setup-java": uses_setup_java,
    "hashicorp/setup-terraform": uses_setup_terraform,
    "aws-actions/configure-aws-credentials": uses_configure_aws_credentials,
    "actions/upload-artifact": uses_upload_artifact,
}


# ---------------------------------------------------------------------------------------------
# The job.


def stop_like_github(proc, say):
    """GitHub's cancel or timeout of a step: SIGINT, SIGTERM 7.5 s later, a kill 2.5 s after that,
    each to the step's own process."""
    for sig, wait in ((signal.SIGINT, 7.5), (signal.SIGTERM, 2.5), (signal.SIGKILL, 5)):
        if proc.poll() is not None:
            return
        say(f"  sending {signal.Signals(sig).name} to the step's process {proc.pid}")
        try:
            proc.send_signal(sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            pass


def kill_session(sid):
    """The job's end: whatever a step left running is killed (the runner's orphan cleanup)."""
    subprocess.run(["pkill", "-KILL", "-s", str(sid)], check=False)


class Run:
    def __init__(self, a, values):
        self.workspace = os.path.abspath(a.workspace)
        self.logs = os.path.abspath(a.logs)
        self.endpoint, self.registry, self.plugin_dir = a.endpoint, a.registry, a.plugin_dir
        self.sha = subprocess.run(["git", "-C", self.workspace, "rev-parse", "HEAD"], capture_output=True,
                                  text=True, check=True).stdout.strip()
        self.values = values
        self.machine_env = {}
        if a.machine_env:
            for line in open(a.machine_env).read().splitlines():
                if "=" in line and not line.lstrip().startswith("#"):
                    k, v = line.split("=", 1)
                    self.machine_env[k.strip()] = v.strip()
        self.interrupted = False
        self.current = None


def step_label(n, step):
    return step.get("name") or (f"uses {step['uses']}" if "uses" in step else "run " + step.get("run", "").split("\n")[0][:60])


def run_job(job_id, job, wf, run, event, inputs, say):
    contexts = {
        "github": dict(run.values.get("github", {}), workspace=run.workspace, event_name=event, sha=run.sha,
                       job=job_id, workflow=wf.get("name", "")),
        "vars": run.values.get("vars", {}),
        "secrets": run.values.get("secrets", {}),
        "inputs": inputs,
        "runner": {"os": "Linux", "arch": "X64", "temp": os.path.join(run.workspace, "..", "runner-temp"),
                   "name": "workflow-steps-check"},
        "env": {},
        "job": {"status": "success"},
        "steps": {},
        "matrix": {},
        "strategy": {},
        "needs": {},
    }
    status = {"failed": None}
    contexts["runner"]["temp"] = os.path.abspath(contexts["runner"]["temp"])
    os.makedirs(contexts["runner"]["temp"], exist_ok=True)
    for unsupported in ("services", "container", "strategy", "uses", "defaults", "outputs"):
        if unsupported in job:
            raise Unsupported(f"job {job_id}: `{unsupported}:` is not modelled here")
    if "if" in job and not condition(job["if"], contexts, status):
        say(f"job {job_id}: skipped (if: {job['if']})")
        return None
    env = {}
    for scope in (wf.get("env", {}) or {}, job.get("env", {}) or {}):
        for k, v in scope.items():
            env[k] = fill(v, dict(contexts, env=env), status)
    gh = contexts["github"]
    files = {k: os.path.join(contexts["runner"]["temp"], f"{job_id}-{k.lower()}") for k in
             ("GITHUB_ENV", "GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")}
    for f in files.values():
        open(f, "w").close()
    base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TERM", "JAVA_HOME", "DOCKER_HOST", "TMPDIR")
            if k in os.environ}
    base.update(
        CI="true", GITHUB_ACTIONS="true", GITHUB_WORKSPACE=run.workspace, GITHUB_RUN_ID=gh["run_id"],
        GITHUB_RUN_NUMBER=gh["run_number"], GITHUB_RUN_ATTEMPT=gh["run_attempt"], GITHUB_EVENT_NAME=event,
        GITHUB_REPOSITORY=gh["repository"], GITHUB_SHA=run.sha, GITHUB_JOB=job_id, RUNNER_OS="Linux",
        RUNNER_TEMP=contexts["runner"]["temp"],
        # this machine's, not GitHub's: no instance metadata service is asked for credentials here
        AWS_EC2_METADATA_DISABLED="true", **files)
    base.update(run.machine_env)
    job_deadline = time.monotonic() + 60 * float(job.get("timeout-minutes", 360))
    sessions, first_failed = [], None
    for n, step in enumerate(job.get("steps", []), 1):
        label = step_label(n, step)
        contexts["env"] = dict(env)
        for k, v in (step.get("env", {}) or {}).items():
            contexts["env"][k] = fill(v, contexts, status)
        if run.interrupted or not condition(step.get("if"), contexts, status):
            say(f"== step {n}: {label}: skipped (if: {step.get('if', 'success()')})")
            continue
        started = time.monotonic()
        log = os.path.join(run.logs, f"{n:02d}-{re.sub(r'[^A-Za-z0-9]+', '-', label).strip('-').lower()[:50]}.log")
        failure = None
        try:
            if "uses" in step:
                action = step["uses"].split("@")[0]
                if action not in USES:
                    raise Unsupported(f"step {n} ({label}): no stand-in for `uses: {step['uses']}`")
                args = {k: fill(v, contexts, status) for k, v in (step.get("with", {}) or {}).items()}
                message, more_env = USES[action](step, args, run)
                env.update(more_env)
                with open(log, "w") as f:
                    f.write(message + "\n")
                say(f"== step {n}: {label}{'' if 'name' not in step else ' (uses ' + step['uses'] + ')'}: {message}")
            else:
                failure = run_step(n, label, step, contexts, status, env, base, files, run, log, job_deadline,
                                   sessions, say)
                env.update(read_env_file(files["GITHUB_ENV"]))
        except StepFailed as e:
            failure = str(e)
        took = time.monotonic() - started
        if failure is None:
            output = open(log, errors="replace").read()
            expected = run.values.get("expect", {}).get(os.path.basename(run.workflow), {}).get(label, [])
            missing = [p for p in expected if not re.search(p, output, re.M)]
            if missing:
                failure = f"exit 0, but its output has no line matching {missing}: it did not do its work"
            for p in expected:
                for line in output.splitlines():
                    if re.search(p, line):
                        say("   it printed: " + line.strip())
                        break
        if failure is None:
            say(f"   step {n} ok in {took:.0f} s")
        elif step.get("continue-on-error") is True:
            say(f"   step {n} failed ({failure}) in {took:.0f} s; continue-on-error")
        else:
            say(f"   step {n} FAILED in {took:.0f} s: {failure}; see {log}")
            tail(log, say)
            status["failed"] = status["failed"] or label
            first_failed = first_failed or (label, failure)
    for sid in sessions:
        kill_session(sid)
    return first_failed


def read_env_file(path):
    """$GITHUB_ENV: NAME=value lines, and NAME<<EOF ... EOF blocks."""
    out, lines = {}, open(path).read().splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            block = []
            i += 1
            while i < len(lines) and lines[i] != delim:
                block.append(lines[i])
                i += 1
            out[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            out[name] = value
        i += 1
    return out


def tail(log, say, n=25):
    lines = open(log, errors="replace").read().splitlines()[-n:]
    for line in lines:
        say("   | " + line)


def run_step(n, label, step, contexts, status, env, base, files, run, log, job_deadline, sessions, say):
    shell = step.get("shell", "bash")
    if shell not in ("bash",):
        raise Unsupported(f"step {n} ({label}): `shell: {shell}` is not modelled here")
    text = fill(step["run"], contexts, status)
    script = os.path.join(contexts["runner"]["temp"], f"step-{n:02d}.sh")
    with open(script, "w") as f:
        f.write(text.rstrip("\n") + "\n")
    # GitHub: `bash -e {0}` without `shell:`, `bash --noprofile --norc -eo pipefail {0}` with it
    argv = ["bash", "-e", script] if "shell" not in step else ["bash", "--noprofile", "--norc", "-eo", "pipefail", script]
    cwd = os.path.join(run.workspace, fill(step.get("working-directory", "."), contexts, status))
    penv = {**base, **env, **contexts["env"]}
    penv["PATH"] = ":".join([p for p in open(files["GITHUB_PATH"]).read().splitlines() if p] + [penv["PATH"]])
    say(f"== step {n}: {label}")
    for line in text.rstrip("\n").splitlines():
        say("   $ " + line)
    bound = min(job_deadline, time.monotonic() + 60 * float(step.get("timeout-minutes", 1e6)))
    with open(log, "w") as out:
        # a session of its own, every signal at its default (as the runner starts a step's shell)
        proc = subprocess.Popen(argv, cwd=cwd, env=penv, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        sessions.append(proc.pid)
        run.current = proc
        try:
            while proc.poll() is None:
                if run.interrupted:
                    stop_like_github(proc, say)
                    return "interrupted (this check was stopped)"
                if time.monotonic() > bound:
                    say(f"  the step's time is up ({'timeout-minutes' if 'timeout-minutes' in step else 'the job'})")
                    stop_like_github(proc, say)
                    return f"timed out (exit {proc.poll()})"
                time.sleep(0.2)
        finally:
            run.current = None
    return None if proc.returncode == 0 else f"exit {proc.returncode}"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--workflow", required=True)
    p.add_argument("--event", required=True)
    p.add_argument("--values", required=True)
    p.add_argument("--workspace", required=True)
    p.add_argument("--logs", required=True)
    p.add_argument("--endpoint", required=True)
    p.add_argument("--registry", default="")
    p.add_argument("--plugin-dir", default="")
    p.add_argument("--machine-env", default="", help="NAME=value lines every step gets: this machine's"
                   " stand-ins for what GitHub's runners reach (public images)")
    a = p.parse_args()
    name = os.path.basename(a.workflow)

    def say(msg):
        print(f"[workflow-steps {name} {a.event}] {msg}", flush=True)

    values = yaml.safe_load(open(a.values))
    wf = yaml.safe_load(open(a.workflow))
    on = wf.get("on", wf.get(True))  # YAML 1.1 reads the key `on` as true
    triggers = on if isinstance(on, dict) else {t: {} for t in ([on] if isinstance(on, str) else on)}
    if a.event not in triggers:
        say(f"the workflow is not triggered by {a.event} (it is by {', '.join(triggers)})")
        return 2
    if a.event not in values.get("events", {}):
        say(f"no test values for the event {a.event} in {a.values}")
        return 2
    declared = ((triggers.get(a.event) or {}).get("inputs") or {}) if a.event == "workflow_dispatch" else {}
    given = (values["events"][a.event] or {}).get("inputs", {})
    inputs = {k: given.get(k, (d or {}).get("default")) for k, d in declared.items()}
    if (wf.get("defaults") or {}).get("run"):
        say("the workflow sets `defaults: run:`: not modelled here")
        return 2
    os.makedirs(a.logs, exist_ok=True)
    run = Run(a, values)
    run.workflow = a.workflow

    def interrupted(signum, _frame):
        run.interrupted = True
        say(f"{signal.Signals(signum).name}: stopping the running step as GitHub's cancel does")

    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    say(f"{run.sha[:12]} in {run.workspace}; inputs {inputs or 'none'}; emulator {a.endpoint}")
    started = time.monotonic()
    try:
        for job_id, job in wf["jobs"].items():
            failed = run_job(job_id, job, wf, run, a.event, inputs, say)
            if run.interrupted:
                say(f"interrupted after {time.monotonic() - started:.0f} s")
                return 130
            if failed:
                say(f"RED after {time.monotonic() - started:.0f} s: job {job_id}, step '{failed[0]}': {failed[1]}")
                return 1
            say(f"job {job_id}: every step passed")
    except Unsupported as e:
        say(f"NOT MODELLED: {e}")
        return 2
    say(f"green in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
