#!/usr/bin/env bash
# Builds Verity and runs the benchmarks; reports go to bench/out/report.{json,md}. Takes 10-20 minutes on 2 cores
# (most of it building the 100k-chunk index). Extra arguments go to the benchmark, e.g. --sizes 10000.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/java-home.sh
mvn -B -q --no-transfer-progress -DskipTests install
./verity --version >/dev/null   # unpacks the application as users run it
exec java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true -Xmx3g \
  -jar verity-bench/target/verity-bench-exec.jar "$@"
