#!/usr/bin/env bash
# Prints one closing line for the whole reactor from the Surefire reports: "Tests: N passed, N failed, N skipped".
cd "$(dirname "$0")/.."
awk -F'[:,]' '/^Tests run:/ {
    run += $2; fail += $4 + $6; skip += $8
} END {
    printf "Tests: %d passed, %d failed, %d skipped\n", run - fail - skip, fail, skip
}' $(find . -path '*/target/surefire-reports/*.txt' -not -path './.git/*' 2>/dev/null) /dev/null
