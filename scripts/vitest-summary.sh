#!/usr/bin/env bash
# Runs vitest (arguments pass through) and ends with one plain line, `N passed, N failed, N skipped`,
# that any CI log reader understands; the exit code is vitest's.
set -uo pipefail
cd "$(dirname "$0")/.."
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
npx vitest run --config test/vitest.config.ts --reporter=default --reporter=json --outputFile.json="$results" "$@"
code=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
' "$results" 2>/dev/null || echo "test summary unavailable (vitest wrote no results)"
exit $code
