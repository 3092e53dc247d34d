"""The parts of a systemd unit's sandbox that a process can put on itself, for starting
a service the way its unit would where systemd is not PID 1 (containers, CI): user and
groups, umask, no capabilities, no new privileges, MemoryDenyWriteExecute (the kernel's
PR_SET_MDWE) and SystemCallFilter (seccomp, with python3-seccomp). Mount namespaces
(ProtectSystem, PrivateTmp, …) are not imitated.

SandboxedStart(unit).preexec runs in the child between fork and exec, in the order
systemd uses: capabilities dropped and groups set while still root, then the user, then
no_new_privs, MDWE and the seccomp filter last."""

import ctypes
import errno
import grp
import os
import pwd
import subprocess
import sys

PR_CAPBSET_DROP = 24
PR_SET_NO_NEW_PRIVS = 38
PR_SET_MDWE = 65
PR_MDWE_REFUSE_EXEC_GAIN = 1


def syscall_groups():
    """systemd's named system call groups, from `systemd-analyze syscall-filter`."""
    output = subprocess.run(["systemd-analyze", "syscall-filter"], capture_output=True, text=True).stdout
    groups, current = {}, None
    for line in output.splitlines():
        if line.startswith("@"):
            current = groups.setdefault(line.split()[0], [])
        elif line.startswith("    ") and current is not None:
            word = line.strip()
            if word and not word.startswith("#"):
                current.append(word.split()[0])
        elif not line.strip():
            current = None
    return groups


def expand(names, groups, seen=None):
    seen = set() if seen is None else seen
    calls = set()
    for name in names:
        if name.startswith("@"):
            if name in seen:
                continue
            seen.add(name)
            calls |= expand(groups.get(name, []), groups, seen)
        else:
            calls.add(name)
    return calls


def allowed_syscalls(filters):
    """The allow-list that SystemCallFilter= lines make: the first line without ~ starts
    the list (with @default, which systemd always allows), ~ lines take calls away."""
    groups = syscall_groups()
    allowed = None
    for line in filters:
        deny = line.startswith("~")
        names = line.lstrip("~").split()
        calls = expand(names, groups)
        if allowed is None:
            if deny:
                return None  # a deny-list unit: not imitated
            allowed = calls | expand(["@default"], groups)
        elif deny:
            allowed -= calls
        else:
            allowed |= calls
    return allowed


class SandboxedStart:
    def __init__(self, unit):
        self.notes = []
        user = pwd.getpwnam(unit["User"][0])
        self.uid = user.pw_uid
        self.gid = grp.getgrnam(unit.get("Group", [user.pw_name])[0]).gr_gid
        self.groups = os.getgrouplist(user.pw_name, self.gid)
        self.umask = int(unit.get("UMask", ["0022"])[0], 8)
        self.drop_capabilities = unit.get("CapabilityBoundingSet") == [""]
        self.no_new_privs = unit.get("NoNewPrivileges") == ["yes"]
        self.deny_wx = unit.get("MemoryDenyWriteExecute") == ["yes"]
        self.syscalls = None
        self.errno = getattr(errno, unit.get("SystemCallErrorNumber", ["EPERM"])[0])
        if self.deny_wx and not self._mdwe_available():
            self.deny_wx = False
            self.notes.append("this kernel has no PR_SET_MDWE (Linux 6.3+): MemoryDenyWriteExecute not imitated")
        elif self.deny_wx:
            self.notes.append("MemoryDenyWriteExecute imitated with PR_SET_MDWE")
        if unit.get("SystemCallFilter"):
            try:
                import seccomp  # noqa: F401 (python3-seccomp)
                self.syscalls = allowed_syscalls(unit["SystemCallFilter"])
                self.notes.append(f"SystemCallFilter imitated with seccomp: {len(self.syscalls)} system calls "
                                  f"allowed, others fail with {unit.get('SystemCallErrorNumber', ['EPERM'])[0]}")
            except ImportError:
                self.notes.append("python3-seccomp is not installed: SystemCallFilter not imitated")

    @staticmethod
    def _mdwe_available():
        probe = subprocess.run([sys.executable, "-c", "import ctypes; l = ctypes.CDLL(None); "
                                "raise SystemExit(0 if l.prctl(65, 1, 0, 0, 0) == 0 else 1)"])
        return probe.returncode == 0

    def _filter(self):
        import seccomp
        rules = seccomp.SyscallFilter(defaction=seccomp.ERRNO(self.errno))
        for name in sorted(self.syscalls):
            try:
                rules.add_rule(seccomp.ALLOW, name)
            except (RuntimeError, ValueError, OSError):
                pass  # not a system call of this architecture
        return rules

    def preexec(self):
        """Returns the function to run in the child before exec."""
        rules = self._filter() if self.syscalls is not None else None  # built before fork
        libc = ctypes.CDLL(None, use_errno=True)

        def apply():
            os.umask(self.umask)
            if self.drop_capabilities:
                for capability in range(64):
                    if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0 and ctypes.get_errno() != errno.EINVAL:
                        raise OSError(ctypes.get_errno(), "PR_CAPBSET_DROP")
            os.setgroups(self.groups)
            os.setresgid(self.gid, self.gid, self.gid)
            os.setresuid(self.uid, self.uid, self.uid)
            if self.no_new_privs and libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "PR_SET_NO_NEW_PRIVS")
            if self.deny_wx and libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "PR_SET_MDWE")
            if rules is not None:
                rules.load()
        return apply
