#!/usr/bin/env bash
# One closing line for the whole reactor, counted from the Surefire XML reports (which, unlike the per-class
# summaries, include @Nested test classes): "Tests: N passed, N failed, N skipped".
cd "$(dirname "$0")/.."
reports=$(find . -path ./.git -prune -o -path '*/target/surefire-reports/TEST-*.xml' -print 2>/dev/null)
if [ -z "$reports" ]; then
  echo "Tests: 0 passed, 0 failed, 0 skipped (no Surefire reports found)"
  exit 0
fi
# shellcheck disable=SC2086
cat $reports | awk '
  /<testcase/ { total++ }
  /<failure/ || /<error / || /<error>/ { failed++ }
  /<skipped/ { skipped++ }
  END { printf "Tests: %d passed, %d failed, %d skipped\n", total - failed - skipped, failed, skipped }'
