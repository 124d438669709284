#!/usr/bin/env bash
# The whole test suite (`npm test`): system packages, a throwaway PostgreSQL and MongoDB-wire server,
# a build of everything, unit + integration tests of every workspace, then the end-to-end suite in
# Chromium.
#
#   TEST_DATABASE_URL=postgres://user@host:port/postgres   use this server instead of a throwaway one
#                                                          (a superuser maintenance URL: workers create
#                                                          and drop their own databases from it)
#   TEST_MONGODB_URL=mongodb://host:port/db                run the job store suites on this MongoDB
#                                                          instead of ../shared/tools/mongo-wire
#   SKIP_BUILD=1                                           reuse the existing dist/ folders
#   SKIP_E2E=1                                             unit + integration tests only
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

section() { printf '\n=== %s ===\n' "$*"; }

section "System packages"
bash scripts/setup.sh

results="$(mktemp -d "${TMPDIR:-/tmp}/machi-test-results.XXXXXX")"
TEST_PG_DIR=""
TEST_MONGO_DIR=""
cleanup() {
  if [[ -n "$TEST_PG_DIR" ]]; then
    bash "$root/scripts/test-postgres.sh" stop "$TEST_PG_DIR" || true
  fi
  if [[ -n "$TEST_MONGO_DIR" ]]; then
    bash "$root/scripts/test-mongo.sh" stop "$TEST_MONGO_DIR" || true
  fi
  rm -rf "$results"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

section "PostgreSQL for tests"
if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  echo "using TEST_DATABASE_URL from the environment"
else
  eval "$(bash scripts/test-postgres.sh start)"
fi
export TEST_DATABASE_URL

# The job runner's suites run on both job stores (docs/adr/0009); MongoDB is the mongo-wire test
# server from the shared folder beside the checkout.
section "MongoDB for the job store tests"
mongo_skipped=""
if [[ -n "${TEST_MONGODB_URL:-}" ]]; then
  echo "using TEST_MONGODB_URL from the environment"
else
  mongo_rc=0
  mongo_env="$(bash scripts/test-mongo.sh start)" || mongo_rc=$?
  if [[ $mongo_rc -eq 0 ]]; then
    eval "$mongo_env"
  elif [[ $mongo_rc -eq 3 ]]; then
    mongo_skipped="the MongoDB job store suites are SKIPPED: no mongo-wire server at $root/../shared/tools/mongo-wire"
    echo "$mongo_skipped"
  else
    echo "summary: the mongo-wire server did not start, no tests ran"
    exit 1
  fi
fi
if [[ -n "${TEST_MONGODB_URL:-}" ]]; then export TEST_MONGODB_URL; fi

if [[ "${SKIP_BUILD:-}" == "1" ]]; then
  section "Build (skipped: SKIP_BUILD=1)"
else
  section "Build"
  if ! npm run build; then
    echo "summary: build failed, no tests ran"
    exit 1
  fi
fi

section "Unit and integration tests (server, jobs, admin-web, liff-app)"
unit_rc=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results/unit.json" || unit_rc=$?

e2e_rc=0
if [[ "${SKIP_E2E:-}" == "1" ]]; then
  section "End-to-end tests (skipped: SKIP_E2E=1)"
else
  section "End-to-end tests (Chromium)"
  npm run e2e -w tests -- --reporter=default --reporter=json --outputFile.json="$results/e2e.json" || e2e_rc=$?
fi

section "Summary"
if [[ -n "$mongo_skipped" ]]; then echo "note: $mongo_skipped"; fi
# Adds up vitest's JSON reports; a run that crashed before writing one counts as a failure.
node - "$results" "$unit_rc" "$e2e_rc" <<'EOF'
const fs = require('node:fs');
const path = require('node:path');
const [dir, unitRc, e2eRc] = process.argv.slice(2);
let passed = 0, failed = 0, skipped = 0;
for (const [name, rc] of [['unit', unitRc], ['e2e', e2eRc]]) {
  const file = path.join(dir, `${name}.json`);
  if (!fs.existsSync(file)) {
    if (rc !== '0') {
      console.log(`${name}: the run failed (exit ${rc}) before reporting results`);
      failed += 1;
    }
    continue;
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  const suiteFailures = (r.testResults ?? []).filter((s) => s.status === 'failed' && s.assertionResults.every((a) => a.status !== 'failed')).length;
  // A non-zero exit with no failed test (an unhandled error, say) still counts as one failure.
  const otherFailure = rc !== '0' && r.numFailedTests + suiteFailures === 0 ? 1 : 0;
  passed += r.numPassedTests;
  failed += r.numFailedTests + suiteFailures + otherFailure;
  skipped += r.numPendingTests + r.numTodoTests;
  console.log(`${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped` +
    (suiteFailures ? `, ${suiteFailures} test file(s) failed to run` : '') +
    (otherFailure ? ', and the run failed for another reason (see above)' : '') + ` (exit ${rc})`);
}
console.log(`summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
EOF

if [[ $unit_rc -ne 0 || $e2e_rc -ne 0 ]]; then
  exit 1
fi
