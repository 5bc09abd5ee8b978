#!/usr/bin/env bash
# Builds examples/embedded-service as a user's project would build it: a Maven project of its own, outside the
# checkout's reactor, that sees the checkout only through the installed artifacts and the BOM.
#   1. ./mvnw install without tests (./test.sh runs them), then checks that every module the BOM lists was
#      installed with its sources and javadoc jars (the javadoc build fails on any doclint warning);
#   2. the example's own build: its contract tests and its purchases against the sandbox artifact.
# Extra arguments go to the example's Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
. scripts/common.sh

echo "example: installing the checkout's artifacts (no tests)"
./mvnw -B -ntp -q install -DskipTests

missing=0
for module in $(sed -n 's|.*<artifactId>\([a-z-]*\)</artifactId><version>${project.version}</version>.*|\1|p' checkout-bom/pom.xml); do
  for jar in "$module-$VERSION.jar" "$module-$VERSION-sources.jar" "$module-$VERSION-javadoc.jar"; do
    [ -f "$module/target/$jar" ] || { echo "example: $module/target/$jar was not built" >&2; missing=1; }
  done
done
[ "$missing" = 0 ] || exit 1
echo "example: every published module has its jar, sources jar and javadoc jar"

echo "example: building examples/embedded-service against them"
./mvnw -B -ntp -f examples/embedded-service/pom.xml verify "$@"
