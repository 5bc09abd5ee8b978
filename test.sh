#!/usr/bin/env bash
# Runs every test of every module (unit, contract, H2 and PostgreSQL persistence, sandbox via stripe-java,
# end-to-end, browser). Extra arguments go to Maven, e.g. ./test.sh -pl checkout-domain
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
exec ./mvnw -B -ntp verify "$@"
