#!/usr/bin/env bash
# Runs vitest (arguments pass through) and ends with one plain line, `N passed, N failed, N skipped`,
# that any CI log reader understands; the exit code is vitest's.
#   CODEX_TEST_RESULTS=<file>  keep vitest's JSON results in <file> and leave the line to the caller
#                              (scripts/test.sh prints it once everything else has finished writing).
#   vitest-summary.sh --summary <file>  only print the line for results written there earlier.
set -uo pipefail
cd "$(dirname "$0")/.."

summary() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    // A file that fails before any test runs (an import or a top-level error) counts no test.
    const broken = r.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
    const files = broken ? ` (and ${broken} test file${broken > 1 ? "s" : ""} that failed to load)` : "";
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped${files}`);
  ' "$1" 2>/dev/null || echo "test summary unavailable (vitest wrote no results)"
}

if [[ "${1:-}" == --summary ]]; then
  summary "${2:?usage: vitest-summary.sh --summary <results.json>}"
  exit 0
fi

results="${CODEX_TEST_RESULTS:-}"
if [[ -z "$results" ]]; then
  results="$(mktemp)"
  trap 'rm -f "$results"' EXIT
fi
npx vitest run --config test/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$results" "$@"
code=$?
[[ -n "${CODEX_TEST_RESULTS:-}" ]] || summary "$results"
exit $code
