#!/usr/bin/env bash
# A throwaway MongoDB-wire-compatible server for tests: ../shared/tools/mongo-wire (no MongoDB
# server can be installed on these machines; see docs/adr/0009 for where it differs from MongoDB).
#
#   eval "$(bash scripts/test-mongo.sh start)"   # exports TEST_MONGODB_URL and TEST_MONGO_DIR
#   bash scripts/test-mongo.sh stop "$TEST_MONGO_DIR"
#
# `start` copies the server to a temporary directory, gives it its npm dependencies from a cache
# keyed by its package.json (node_modules/.cache/mongo-wire/<hash>, installed once), starts it on a
# free port on 127.0.0.1 and prints the exports. Data lives in memory only. `stop` ends it and
# deletes the directory. MONGO_WIRE_DIR names another copy of the server (default: the shared
# folder beside this checkout). Exits 3 when there is no server to start.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="${MONGO_WIRE_DIR:-$root/../shared/tools/mongo-wire}"
cache_root="$root/node_modules/.cache/mongo-wire"

log() { printf 'test-mongo: %s\n' "$*" >&2; }

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close();});"
}

# Prints the directory of an installed node_modules for this package.json, installing it first if
# no earlier run did. Concurrent runs each install into their own folder; the first rename wins.
installed_modules() {
  local key target staging
  key="$(sha256sum "$source_dir/package.json" | cut -c1-16)"
  target="$cache_root/$key"
  if [[ ! -d "$target/node_modules" ]]; then
    mkdir -p "$cache_root"
    staging="$(mktemp -d "$cache_root/.install.XXXXXX")"
    cp "$source_dir/package.json" "$staging/"
    if [[ -f "$source_dir/package-lock.json" ]]; then cp "$source_dir/package-lock.json" "$staging/"; fi
    log "installing mongo-wire's dependencies (once per package.json) into $target"
    if ! npm install --prefix "$staging" --no-audit --no-fund --no-save --loglevel=error >"$staging/npm.log" 2>&1; then
      log "npm install failed:"
      cat "$staging/npm.log" >&2
      rm -rf "$staging"
      exit 1
    fi
    mv -T "$staging" "$target" 2>/dev/null || rm -rf "$staging"
  fi
  echo "$target/node_modules"
}

start() {
  local modules dir port pid attempt waited
  if [[ ! -f "$source_dir/serve.mjs" || ! -f "$source_dir/package.json" ]]; then
    log "no mongo-wire server at $source_dir (the shared folder is expected beside the checkout)"
    exit 3
  fi
  modules="$(installed_modules)"
  dir="$(mktemp -d "${TMPDIR:-/tmp}/machi-test-mongo.XXXXXX")"
  cp -r "$source_dir/." "$dir/"
  chmod -R u+w "$dir"
  ln -s "$modules" "$dir/node_modules"

  # A port can be taken between choosing and binding it: try a few.
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    # its own session, detached from our output, so that $(...) around `start` returns
    setsid node "$dir/serve.mjs" "$port" </dev/null >"$dir/server.log" 2>&1 &
    pid=$!
    echo "$pid" >"$dir/server.pid"
    for ((waited = 0; waited < 150; waited++)); do
      if grep -q "^listening $port" "$dir/server.log" 2>/dev/null; then
        log "mongo-wire on 127.0.0.1:$port (pid $pid, in $dir)"
        printf 'export TEST_MONGO_DIR=%q\n' "$dir"
        printf 'export TEST_MONGODB_URL=%q\n' "mongodb://127.0.0.1:$port/machi_test"
        return 0
      fi
      if ! kill -0 "$pid" 2>/dev/null; then break; fi
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    log "could not start on port $port (attempt $attempt): $(tail -n 3 "$dir/server.log" 2>/dev/null)"
  done
  log "mongo-wire did not start; its log:"
  cat "$dir/server.log" >&2 || true
  rm -rf "$dir"
  exit 1
}

stop() {
  local dir="${1:-}" pid waited
  if [[ -z "$dir" || ! -d "$dir" ]]; then
    return 0
  fi
  if [[ -f "$dir/server.pid" ]]; then
    pid="$(cat "$dir/server.pid")"
    # only the server this directory started, not whatever process has that id by now
    if grep -qF "$dir/serve.mjs" "/proc/$pid/cmdline" 2>/dev/null && kill "$pid" 2>/dev/null; then
      for ((waited = 0; waited < 50; waited++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
    fi
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
