# Shared by the scripts: find a JDK 21+, build when needed, and the JVM options Lucene wants.
# Source it; it sets JAVA_HOME, JAVA, ROOT and defines build_if_needed and runtime_classpath.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

java_major() { # prints the major version of the java binary given, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n1
}

find_jdk() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/*; do [ -d "$c" ] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then
      local v; v="$(java_major "$c/bin/java")"
      if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$c"; return 0; fi
    fi
  done
  return 1
}

if ! JAVA_HOME="$(find_jdk)"; then
  echo "Chaperone needs a JDK 21 or newer, and none was found." >&2
  echo "Looked at JAVA_HOME (${JAVA_HOME:-unset}) and /usr/lib/jvm/*." >&2
  echo "Install one (for example: apt-get install -y openjdk-21-jdk) or set JAVA_HOME to it." >&2
  exit 3
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
JAVA="$JAVA_HOME/bin/java"
# Quiet Maven's own warnings on newer JDKs; harmless on 21.
export MAVEN_OPTS="${MAVEN_OPTS:-} --enable-native-access=ALL-UNNAMED $( [ "$(java_major "$JAVA")" -ge 24 ] && echo --sun-misc-unsafe-memory-access=allow )"

JVM_LUCENE_OPTS=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)

require_maven() {
  command -v mvn >/dev/null 2>&1 || { echo "Maven (mvn) is needed: apt-get install -y maven" >&2; exit 3; }
}

# Compiles when any source, resource or the POM is newer than the last build.
build_if_needed() {
  local stamp="$ROOT/target/classes/.built"
  if [ ! -f "$stamp" ] || [ ! -f "$ROOT/target/runtime-classpath.txt" ] \
     || [ -n "$(find "$ROOT/src/main" "$ROOT/pom.xml" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    require_maven
    echo "Building Chaperone…" >&2
    (cd "$ROOT" && mvn -q -B -DskipTests compile >&2) || { echo "Build failed." >&2; exit 1; }
    touch "$stamp"
  fi
}

runtime_classpath() {
  echo "$ROOT/target/classes:$(cat "$ROOT/target/runtime-classpath.txt")"
}
