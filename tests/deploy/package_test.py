#!/usr/bin/env python3
"""ctest onsite_deploy_package: `cmake --install` and the Debian package of onsite-hq.

1. `cmake --install` into a scratch prefix: the binary finds the console beside it.
2. cpack builds onsite-hq_<version>_<arch>.deb from this build tree; its control data,
   files, permissions and maintainer scripts are checked; `systemd-analyze verify` and
   `security` judge the unit.
3. As root, where the package is not installed already: `dpkg -i`, then the service is
   started as its unit starts it (systemctl where systemd runs; otherwise the unit's
   ExecStartPre/ExecStart with its EnvironmentFile, as its user, without privileges) and
   answers /api/v1/status and the console; onsite-hq-admin imports the sample campaign and
   sets a password into the same data; a device signs in, pushes and pulls; `dpkg --purge`
   removes the package and keeps the data. Not root: the package is unpacked into a
   scratch root and its binary run from there instead (said in the output).
"""

import glob
import os
import pwd
import re
import shutil
import ssl
import stat
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from deploytest import (HqProcess, TestFailure, check, env, expand_command, free_port, log, main,  # noqa: E402
                        make_certificate, pull_all, read_environment_file, read_unit, request, run, score_mutation,
                        sign_in)
from unitsandbox import SandboxedStart  # noqa: E402

UNIT = "/lib/systemd/system/onsite-hq.service"
TEMPLATE = "/lib/systemd/system/onsite-hq@.service"
ENV_FILE = "/etc/onsite/onsite-hq.env"
DATA = "/var/lib/onsite"
WANTS = "/etc/systemd/system/multi-user.target.wants/onsite-hq.service"


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def check_console(url, web_root_in_package):
    """The console's index and one of its scripts, or the 503 of a build without Node."""
    index = request(url, "GET", "/")
    if web_root_in_package:
        check(index.status == 200 and "text/html" in index.headers.get("content-type", ""),
              f"the console page loads from {url}/ (HTTP {index.status})")
        script = re.search(r'src="(/assets/[^"]+\.js)"', index.text())
        check(script is not None, "the console page names its script")
        asset = request(url, "GET", script.group(1))
        check(asset.status == 200 and "javascript" in asset.headers.get("content-type", ""),
              f"the console script {script.group(1)} loads (HTTP {asset.status})")
    else:
        check(index.status == 503, "without a built console, / answers 503 (this build has no web bundle)")


def check_status(url):
    answer = request(url, "GET", "/api/v1/status")
    check(answer.status == 200 and answer.json().get("service") == "onsite-hq",
          f"{url}/api/v1/status answers {answer.status} {answer.body[:80]!r}")


def test_cmake_install(build, work, has_web):
    prefix = os.path.join(work, "prefix")
    run(["cmake", "--install", build, "--prefix", prefix])
    check(os.access(os.path.join(prefix, "bin/onsite-hq"), os.X_OK), "cmake --install puts bin/onsite-hq")
    check(os.access(os.path.join(prefix, "sbin/onsite-hq-admin"), os.X_OK), "cmake --install puts sbin/onsite-hq-admin")
    check(os.path.isfile(os.path.join(prefix, "share/doc/onsite-hq/DEPLOY.md")), "cmake --install puts the docs")
    check(os.path.isfile(os.path.join(prefix, "share/doc/onsite-hq/examples/nginx/onsite.conf")),
          "cmake --install puts the nginx example")
    check(os.path.isfile(os.path.join(prefix, "share/onsite-hq/web/index.html")) == has_web,
          "cmake --install puts the console bundle in share/onsite-hq/web when it was built")
    check(not os.path.exists(os.path.join(prefix, "etc")) and not os.path.exists(os.path.join(prefix, "lib")),
          "a plain cmake --install leaves the system component (unit, /etc/onsite) out")
    data = os.path.join(work, "prefix-data")
    run([os.path.join(prefix, "bin/onsite-hq"), "init", "--data", data])
    hq = HqProcess([os.path.join(prefix, "bin/onsite-hq"), "serve", "--data", data, "--listen", "127.0.0.1:0"],
                   os.path.join(work, "prefix-serve.log"))
    try:
        check_status(hq.url)
        check_console(hq.url, has_web)  # no --web-root: found relative to the binary
    finally:
        check(hq.stop() == 0, "the cmake-installed onsite-hq stops cleanly on SIGTERM")


def build_package(build, work):
    out = os.path.join(work, "pkg")
    run(["cpack", "--config", os.path.join(build, "CPackConfig.cmake"), "-B", out], cwd=work)
    debs = glob.glob(os.path.join(out, "onsite-hq_*.deb"))
    check(len(debs) == 1, f"cpack made one onsite-hq .deb ({[os.path.basename(d) for d in debs]})")
    return debs[0]


def test_package_contents(deb, has_web, version):
    info = run(["dpkg-deb", "-f", deb, "Package", "Version", "Depends", "Architecture"])
    fields = dict(line.split(": ", 1) for line in info.strip().splitlines())
    check(fields["Package"] == "onsite-hq", "the package is named onsite-hq")
    check(fields["Version"] == f"{version}-1", f"its version is the project's, {version}-1 ({fields['Version']})")
    arch = run(["dpkg", "--print-architecture"]).strip()
    check(fields["Architecture"] == arch, f"it is built for {arch}")
    for dependency in ("libqt6core6", "libsqlite3-0", "libpq5", "libsodium23", "libssl3", "qt6-qpa-plugins", "adduser"):
        check(dependency in fields["Depends"], f"it depends on {dependency}")
    listing = run(["dpkg-deb", "-c", deb])
    entries = {}
    for line in listing.splitlines():
        parts = line.split()
        entries[parts[-1].lstrip(".")] = parts[0]
    for path in ("/usr/bin/onsite-hq", "/usr/sbin/onsite-hq-admin", UNIT, TEMPLATE, ENV_FILE,
                 "/usr/share/doc/onsite-hq/DEPLOY.md", "/usr/share/doc/onsite-hq/examples/nginx/onsite.conf"):
        check(path in entries, f"the package holds {path}")
    check(entries[ENV_FILE] == "-rw-------", f"{ENV_FILE} is root's only in the package ({entries[ENV_FILE]})")
    check(("/usr/share/onsite-hq/web/index.html" in entries) == has_web,
          "the package holds the console bundle when it was built")
    check(not any(p.endswith(("/bin/onsite", "/bin/onsite-field")) for p in entries),
          "the package holds neither the tablet app nor onsite-field")
    control = tempfile.mkdtemp()
    try:
        run(["dpkg-deb", "-e", deb, control])
        with open(os.path.join(control, "conffiles")) as f:
            check(f.read().split() == [ENV_FILE], "the settings file is a conffile (kept over upgrades)")
        for script in ("postinst", "prerm", "postrm"):
            path = os.path.join(control, script)
            check(mode_of(path) == 0o755, f"{script} is executable")
            run(["sh", "-n", path])
        with open(os.path.join(control, "postinst")) as f:
            postinst = f.read()
        check("adduser --system" in postinst and "0700 /var/lib/onsite" in postinst,
              "postinst makes the system user onsite and /var/lib/onsite 0700")
    finally:
        shutil.rmtree(control)


def analyze_unit(unit_dir, root):
    """systemd-analyze verify (on units whose binary exists) and the unit's exposure score."""
    if not shutil.which("systemd-analyze"):
        log("note: systemd-analyze is not installed; the unit is not verified")
        return
    for name in ("onsite-hq.service", "onsite-hq@8081.service"):  # the second: an instance of the template
        verify = subprocess.run(["systemd-analyze", "verify", "--man=no", os.path.join(unit_dir, name)],
                                capture_output=True, text=True)
        check(verify.returncode == 0 and not (verify.stdout + verify.stderr).strip(),
              f"systemd-analyze verify accepts {name} {verify.stdout}{verify.stderr}".strip())
    security = subprocess.run(["systemd-analyze", "security", "--offline=yes", f"--root={root}", "onsite-hq.service"],
                              capture_output=True, text=True)
    match = re.search(r"Overall exposure level for onsite-hq.service: ([0-9.]+)", security.stdout + security.stderr)
    check(match is not None, "systemd-analyze security rates the unit")
    check(float(match.group(1)) <= 2.0, f"the unit's exposure level is {match.group(1)} (at most 2.0: hardened)")


def unpacked_root(deb, work):
    root = os.path.join(work, "root")
    run(["dpkg-deb", "-x", deb, root])
    return root


def test_scratch_root(deb, work, has_web, reason):
    log(f"note: {reason}; the package is unpacked into a scratch root and run from there instead")
    root = unpacked_root(deb, work)
    units = os.path.join(work, "units")
    os.makedirs(units)
    for unit in (UNIT, TEMPLATE):
        with open(os.path.join(root, unit.lstrip("/"))) as f:
            text = f.read().replace("/usr/bin/onsite-hq", os.path.join(root, "usr/bin/onsite-hq"))
        with open(os.path.join(units, os.path.basename(unit)), "w") as f:
            f.write(text)
    analyze_unit(units, root)
    data = os.path.join(work, "data")
    hq_binary = os.path.join(root, "usr/bin/onsite-hq")
    run([hq_binary, "init", "--data", data])
    hq = HqProcess([hq_binary, "serve", "--data", data, "--listen", "127.0.0.1:0"], os.path.join(work, "serve.log"))
    try:
        check_status(hq.url)
        check_console(hq.url, has_web)
    finally:
        check(hq.stop() == 0, "the unpacked onsite-hq stops cleanly on SIGTERM")


def service_command(port, quiet=False):
    """The unit's commands and environment, with its listen address moved to `port`."""
    unit = read_unit(UNIT)
    variables = {}
    for line in unit.get("Environment", []):
        for word in line.split():
            key, _, value = word.partition("=")
            variables[key] = value
    check(unit["EnvironmentFile"] == [ENV_FILE], f"the unit reads {ENV_FILE}")
    variables.update(read_environment_file(ENV_FILE))
    check(variables.get("ONSITE_HQ_DATA") == DATA, f"the settings keep the data in {DATA}")
    if not quiet:
        log(f"note: listening on 127.0.0.1:{port} instead of {variables.get('ONSITE_LISTEN')} (which may be taken here)")
    variables["ONSITE_LISTEN"] = f"127.0.0.1:{port}"
    sandbox = SandboxedStart(unit)
    for note in [] if quiet else sandbox.notes:
        log(note)
    if os.environ.get("CI") == "true" and sandbox.syscalls is None:
        raise TestFailure("CI imitates the unit's SystemCallFilter: python3-seccomp (scripts/setup.sh) is missing")
    pre = [expand_command(line, variables) for line in unit.get("ExecStartPre", [])]
    start = expand_command(unit["ExecStart"][0], variables)
    environment = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", **variables}
    return pre, start, environment, sandbox


def process_status(pid):
    with open(f"/proc/{pid}/status") as f:
        return dict(line.rstrip("\n").split(":\t", 1) for line in f if ":\t" in line)


def test_installed(deb, work, has_web, fixtures):
    user_existed = subprocess.run(["getent", "passwd", "onsite"], capture_output=True).returncode == 0
    run(["dpkg", "-i", deb])
    hq = None
    try:
        onsite = pwd.getpwnam("onsite")
        check(onsite.pw_uid < 1000 and onsite.pw_shell.endswith("nologin"),
              f"postinst made the system user onsite (uid {onsite.pw_uid}, no shell)")
        info = os.stat(DATA)
        check(info.st_uid == onsite.pw_uid and mode_of(DATA) == 0o700, f"{DATA} is onsite's, 0700")
        check(os.stat(ENV_FILE).st_uid == 0 and mode_of(ENV_FILE) == 0o600, f"{ENV_FILE} is root's, 0600")
        if shutil.which("deb-systemd-helper"):
            check(os.path.islink(WANTS), "postinst enables the service (multi-user.target wants it)")
        analyze_unit(os.path.dirname(UNIT), unpacked_root(deb, work))

        port = free_port()
        url = f"http://127.0.0.1:{port}"
        if os.path.isdir("/run/systemd/system"):
            log("systemd runs here: the service is started with systemctl")
            with open(ENV_FILE) as f:
                text = f.read()
            with open(ENV_FILE, "w") as f:
                f.write(re.sub(r'(?m)^ONSITE_LISTEN=.*$', f'ONSITE_LISTEN="127.0.0.1:{port}"', text))
            run(["systemctl", "restart", "onsite-hq.service"])
            pid = int(run(["systemctl", "show", "-P", "MainPID", "onsite-hq.service"]).strip())
            for _ in range(100):
                try:
                    check_status(url)
                    break
                except (OSError, TestFailure):
                    subprocess.run(["sleep", "0.2"])
        else:
            log("systemd is not PID 1 here: the unit's commands are run as it would run them")
            pre, start, environment, sandbox = service_command(port)
            if sandbox.syscalls is not None:  # the imitation is real: ptrace(PTRACE_TRACEME) is not a service's
                probe = subprocess.run([sys.executable, "-c", "import ctypes; l = ctypes.CDLL(None, use_errno=True); "
                                        "print(l.syscall(101, 0, 0, 0, 0), ctypes.get_errno())"],
                                       preexec_fn=sandbox.preexec(), capture_output=True, text=True)
                check(probe.stdout.split() == ["-1", "1"], f"the imitated filter refuses ptrace with EPERM ({probe.stdout!r})")
            for command in pre:
                subprocess.run(command, check=True, env=environment, preexec_fn=sandbox.preexec())
            hq = HqProcess(start, os.path.join(work, "service.log"), env=environment, preexec_fn=sandbox.preexec())
            check(hq.url == url, f"the service listens where its settings say ({hq.url})")
            pid = hq.process.pid
            check(os.path.realpath(f"/proc/{pid}/exe") == "/usr/bin/onsite-hq", "the packaged binary runs")

        status = process_status(pid)
        check(status["Uid"].split()[0] == str(onsite.pw_uid), "the service runs as onsite")
        check(status["CapBnd"].strip("0") == "" and status["CapEff"].strip("0") == "",
              "the service holds no capabilities")
        check(status["NoNewPrivs"].strip() == "1", "the service cannot gain privileges (NoNewPrivs)")
        check(status["Seccomp"].strip() == "2", "the service runs under a system call filter (seccomp)")
        check_status(url)
        check_console(url, has_web)
        database = os.path.join(DATA, "hq.sqlite")
        check(os.stat(database).st_uid == onsite.pw_uid and mode_of(database) == 0o600,
              "the database is onsite's, 0600")
        key = os.path.join(DATA, "history.key")
        check(os.stat(key).st_uid == onsite.pw_uid and mode_of(key) == 0o600, "history.key is onsite's, 0600")

        # First campaign and a password through onsite-hq-admin, then a device at the service.
        campaign = os.path.join(work, "campaign")
        shutil.copytree(fixtures, campaign)
        for folder, _, files in os.walk(work):
            os.chmod(folder, 0o755)
        for name in os.listdir(campaign):
            os.chmod(os.path.join(campaign, name), 0o644)
        missing = subprocess.run(["/usr/sbin/onsite-hq-admin", "results"], capture_output=True, text=True,
                                 env={**os.environ, "ONSITE_ENV_FILE": os.path.join(work, "no-such.env")})
        check(missing.returncode == 1 and "cannot read" in missing.stderr,
              "onsite-hq-admin refuses a settings file it cannot read")
        unreadable = subprocess.run(["/usr/sbin/onsite-hq-admin", "import-campaign", os.path.join(work, "nowhere")],
                                    capture_output=True, text=True)
        check(unreadable.returncode != 0,
              f"onsite-hq-admin passes a failing command's exit code on ({unreadable.returncode})")
        run(["/usr/sbin/onsite-hq-admin", "import-campaign", campaign])
        run(["/usr/sbin/onsite-hq-admin", "set-password", "g1.li"], input="li-deploy-2026\n")
        check(os.stat(database).st_uid == onsite.pw_uid, "admin commands leave the data onsite's")
        run(["/usr/sbin/onsite-hq-admin", "set-password", "kpb.admin"], input="admin-deploy-2026\n")
        session = request(url, "POST", "/api/v1/hq/session", {"account": "kpb.admin", "password": "admin-deploy-2026"})
        check(session.status == 200, f"the console signs in at the service ({session.status})")
        cookie = session.headers["set-cookie"].split(";", 1)[0]
        report = request(url, "GET", "/api/v1/hq/exports/report.pdf", headers={"Cookie": cookie})
        check(report.status == 200 and report.body.startswith(b"%PDF"),
              f"the service renders the PDF report (QtGui offscreen, fonts) ({report.status}, {len(report.body)} bytes)")
        token = sign_in(url, "g1.li", "li-deploy-2026", "deploy-tablet")
        log("ok: the password set by onsite-hq-admin signs in at the service")
        push = request(url, "POST", "/api/v1/sync/push",
                       {"device_id": "deploy-tablet", "mutations": [score_mutation(1, "DC", "1.4", "g1.li", "好")]},
                       headers={"Authorization": f"Bearer {token}"})
        check(push.status == 200 and push.json()["results"][0]["status"] == "applied",
              f"a push is applied ({push.status} {push.body[:200]!r})")
        changes, _ = pull_all(url, token)
        check(any(c["entity"] == "score" and c["data"].get("account") == "g1.li" for c in changes),
              "the pushed score comes back in a pull")
        # The online backup docs/DEPLOY.md gives, taken while the service runs.
        backups = os.path.join(work, "backups")
        os.makedirs(backups)
        shutil.chown(backups, "onsite", "onsite")
        os.chmod(backups, 0o700)
        copy = os.path.join(backups, "hq.sqlite")
        run(["runuser", "-u", "onsite", "--", "sqlite3", database, f".backup '{copy}'"])
        check(run(["sqlite3", copy, "PRAGMA integrity_check"]).strip() == "ok", "the online backup is intact")
        scores = run(["sqlite3", copy, "SELECT count(*) FROM score_entries WHERE account = 'g1.li'"]).strip()
        check(scores == "1", f"the online backup holds the pushed score ({scores})")
        if hq:
            check(hq.stop() == 0, "the service stops cleanly on SIGTERM (exit 0)")
            hq = None
            test_own_tls(work)
            test_postgres_service(work)
        else:
            run(["systemctl", "stop", "onsite-hq.service"])
        test_reinstall(deb)
        run(["dpkg", "--purge", "onsite-hq"])
        check(not os.path.exists("/usr/bin/onsite-hq") and not os.path.exists(ENV_FILE),
              "dpkg --purge removes the binary and the settings")
        check(os.path.isfile(os.path.join(DATA, "hq.sqlite")), "dpkg --purge keeps the data in /var/lib/onsite")
        check(not os.path.lexists(WANTS) and not os.path.exists("/etc/onsite"),
              "dpkg --purge leaves neither the enablement nor /etc/onsite behind")
    finally:
        if hq:
            hq.stop()
            log("--- service log\n" + hq.log_text())
        # Leave the machine as it was found, failed or not (the caller made sure that
        # neither the package nor data in /var/lib/onsite were here before).
        subprocess.run(["dpkg", "--purge", "onsite-hq"], capture_output=True)
        shutil.rmtree(DATA, ignore_errors=True)
        shutil.rmtree("/etc/onsite", ignore_errors=True)
        if not user_existed:
            subprocess.run(["userdel", "onsite"], capture_output=True)
            subprocess.run(["groupdel", "onsite"], capture_output=True)


def test_own_tls(work):
    """The service serving TLS itself, as DEPLOY §TLS says: the key root's and readable by
    the group onsite (0640), named in ONSITE_TLS_ARGS of the settings file."""
    tls = "/etc/onsite/tls"
    os.makedirs(tls, mode=0o755)
    with open(ENV_FILE) as f:
        settings = f.read()
    hq = None
    try:
        cert, key = make_certificate(tls, "onsite.test")
        shutil.chown(key, "root", "onsite")
        os.chmod(key, 0o640)
        with open(ENV_FILE, "w") as f:
            f.write(settings.replace('ONSITE_TLS_ARGS=""', f'ONSITE_TLS_ARGS="--tls-cert {cert} --tls-key {key}"'))
        _, start, environment, sandbox = service_command(free_port(), quiet=True)
        hq = HqProcess(start, os.path.join(work, "service-tls.log"), env=environment, preexec_fn=sandbox.preexec())
        check(hq.url.startswith("https://"), f"with ONSITE_TLS_ARGS the service serves TLS ({hq.url})")
        context = ssl.create_default_context(cafile=cert)
        status = request(hq.url, "GET", "/api/v1/status", tls_context=context)
        check(status.status == 200, "status answers over the service's own TLS, key 0640 root:onsite")
        session = request(hq.url, "POST", "/api/v1/hq/session",
                          {"account": "kpb.admin", "password": "admin-deploy-2026"}, tls_context=context)
        check(session.status == 200 and re.search(r";\s*Secure", session.headers.get("set-cookie", "")) is not None,
              "with its own TLS HQ marks the console cookie Secure")
        check(hq.stop() == 0, "the TLS service stops cleanly")
        hq = None
    finally:
        if hq:
            hq.stop()
            log("--- service log\n" + hq.log_text())
        with open(ENV_FILE, "w") as f:
            f.write(settings)
        shutil.rmtree(tls)


def test_postgres_service(work):
    """DEPLOY §PostgreSQL on this machine: the service as the OS user onsite reaches the
    role onsite through the socket with peer authentication (ONSITE_DB_ARGS), and
    onsite-hq-admin works on the same database. Uses the test cluster's role onsite."""
    server = os.environ.get("ONSITE_TEST_POSTGRES_URL")
    if not server or urllib.parse.urlsplit(server).username != "onsite":
        log("note: no test PostgreSQL with a role onsite (scripts/start-postgres.sh): the PostgreSQL settings "
            "are not started")
        return
    name = "onsite_deploy_package_test"
    for statement in (f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", f"CREATE DATABASE {name}"):
        run(["psql", server, "-q", "-v", "ON_ERROR_STOP=1", "-c", statement])
    with open(ENV_FILE) as f:
        settings = f.read()
    hq = None
    try:
        with open(ENV_FILE, "w") as f:
            f.write(settings.replace('ONSITE_DB_ARGS=""',
                                     f'ONSITE_DB_ARGS="--db postgresql:///{name}?host=/var/run/postgresql"'))
        pre, start, environment, sandbox = service_command(free_port(), quiet=True)
        for command in pre:
            subprocess.run(command, check=True, env=environment, preexec_fn=sandbox.preexec())
        hq = HqProcess(start, os.path.join(work, "service-postgres.log"), env=environment,
                       preexec_fn=sandbox.preexec())
        check(f"postgresql:///{name}" in hq.log_text() or name in hq.log_text(),
              "the service runs on PostgreSQL through the socket, peer authentication")
        run(["/usr/sbin/onsite-hq-admin", "import-campaign", os.path.join(work, "campaign")])
        run(["/usr/sbin/onsite-hq-admin", "set-password", "g1.li"], input="li-postgres-2026\n")
        token = sign_in(hq.url, "g1.li", "li-postgres-2026", "deploy-tablet-pg")
        push = request(hq.url, "POST", "/api/v1/sync/push",
                       {"device_id": "deploy-tablet-pg", "mutations": [score_mutation(1, "DC", "1.4", "g1.li", "好")]},
                       headers={"Authorization": f"Bearer {token}"})
        check(push.status == 200 and push.json()["results"][0]["status"] == "applied",
              f"a push is applied on PostgreSQL ({push.status} {push.body[:200]!r})")
        rows = run(["psql", urllib.parse.urlunsplit(urllib.parse.urlsplit(server)._replace(path="/" + name)), "-Atc",
                    "SELECT count(*) FROM score_entries WHERE account = 'g1.li'"]).strip()
        check(rows == "1", "the score is in the PostgreSQL database")
        check(hq.stop() == 0, "the PostgreSQL service stops cleanly")
        hq = None
    finally:
        if hq:
            hq.stop()
            log("--- service log\n" + hq.log_text())
        with open(ENV_FILE, "w") as f:
            f.write(settings)
        subprocess.run(["psql", server, "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
                       capture_output=True)


def test_reinstall(deb):
    """An upgrade's path (the same package again): the admin's edit of the settings and
    the data stay, and the history still verifies, as docs/DEPLOY.md §Upgrades says."""
    with open(ENV_FILE) as f:
        settings = f.read()
    edited = settings.replace('ONSITE_SERVE_ARGS="--workers 8', 'ONSITE_SERVE_ARGS="--workers 2')
    check(edited != settings, "the settings name --workers 8 (to edit for the upgrade check)")
    with open(ENV_FILE, "w") as f:
        f.write(edited)
    run(["dpkg", "-i", deb])
    with open(ENV_FILE) as f:
        check(f.read() == edited, "installing over it keeps the edited settings (conffile)")
    check(mode_of(ENV_FILE) == 0o600 and mode_of(DATA) == 0o700, "and their modes")
    verify = subprocess.run(["/usr/sbin/onsite-hq-admin", "verify-history"], capture_output=True, text=True)
    check(verify.returncode == 0, f"onsite-hq-admin verify-history after the upgrade: exit {verify.returncode}")
    scores = run(["runuser", "-u", "onsite", "--", "sqlite3", os.path.join(DATA, "hq.sqlite"),
                  "SELECT count(*) FROM score_entries"]).strip()
    check(scores == "1", "the data is untouched by the upgrade")


def test():
    build = env("ONSITE_BUILD_DIR")
    fixtures = env("ONSITE_SAMPLE_CAMPAIGN_DIR")
    has_web = os.path.isfile(os.path.join(env("ONSITE_WEB_ROOT"), "index.html"))
    if not has_web:
        log("note: the console bundle is not built in this build tree (no Node.js): the package has none")
    version = re.search(r'set\(CPACK_PACKAGE_VERSION "([^"]+)"',
                        open(os.path.join(build, "CPackConfig.cmake")).read()).group(1)
    work = tempfile.mkdtemp(prefix="onsite-deploy-")
    try:
        test_cmake_install(build, work, has_web)
        deb = build_package(build, work)
        test_package_contents(deb, has_web, version)
        installed = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "onsite-hq"], capture_output=True, text=True)
        if os.geteuid() != 0:
            test_scratch_root(deb, work, has_web, "not root, so dpkg -i is not tried")
        elif "install ok installed" in installed.stdout:
            test_scratch_root(deb, work, has_web, "onsite-hq is installed on this machine already; it is left alone")
        elif os.path.exists(DATA) and os.listdir(DATA):
            test_scratch_root(deb, work, has_web, f"{DATA} holds data from elsewhere; it is left alone")
        else:
            test_installed(deb, work, has_web, fixtures)
        log("onsite_deploy_package: passed")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(test))
