#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, from Debian's server binaries.
#
#   eval "$(bash scripts/test-postgres.sh start)"   # exports TEST_DATABASE_URL and TEST_PG_DIR
#   bash scripts/test-postgres.sh stop "$TEST_PG_DIR"
#
# The cluster lives in a temporary directory, uses UTF-8 with the C.UTF-8 locale (pg_trgm then
# works on Japanese), trusts local connections, listens on a unix socket in its directory and on a
# free TCP port on 127.0.0.1, and trades durability for speed. `stop` shuts it down and deletes it.
# As root, initdb and postgres run as the `postgres` system user (created by the Debian package).
set -euo pipefail

log() { printf 'test-postgres: %s\n' "$*" >&2; }

pg_bindir() {
  local dir
  if [[ -n "${PG_BINDIR:-}" ]]; then
    echo "$PG_BINDIR"
    return
  fi
  dir="$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1 || true)"
  if [[ -z "$dir" ]]; then
    log "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin: run 'bash scripts/setup.sh' (installs Debian's postgresql)"
    exit 1
  fi
  echo "$dir"
}

# Runs a command as the cluster's owner: the postgres user when we are root, else ourselves.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

start() {
  local bindir dir port
  bindir="$(pg_bindir)"
  if [[ "$(id -u)" -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
    log "running as root but there is no 'postgres' user (the Debian postgresql package creates it)"
    exit 1
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/machi-test-pg.XXXXXX")"
  chmod 0700 "$dir"
  if [[ "$(id -u)" -eq 0 ]]; then chown postgres: "$dir"; fi

  if ! as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1; then
    log "initdb failed:"
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    exit 1
  fi

  # A port can be taken between choosing and binding it: try a few.
  local attempt
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start -o \
      "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=128MB" \
      >/dev/null 2>&1; then
      log "PostgreSQL $("$bindir/postgres" -V | awk '{print $3}') on 127.0.0.1:$port (data in $dir)"
      printf 'export TEST_PG_DIR=%q\n' "$dir"
      printf 'export TEST_DATABASE_URL=%q\n' "postgres://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
    log "could not start on port $port (attempt $attempt)"
  done
  log "PostgreSQL did not start; its log:"
  cat "$dir/postgres.log" >&2 || true
  rm -rf "$dir"
  exit 1
}

stop() {
  local dir="${1:-}" bindir
  if [[ -z "$dir" || ! -d "$dir" ]]; then
    return 0
  fi
  bindir="$(pg_bindir)"
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
