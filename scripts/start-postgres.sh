#!/usr/bin/env bash
# Makes sure the Debian PostgreSQL 15 cluster "main" runs and has the test role
# `onsite` (password `onsite`, LOGIN CREATEDB), then prints on its last stdout line:
#   ONSITE_TEST_POSTGRES_URL=postgresql://onsite:onsite@127.0.0.1:5432/postgres
# so callers can: eval "$(scripts/start-postgres.sh | tail -1)"; export ONSITE_TEST_POSTGRES_URL
# Everything else goes to stderr. Idempotent; runs as root (CI) or as a user with
# sudo. Never prompts: sudo runs with -n and psql reads no stdin, so a missing
# permission fails with a message instead of hanging a terminal-less CI job.
set -euo pipefail

version=15
cluster=main
port=5432
role=onsite
password=onsite
url="postgresql://${role}:${password}@127.0.0.1:${port}/postgres"

log() { echo "start-postgres: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Commands that need root (pg_ctlcluster, pg_createcluster) and commands run as the
# database superuser `postgres` (peer authentication over the Unix socket).
if [ "$(id -u)" -eq 0 ]; then
  as_root() { "$@"; }
  if command -v runuser >/dev/null 2>&1; then
    as_postgres() { runuser -u postgres -- "$@"; }
  else
    as_postgres() { su postgres -s /bin/sh -c "$(printf '%q ' "$@")"; }
  fi
else
  command -v sudo >/dev/null 2>&1 || die "run as root or as a user with sudo"
  sudo -n true 2>/dev/null || die "sudo needs a password here; run 'sudo -v' first or run as root"
  as_root() { sudo -n "$@"; }
  as_postgres() { sudo -n -u postgres "$@"; }
fi

command -v pg_ctlcluster >/dev/null 2>&1 || die "PostgreSQL is not installed (run scripts/setup.sh)"

# A cluster created here collates by code point (C.UTF-8), the order SQLite's
# BINARY collation gives, so ORDER BY on text agrees between the two engines.
if ! pg_lsclusters -h 2>/dev/null | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  log "creating cluster ${version}/${cluster} on port ${port}"
  as_root pg_createcluster --port "$port" --encoding UTF8 --locale C.UTF-8 "$version" "$cluster" >&2
fi

cluster_port=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')
[ "$cluster_port" = "$port" ] || die "cluster ${version}/${cluster} listens on port ${cluster_port}, expected ${port}"

# pg_ctlcluster status exits 0 when the cluster runs, 3 when it is stopped.
if as_root pg_ctlcluster "$version" "$cluster" status >/dev/null 2>&1; then
  log "cluster ${version}/${cluster} already running"
else
  log "starting cluster ${version}/${cluster}"
  # --skip-systemctl-redirect: in containers and CI there is no systemd to ask.
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start >&2 \
    || die "pg_ctlcluster could not start ${version}/${cluster}; see /var/log/postgresql/postgresql-${version}-${cluster}.log"
fi

# A freshly started server needs a moment before it accepts connections.
for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$port"; then break; fi
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || die "the server on 127.0.0.1:${port} does not accept connections after 30 s"

# psql as the superuser over the Unix socket; from / so that psql does not complain
# about a home directory the postgres user cannot read.
psql_admin() {
  (cd / && as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$port" -d postgres "$@" </dev/null)
}

exists=$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '${role}'")
if [ "$exists" = "1" ]; then
  log "role ${role} exists"
else
  log "creating role ${role}"
  psql_admin -c "CREATE ROLE ${role} WITH LOGIN CREATEDB PASSWORD '${password}'" >&2
fi
# Test databases are dropped WITH (FORCE); an autovacuum worker that just connected to
# a fresh database belongs to the superuser, and ending it needs pg_signal_backend.
psql_admin -c "GRANT pg_signal_backend TO ${role}" >&2

# Prove the printed URL works before handing it out (password auth over TCP).
if ! PGPASSWORD="$password" PGCONNECT_TIMEOUT=10 psql -X -q -w -h 127.0.0.1 -p "$port" -U "$role" -d postgres \
     -tAc "SELECT 1" </dev/null >/dev/null 2>&1; then
  die "role ${role} exists but cannot log in with password '${password}' over 127.0.0.1:${port}; " \
      "fix with: ALTER ROLE ${role} WITH LOGIN CREATEDB PASSWORD '${password}'"
fi
log "ready: ${role}@127.0.0.1:${port}"

echo "ONSITE_TEST_POSTGRES_URL=${url}"
