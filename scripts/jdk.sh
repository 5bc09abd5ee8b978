#!/usr/bin/env bash
# Sourced by the project's scripts: exports JAVA_HOME pointing at a JDK >= 21, or exits with a clear message.
# Order: $JAVA_HOME if it is new enough, then the JDK behind `java` on PATH, then /usr/lib/jvm/*, /opt/java/*,
# ~/.sdkman and ~/.jdks, newest first.

_jdk_major() { # $1 = a JDK home; prints its feature version or nothing
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$home/release")
  fi
  [ -n "$v" ] || v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9.]*\).*/\1/p' | head -n1)
  v=${v#1.}            # 1.8 -> 8
  printf '%s' "${v%%.*}"
}

_find_jdk() {
  local need=21 cand best="" best_v=0 v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$need" ]; then printf '%s' "$JAVA_HOME"; return 0; fi
  fi
  local from_path=""
  if command -v java >/dev/null 2>&1; then
    from_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for cand in "$from_path" /usr/lib/jvm/* /opt/java/* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -n "$cand" ] && [ -d "$cand" ] || continue
    v=$(_jdk_major "$cand")
    [ -n "$v" ] || continue
    if [ "$v" -ge "$need" ] && [ "$v" -gt "$best_v" ]; then best=$cand; best_v=$v; fi
  done
  [ -n "$best" ] || return 1
  printf '%s' "$best"
}

if _home=$(_find_jdk); then
  export JAVA_HOME=$_home
  export PATH="$JAVA_HOME/bin:$PATH"
else
  echo "error: no JDK 21 or newer found (looked at \$JAVA_HOME, java on PATH, /usr/lib/jvm/*, /opt/java/*, ~/.sdkman, ~/.jdks)." >&2
  echo "       Install one (for example: apt-get install openjdk-21-jdk) or set JAVA_HOME to it, then run this again." >&2
  exit 1
fi
unset _home
