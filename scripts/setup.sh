#!/usr/bin/env bash
# Installs the system packages the test suite needs beyond npm:
#   postgresql      server binaries for the throwaway test cluster (skipped when TEST_DATABASE_URL is set)
#   chromium        the browser Playwright drives in the end-to-end tests
#   fonts-noto-cjk  Japanese glyphs, so screenshots and layout are real
# Idempotent and quick when everything is present (no apt-get update then). Installs with apt-get
# when running as root or with password-less sudo; otherwise prints the exact command and fails.
set -euo pipefail

log() { printf 'setup: %s\n' "$*"; }

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
have_chromium() { [[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; }
have_cjk_fonts() {
  if command -v dpkg-query >/dev/null 2>&1 &&
    [[ "$(dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null || true)" == "install ok installed" ]]; then
    return 0
  fi
  command -v fc-list >/dev/null 2>&1 && fc-list ':lang=ja' 2>/dev/null | grep -qi 'noto'
}

missing=()
if [[ -z "${TEST_DATABASE_URL:-}" ]] && ! have_postgres; then missing+=(postgresql); fi
have_chromium || missing+=(chromium)
have_cjk_fonts || missing+=(fonts-noto-cjk)

if [[ ${#missing[@]} -eq 0 ]]; then
  log "system packages present (PostgreSQL server, chromium, fonts-noto-cjk)"
  exit 0
fi

log "missing system packages: ${missing[*]}"

if ! command -v apt-get >/dev/null 2>&1; then
  log "this is not a Debian/Ubuntu system (no apt-get). Install these with your package manager:"
  log "  PostgreSQL server (initdb, pg_ctl), Chromium, Noto CJK fonts"
  log "and set CHROMIUM_PATH to the browser binary, or TEST_DATABASE_URL to an existing PostgreSQL superuser URL."
  exit 1
fi

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  log "cannot install them: not root and no password-less sudo. Run this once, then try again:"
  log "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
log "installing with apt-get: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null

still_missing=()
if [[ -z "${TEST_DATABASE_URL:-}" ]] && ! have_postgres; then still_missing+=(postgresql); fi
have_chromium || still_missing+=(chromium)
have_cjk_fonts || still_missing+=(fonts-noto-cjk)
if [[ ${#still_missing[@]} -gt 0 ]]; then
  log "installed, but still cannot find: ${still_missing[*]}"
  exit 1
fi
log "system packages installed"
