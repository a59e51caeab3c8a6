# Sourced by ./verity and ./run-tests: selects a JDK >= 21 (Verity is built and tested on 25) and exports JAVA_HOME.
# Order: $VERITY_JAVA_HOME, a Temurin 25 under /usr/lib/jvm, $JAVA_HOME, the java on the PATH.
verity_java_major() {
  # the JDK's release file names its version without starting a JVM (which would cost half a second per launch)
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
  fi
}
verity_pick_java() {
  local candidate
  for candidate in "${VERITY_JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/temurin-25* "${JAVA_HOME:-}"; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ "$(verity_java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  if command -v java >/dev/null 2>&1; then
    candidate="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    if [ "$(verity_java_major "$candidate")" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  fi
  return 1
}
if ! JAVA_HOME="$(verity_pick_java)"; then
  echo "error: Verity needs a JDK 21 or newer (25 recommended). Install Temurin 25, or set VERITY_JAVA_HOME to a JDK." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
