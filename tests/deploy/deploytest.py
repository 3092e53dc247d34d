"""Shared parts of the deployment tests: onsite-hq processes, HTTP calls, the unit's
settings file. Standard library only (Debian's python3)."""

import gzip
import http.client
import json
import os
import re
import shlex
import signal
import socket
import ssl
import subprocess
import sys
import time
import uuid

SKIP = 77  # ctest SKIP_RETURN_CODE


class TestFailure(Exception):
    pass


def log(message):
    print(message, flush=True)


def check(condition, message):
    if not condition:
        raise TestFailure(message)
    log("ok: " + message)


def env(name):
    value = os.environ.get(name)
    if not value:
        raise TestFailure(f"{name} is not set (ctest sets it; see tests/deploy/CMakeLists.txt)")
    return value


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args, **kwargs):
    """Runs a command, failing with its output when it fails."""
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise TestFailure(f"{shlex.join(map(str, args))} exited {result.returncode}:\n{result.stdout}{result.stderr}")
    return result.stdout


class HqProcess:
    """A running `onsite-hq serve`; its address comes from the line it prints."""

    def __init__(self, args, log_path, env=None, preexec_fn=None):
        self.log_path = log_path
        self._log = open(log_path, "w")
        self.process = subprocess.Popen(args, stdout=self._log, stderr=subprocess.STDOUT, env=env,
                                        preexec_fn=preexec_fn)
        self.url = None
        deadline = time.time() + 30
        while time.time() < deadline:
            with open(log_path) as f:
                text = f.read()
            match = re.search(r"listening on (https?://\S+)", text)
            if match:
                self.url = match.group(1).rstrip("/")
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        with open(log_path) as f:
            raise TestFailure(f"onsite-hq did not start ({shlex.join(map(str, args))}):\n{f.read()}")

    @property
    def port(self):
        return int(self.url.rsplit(":", 1)[1])

    def stop(self):
        """SIGTERM, as systemd stops it; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise TestFailure("onsite-hq did not stop within 20 s of SIGTERM")
        self._log.close()
        return self.process.returncode

    def log_text(self):
        with open(self.log_path) as f:
            return f.read()


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case names; Set-Cookie lines joined by "\n"
        self.body = body  # as received (still gzipped when Content-Encoding says so)

    def text(self):
        data = self.body
        if self.headers.get("content-encoding") == "gzip":
            data = gzip.decompress(data)
        return data.decode("utf-8")

    def json(self):
        return json.loads(self.text())


def request(base_url, method, path, body=None, headers=None, tls_context=None, host_header=None):
    """One HTTP/1.1 request; `base_url` is http://host:port or https://host:port."""
    scheme, rest = base_url.split("://", 1)
    host, port = rest.rsplit(":", 1)
    if scheme == "https":
        connection = http.client.HTTPSConnection(host, int(port), timeout=30,
                                                 context=tls_context or ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
    all_headers = dict(headers or {})
    if host_header:
        all_headers["Host"] = host_header
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
        all_headers.setdefault("Content-Type", "application/json")
    try:
        connection.request(method, path, body=body, headers=all_headers)
        reply = connection.getresponse()
        data = reply.read()
        names = {}
        for name, value in reply.getheaders():
            key = name.lower()
            names[key] = names[key] + "\n" + value if key in names else value
        return Answer(reply.status, names, data)
    finally:
        connection.close()


def sign_in(base_url, account, password, device_id, **kwargs):
    answer = request(base_url, "POST", "/api/v1/login",
                     {"account": account, "password": password, "device_id": device_id,
                      "device_name": "deploy test"}, **kwargs)
    if answer.status != 200:
        raise TestFailure(f"sign-in of {account} at {base_url}: {answer.status} {answer.body[:300]!r}")
    return answer.json()["token"]


def score_mutation(seq, unit, indicator, account, level):
    now_ms = int(time.time() * 1000)
    return {"seq": seq, "entity": "score", "id": str(uuid.uuid4()), "op": "upsert",
            "hlc": f"{now_ms:013d}-00000",
            "data": {"unit": unit, "indicator": indicator, "account": account, "kind": "rater", "input": level,
                     "reason": "", "recorded_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())}}


def pull_all(base_url, token, **kwargs):
    """Every change the account may see, page by page; returns (changes, cursor)."""
    changes, cursor = [], 0
    for _ in range(1000):
        answer = request(base_url, "GET", f"/api/v1/sync/pull?since={cursor}&limit=500",
                         headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"}, **kwargs)
        if answer.status != 200:
            raise TestFailure(f"pull since {cursor}: {answer.status} {answer.body[:300]!r}")
        page = answer.json()
        changes += page["changes"]
        cursor = page["cursor"]
        if not page.get("more", False):
            return changes, cursor
    raise TestFailure("pull did not end")


def make_certificate(folder, host, cert_name="fullchain.pem", key_name="privkey.pem"):
    """A self-signed certificate for `host` and 127.0.0.1; returns (certificate, key) paths."""
    cert, key = os.path.join(folder, cert_name), os.path.join(folder, key_name)
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={host}",
         "-addext", f"subjectAltName=DNS:{host},IP:127.0.0.1", "-keyout", key, "-out", cert])
    return cert, key


def read_environment_file(path):
    """KEY=value lines as systemd's EnvironmentFile= reads them (quotes removed)."""
    values = {}
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            key, _, value = line.partition("=")
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            values[key.strip()] = value
    return values


def read_unit(path):
    """The [Service] settings of a unit file: name → list of values, in order."""
    settings, section = {}, None
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("["):
                section = line
                continue
            if section == "[Service]":
                key, _, value = line.partition("=")
                settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def expand_command(command, variables):
    """An ExecStart= line as systemd expands it: ${VAR} is one word, $VAR splits into
    words and an empty one vanishes."""
    words = []
    for word in shlex.split(command):
        whole = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if whole:
            words += variables.get(whole.group(1), "").split()
            continue
        words.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: variables.get(m.group(1), ""), word))
    return words


def main(test):
    try:
        code = test()
    except TestFailure as failure:
        print(f"FAILED: {failure}", file=sys.stderr, flush=True)
        return 1
    return code or 0
