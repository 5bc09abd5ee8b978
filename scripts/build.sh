#!/usr/bin/env bash
# The one build path for running: the jars that run.sh and bench.sh start, built without compiling or running any
# test or fuzzer, without sources or javadoc jars, and only when a source or build file changed since the last
# build that succeeded.
#   scripts/build.sh           build if needed, else say that the built jars are reused
#   scripts/build.sh --force   build anyway
# Maven's output goes to target/build.log; a failed build prints its end and exits 1.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
. scripts/common.sh

# what the scripts start: the two servers, the bench, and the demo's classpath
IFS=: read -r -a demo_jars <<<"$DEMO_CLASSPATH"
OUTPUTS=("$SANDBOX_JAR" "$CHECKOUT_JAR" "$BENCH_JAR" "${demo_jars[@]}")
STAMP=target/build.stamp # written when a build succeeds, with the time that build started
LOG=target/build.log

changed_since() { # the first source or build file newer than $1, if any (tests do not go into the jars)
  find pom.xml */pom.xml */src/main .mvn mvnw -newer "$1" -type f -print -quit 2>/dev/null
}

why=""
if [ "${1:-}" = "--force" ]; then
  why="asked to"
elif [ ! -f "$STAMP" ]; then
  why="no build yet"
else
  for out in "${OUTPUTS[@]}"; do
    [ -f "$out" ] || { why="$out is missing"; break; }
  done
  if [ -z "$why" ]; then
    newer=$(changed_since "$STAMP")
    [ -z "$newer" ] || why="$newer changed"
  fi
fi

if [ -z "$why" ]; then
  echo "Reusing the jars built $(date -r "$STAMP" '+%Y-%m-%d %H:%M:%S') (no source or build file changed since)."
  exit 0
fi

mkdir -p target
started=$(mktemp target/build.started.XXXXXX) # its time is the build's start: an edit made during the build counts
echo "Building the jars ($why; no test is compiled or run; a first build downloads the dependencies and takes a few minutes)..."
# JDK 24+ warns about Maven's own use of sun.misc.Unsafe; the option that silences it does not exist before 23
maven_opts=${MAVEN_OPTS:-}
if [ "$(_jdk_major "$JAVA_HOME")" -ge 23 ]; then maven_opts="--sun-misc-unsafe-memory-access=allow $maven_opts"; fi
if MAVEN_OPTS=$maven_opts ./mvnw -B -ntp -Dmaven.test.skip=true -Dmaven.source.skip=true -Dmaven.javadoc.skip=true package >"$LOG" 2>&1; then
  echo "Built in ${SECONDS}s."
  scripts/startup-cache.sh || echo "(no start-up cache this time: the servers start without one, only slower)"
  mv -f "$started" "$STAMP"
else
  rm -f "$started"
  tail -n 40 "$LOG" >&2
  echo "The build failed; Maven's whole output is in $LOG." >&2
  exit 1
fi
