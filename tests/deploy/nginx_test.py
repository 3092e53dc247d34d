#!/usr/bin/env python3
"""ctest onsite_deploy_nginx: Debian's nginx with deploy/nginx/onsite.conf in front of
onsite-hq, as docs/DEPLOY.md describes it.

Two onsite-hq processes share one PostgreSQL database and one data folder (one process
on SQLite when ONSITE_TEST_POSTGRES_URL is not set, outside CI). nginx ends TLS on a
loopback port; the committed file is used as it is, with only its listen addresses,
certificate paths and upstream ports replaced. Through nginx: the plain-HTTP redirect,
status, two tablets signing in, pushing (plain and gzipped) and pulling each other's
scores whichever process answers, both processes taking requests, a photo uploaded in
chunks to one process, HQ's own 413, the console page and script (gzipped), a console
session whose cookie nginx marks Secure, and the service going on when one process stops.
"""

import base64
import gzip
import hashlib
import json
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deploytest import (SKIP, HqProcess, TestFailure, check, env, free_port, log, main, make_certificate,  # noqa: E402
                        pull_all, request, run, score_mutation, sign_in)

HOST = "onsite.example.org"  # the config's server_name


def replace_exactly(text, old, new, count):
    found = text.count(old)
    if found != count:
        raise TestFailure(f"deploy/nginx/onsite.conf: expected {count}× {old!r}, found {found}: "
                          "the test and the config no longer match")
    return text.replace(old, new)


def site_config(source, tls_port, http_port, cert, key, hq_ports):
    with open(source) as f:
        text = f.read()
    text = replace_exactly(text, "listen 443 ssl http2;", f"listen 127.0.0.1:{tls_port} ssl http2;", 1)
    text = replace_exactly(text, "listen [::]:443 ssl http2;", "", 1)
    text = replace_exactly(text, "listen 80;", f"listen 127.0.0.1:{http_port};", 1)
    text = replace_exactly(text, "listen [::]:80;", "", 1)
    text = replace_exactly(text, "/etc/onsite/tls/fullchain.pem", cert, 1)
    text = replace_exactly(text, "/etc/onsite/tls/privkey.pem", key, 1)
    text = replace_exactly(text, "127.0.0.1:8080", f"127.0.0.1:{hq_ports[0]}", 2)
    if len(hq_ports) > 1:
        text = replace_exactly(text, "127.0.0.1:8081", f"127.0.0.1:{hq_ports[1]}", 2)
    else:
        text = "\n".join(line for line in text.splitlines() if "127.0.0.1:8081" not in line)
    return text


def main_config(work, site):
    temp = os.path.join(work, "nginx-temp")
    os.makedirs(temp)
    if os.geteuid() == 0:  # the workers run as nobody and write request bodies here
        shutil.chown(temp, "nobody")
    paths = "\n".join(f"    {kind}_temp_path {temp}/{kind};" for kind in
                      ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log info;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format upstreams '$request_method $uri $status $upstream_addr';
    access_log {work}/nginx-access.log upstreams;
{paths}
    include {site};
}}
"""


def postgres_database():
    server = os.environ.get("ONSITE_TEST_POSTGRES_URL")
    if not server:
        if os.environ.get("CI") == "true":
            raise TestFailure("ONSITE_TEST_POSTGRES_URL is not set; CI runs this test on PostgreSQL")
        log("note: ONSITE_TEST_POSTGRES_URL is not set: one onsite-hq on SQLite behind nginx, not two")
        return None
    name = "onsite_deploy_nginx_test"
    for statement in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        run(["psql", server, "-q", "-v", "ON_ERROR_STOP=1", "-c", statement])
    parts = urllib.parse.urlsplit(server)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def drop_database(url):
    server = os.environ["ONSITE_TEST_POSTGRES_URL"]
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    subprocess.run(["psql", server, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], capture_output=True)


def web_root(work):
    built = env("ONSITE_WEB_ROOT")
    if os.path.isfile(os.path.join(built, "index.html")):
        return built
    log("note: the console bundle is not built here (no Node.js): a stand-in page and script are served")
    root = os.path.join(work, "web")
    os.makedirs(os.path.join(root, "assets"))
    with open(os.path.join(root, "index.html"), "w") as f:
        f.write('<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head>'
                '<body><div id="app"></div></body></html>\n')
    with open(os.path.join(root, "assets/app.js"), "w") as f:
        f.write("// stand-in console script\n" + "console.log('onsite');\n" * 200)
    return root


def upstreams_used(work, method, uri_prefix):
    with open(os.path.join(work, "nginx-access.log")) as f:
        return [line.split()[3] for line in f
                if line.startswith(f"{method} {uri_prefix}") and len(line.split()) > 3]


class Nginx:
    def __init__(self, work, conf, tls_port):
        run(["nginx", "-t", "-q", "-p", work, "-c", conf])
        self.process = subprocess.Popen(["nginx", "-p", work, "-c", conf], stdout=subprocess.DEVNULL,
                                        stderr=open(os.path.join(work, "nginx-stderr.log"), "w"))
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", tls_port), timeout=1).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        raise TestFailure("nginx did not start: " + open(os.path.join(work, "nginx-error.log")).read()[-2000:])

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def test():
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if not nginx:
        if os.environ.get("CI") == "true":
            raise TestFailure("nginx is not installed; scripts/setup.sh installs it")
        log("SKIPPED: nginx is not installed (scripts/setup.sh installs Debian's nginx)")
        return SKIP
    os.environ["PATH"] = os.path.dirname(nginx) + os.pathsep + os.environ.get("PATH", "")
    hq_binary = env("ONSITE_HQ")
    fixtures = env("ONSITE_SAMPLE_CAMPAIGN_DIR")
    source = os.path.join(env("ONSITE_SOURCE_DIR"), "deploy/nginx/onsite.conf")
    work = tempfile.mkdtemp(prefix="onsite-nginx-")
    os.chmod(work, 0o755)
    database = None
    processes, proxy = [], None
    try:
        database = postgres_database()
        data = os.path.join(work, "hq")
        db_args = ["--db", database] if database else []
        run([hq_binary, "init", "--data", data] + db_args)
        run([hq_binary, "import-campaign", fixtures, "--data", data] + db_args)
        passwords = {"g1.li": "li-nginx-2026", "g1.zhang": "zhang-nginx-2026", "kpb.admin": "admin-nginx-2026"}
        for account, password in passwords.items():
            run([hq_binary, "set-password", account, "--data", data] + db_args, input=password + "\n")
        root = web_root(work)
        for n in range(2 if database else 1):
            processes.append(HqProcess([hq_binary, "serve", "--data", data, *db_args, "--listen", "127.0.0.1:0",
                                        "--web-root", root, "--max-connections-per-address", "1024"],
                                       os.path.join(work, f"serve-{n}.log")))
        ports = [p.port for p in processes]
        log(f"onsite-hq on {', '.join(map(str, ports))} ({'PostgreSQL' if database else 'SQLite'})")

        cert, key = make_certificate(work, HOST)
        tls_port, http_port = free_port(), free_port()
        site = os.path.join(work, "onsite.conf")
        with open(site, "w") as f:
            f.write(site_config(source, tls_port, http_port, cert, key, ports))
        conf = os.path.join(work, "nginx.conf")
        with open(conf, "w") as f:
            f.write(main_config(work, site))
        proxy = Nginx(work, conf, tls_port)
        tls = ssl.create_default_context(cafile=cert)
        url = f"https://127.0.0.1:{tls_port}"
        call = {"tls_context": tls, "host_header": HOST}

        plain = request(f"http://127.0.0.1:{http_port}", "GET", "/api/v1/status", host_header=HOST)
        check(plain.status == 301 and plain.headers.get("location", "").startswith(f"https://{HOST}/"),
              f"plain HTTP is redirected to HTTPS ({plain.status} {plain.headers.get('location')})")
        status = request(url, "GET", "/api/v1/status", **call)
        check(status.status == 200 and status.json()["service"] == "onsite-hq", "status answers through nginx (TLS)")
        check("max-age" in status.headers.get("strict-transport-security", ""), "nginx sends HSTS")

        # Two tablets of group 1, each request to whichever process nginx picks.
        li = sign_in(url, "g1.li", passwords["g1.li"], "tablet-li", **call)
        zhang = sign_in(url, "g1.zhang", passwords["g1.zhang"], "tablet-zhang", **call)
        wrong = request(url, "POST", "/api/v1/login", {"account": "g1.li", "password": "not-the-password",
                                                       "device_id": "tablet-x", "device_name": "x"}, **call)
        check(wrong.status == 401 and wrong.json()["error"] == "invalid_credentials",
              "a wrong password gets HQ's 401 through nginx")
        bodies = {"li": [score_mutation(1, "DC", "1.4", "g1.li", "好")],
                  "zhang": [score_mutation(1, "DC", "1.4", "g1.zhang", "较好")]}
        push = request(url, "POST", "/api/v1/sync/push", {"device_id": "tablet-li", "mutations": bodies["li"]},
                       headers={"Authorization": f"Bearer {li}"}, **call)
        check(push.status == 200 and push.json()["results"][0]["status"] == "applied", "a plain push is applied")
        packed = gzip.compress(json.dumps({"device_id": "tablet-zhang", "mutations": bodies["zhang"]}).encode())
        push = request(url, "POST", "/api/v1/sync/push", packed,
                       headers={"Authorization": f"Bearer {zhang}", "Content-Type": "application/json",
                                "Content-Encoding": "gzip"}, **call)
        check(push.status == 200 and push.json()["results"][0]["status"] == "applied",
              f"a gzipped push is applied ({push.status} {push.body[:120]!r})")
        setup = request(url, "GET", "/api/v1/bootstrap",
                        headers={"Authorization": f"Bearer {li}", "Accept-Encoding": "gzip"}, **call)
        check(setup.status == 200 and setup.headers.get("content-encoding") == "gzip"
              and setup.json()["me"]["account"] == "g1.li",
              f"the set-up (bootstrap) comes gzipped through nginx ({setup.status}, "
              f"{setup.headers.get('content-encoding')}, {len(setup.body)} bytes)")
        for token, name in ((li, "g1.li"), (zhang, "g1.zhang")):
            seen = set()
            for _ in range(3):  # pulls go to both processes in turn; each must show both scores
                changes, _ = pull_all(url, token, **call)
                scores = {(c["data"]["account"], c["data"]["input"]) for c in changes if c["entity"] == "score"
                          and c["data"].get("unit") == "DC" and c["data"].get("indicator") == "1.4"}
                seen.add(frozenset(scores))
            check(seen == {frozenset({("g1.li", "好"), ("g1.zhang", "较好")})},
                  f"{name}'s tablet pulls both tablets' scores, every time")
        # Protocol 2 (the app's): a compact pull page, then "nothing new" as a bare 204.
        page = request(url, "GET", "/api/v2/sync/pull?s=0", headers={"Authorization": f"Bearer {li}"}, **call)
        check(page.status == 200 and '"c":[' in page.text() and '"e":"s"' in page.text(),
              f"a compact pull page comes through nginx ({page.status} {page.body[:120]!r})")
        incarnation = page.json()["incarnation"]
        tag = base64.urlsafe_b64encode(hashlib.sha256(incarnation.encode()).digest()[:6]).decode()
        quiet = request(url, "GET", f"/api/v2/sync/pull?s={page.json()['r']}&n={tag}",
                        headers={"Authorization": f"Bearer {li}"}, **call)
        check(quiet.status == 204 and quiet.body == b"", f"nothing new is a bare 204 through nginx ({quiet.status})")
        used = set(upstreams_used(work, "GET", "/api/v1/sync/pull"))
        if len(ports) > 1:
            check(used == {f"127.0.0.1:{p}" for p in ports}, f"nginx spreads the pulls over both processes {used}")

        # A photo in two chunks: both to the same process (hash by token).
        photo = b"\xff\xd8\xff\xe0" + os.urandom(200_000) + b"\xff\xd9"
        digest = hashlib.sha256(photo).hexdigest()
        half = len(photo) // 2
        for offset, chunk in ((0, photo[:half]), (half, photo[half:])):
            put = request(url, "PUT", f"/api/v1/photos/{digest}?offset={offset}&total={len(photo)}", chunk,
                          headers={"Authorization": f"Bearer {li}", "Content-Type": "application/octet-stream"},
                          **call)
            check(put.status == 200, f"photo chunk at {offset} accepted ({put.status} {put.body[:120]!r})")
        check(put.json().get("complete") is True, "the photo is complete after its last chunk")
        state = request(url, "GET", f"/api/v1/photos/{digest}", headers={"Authorization": f"Bearer {li}"}, **call)
        check(state.status == 200 and state.json().get("received") == len(photo), "HQ has every byte of the photo")
        chunk_upstreams = upstreams_used(work, "PUT", f"/api/v1/photos/{digest}")
        check(len(chunk_upstreams) == 2 and len(set(chunk_upstreams)) == 1,
              f"both chunks went to one process ({chunk_upstreams})")

        big = request(url, "POST", "/api/v1/sync/push", b"{" + b" " * (3 * 1024 * 1024) + b"}",
                      headers={"Authorization": f"Bearer {li}", "Content-Type": "application/json"}, **call)
        check(big.status == 413 and big.json().get("error") == "body_too_large",
              f"an oversized push gets HQ's JSON 413 ({big.status} {big.body[:200]!r})")
        big = request(url, "POST", "/api/v2/sync/push", b"{" + b" " * (3 * 1024 * 1024) + b"}",
                      headers={"Authorization": f"Bearer {li}", "Content-Type": "application/json"}, **call)
        check(big.status == 413 and big.json().get("error") == "body_too_large",
              f"an oversized compact push gets the same JSON 413 ({big.status})")
        login = request(url, "POST", "/api/v1/login", b"{" + b" " * 20000 + b"}",
                        headers={"Content-Type": "application/json"}, **call)
        check(login.status == 413 and login.json().get("error") == "body_too_large",
              f"an oversized sign-in gets the same JSON 413 ({login.status})")

        # The console: page, script (gzipped), a session whose cookie nginx marks Secure.
        index = request(url, "GET", "/", headers={"Accept-Encoding": "gzip"}, **call)
        check(index.status == 200 and '<div id="app"' in index.text(), "the console page loads through nginx")
        script = re.search(r'src="(/assets/[^"]+\.js)"', index.text()).group(1)
        asset = request(url, "GET", script, headers={"Accept-Encoding": "gzip"}, **call)
        with open(os.path.join(root, script.lstrip("/")), "rb") as f:
            on_disk = f.read()
        check(asset.status == 200 and asset.headers.get("content-encoding") == "gzip"
              and gzip.decompress(asset.body) == on_disk, f"the console script {script} comes gzipped and intact")
        session = request(url, "POST", "/api/v1/hq/session",
                          {"account": "kpb.admin", "password": passwords["kpb.admin"]}, **call)
        cookie = session.headers.get("set-cookie", "")
        check(session.status == 200 and "onsite_session=" in cookie, "the console signs in through nginx")
        check(re.search(r";\s*secure", cookie, re.I) is not None, f"nginx marks the session cookie Secure ({cookie})")
        jar = cookie.split(";", 1)[0]
        for _ in range(len(ports)):  # the session lives in the database: every process knows it
            again = request(url, "GET", "/api/v1/hq/session", headers={"Cookie": jar}, **call)
            check(again.status == 200 and again.json()["account"] == "kpb.admin", "the console session holds")
        progress = request(url, "GET", "/api/v1/hq/progress", headers={"Cookie": jar, "Accept-Encoding": "gzip"},
                           **call)
        check(progress.status == 200, f"a console page's data loads ({progress.status})")

        if len(processes) > 1:
            check(processes[1].stop() == 0, "one onsite-hq process stops")
            for _ in range(4):
                answer = request(url, "GET", "/api/v1/status", **call)
                check(answer.status == 200, "status still answers through nginx with one process left")
            changes, _ = pull_all(url, zhang, **call)
            check(any(c["entity"] == "score" and c["data"].get("account") == "g1.li" for c in changes),
                  "a tablet still pulls with one process left")
        # Last, as it uses up this client's sign-in allowance at nginx: a burst of sign-in
        # POSTs (malformed, so HQ's own failed-sign-in count stays untouched) is cut off by
        # nginx after its burst, with HQ's JSON and a Retry-After.
        answers = [request(url, "POST", "/api/v1/hq/session", {}, **call) for _ in range(30)]
        codes = [a.status for a in answers]
        check(set(codes) <= {400, 429} and codes[:15] == [400] * 15,
              f"HQ answers the burst's first malformed sign-ins itself ({codes})")
        refused = [a for a in answers if a.status == 429]
        check(len(refused) >= 5 and all(a.json().get("error") == "too_many_attempts"
                                        and a.headers.get("retry-after") == "10" for a in refused),
              f"nginx refuses the rest as too_many_attempts with Retry-After ({len(refused)} of 30)")
        log("onsite_deploy_nginx: passed")
    except TestFailure:
        for n, process in enumerate(processes):
            log(f"--- onsite-hq {n} log (last lines)\n" + process.log_text()[-1500:])
        error_log = os.path.join(work, "nginx-error.log")
        if os.path.exists(error_log):
            log("--- nginx error log (last lines)\n" + open(error_log).read()[-1500:])
        raise
    finally:
        if proxy:
            proxy.stop()
        for process in processes:
            process.stop()
        if database:
            drop_database(database)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(test))
