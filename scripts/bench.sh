#!/usr/bin/env bash
# Builds Verity and runs the benchmarks; reports go to bench/out/report.{json,md}. Takes 10-20 minutes on 2 cores
# (most of it building the 100k-chunk index). Extra arguments go to the benchmark, e.g. --sizes 10000.
#
#   scripts/bench.sh llm [options]   only the LLM answer path against a mock provider (~30 minutes): writes
#                                    bench/out/llm-path.json and its section of docs/benchmarks.md; needs no
#                                    installed artifacts and no unpacked application, so it only packages the bench.
#                                    --llm-parts in_process,http (any of in_process, breakdown, layers, http, sse,
#                                    down, faults) runs only those and writes bench/out/llm-path-parts.json.
#   scripts/bench.sh scale           only ingestion at scale: `./verity ingest -Xmx1g` on 1,000 generated documents
#                                    (~10k pages; VERITY_SCALE_DOCS / VERITY_SCALE_PAGES to resize) against raw embedding
#   scripts/bench.sh crash           the SIGKILL-restart test with 50 kills (VERITY_CRASH_KILLS); bench/out/crash-safety.json
#   scripts/bench.sh hostile         only the hostile corpus through the isolated parser (~5 minutes): writes
#                                    bench/out/hostile.json and its section of docs/benchmarks.md.
#   scripts/bench.sh ocr             only the OCR path (~3 minutes): 20 page images at 300 dpi through Verity's parser
#                                    and through the tesseract command; writes bench/out/ocr.json and its section of
#                                    docs/benchmarks.md. Needs tesseract-ocr, -eng and -deu.
#   scripts/bench.sh ocr-throughput  only OCR throughput (issue 14, ~5 minutes): 20 pages through the tesseract command
#                                    one by one and through Verity with the page cache cold and warm; writes
#                                    bench/out/ocr-throughput.json and its section of docs/benchmarks.md.
#   scripts/bench.sh security        only authentication, guard and rate-limit costs (~4 minutes): two servers on the
#                                    ingested samples, 1,000 concurrent questions against a limit; writes
#                                    bench/out/security.json and its section of docs/benchmarks.md.
#   scripts/bench.sh folder          only a folder of real documents (~10 minutes): `./verity ingest` with OCR on
#                                    against each stage alone (parse, parse + OCR, embedding); VERITY_BENCH_FOLDER
#                                    (default ../shared/data/docs-dev/files); writes bench/out/folder.json and its
#                                    section of docs/benchmarks.md.
#   scripts/bench.sh budget          only budgets under concurrency (issue 15, ~5 minutes): 1,000 questions at once
#                                    over HTTP against hard daily limits of 1, 5 and 25 USD with the mock provider;
#                                    writes bench/out/budget.json and its section of docs/benchmarks.md.
#   scripts/bench.sh observability   only the cost of tracing, meters and run records per answer (issue 15, ~5 minutes):
#                                    the served query service against the same one without them, extractive and with a
#                                    mock model; writes bench/out/observability.json and its section of docs/benchmarks.md.
#   scripts/bench.sh --only searchable   issue 14: a generated folder of 400 Markdown files ingested in process; time
#                                    from the last file's parse to its first keyword hit, and the embedding backlog
#                                    then; writes bench/out/searchable.json and its section of docs/benchmarks.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source scripts/java-home.sh
jvm=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Djava.awt.headless=true)
if [ "${1:-}" = "hostile" ]; then
  shift
  mvn -B -q --no-transfer-progress -DskipTests -pl verity-bench -am package
  exec java "${jvm[@]}" -Xmx1g -jar verity-bench/target/verity-bench-exec.jar --only hostile "$@"
fi
if [ "${1:-}" = "llm" ]; then
  shift
  mvn -B -q --no-transfer-progress -DskipTests -pl verity-bench -am package
  exec java "${jvm[@]}" -Xmx2g -jar verity-bench/target/verity-bench-exec.jar --only llm "$@"
fi
if [ "${1:-}" = "crash" ]; then
  mkdir -p bench/out
  ./run-tests -q -pl verity-app -am -Dtest=CrashSafetyIT -Dsurefire.failIfNoSpecifiedTests=false \
    -Dverity.crash.kills="${VERITY_CRASH_KILLS:-50}"
  cp verity-app/target/crash-safety.json bench/out/crash-safety.json
  cat bench/out/crash-safety.json
  exit 0
fi
if [ "${1:-}" = "observability" ]; then
  shift
  mvn -B -q --no-transfer-progress -DskipTests -pl verity-bench -am package
  exec java "${jvm[@]}" -Xmx2g -jar verity-bench/target/verity-bench-exec.jar --only observability "$@"
fi
if [ "${1:-}" = "budget" ]; then
  shift
  mvn -B -q --no-transfer-progress -DskipTests -pl verity-bench -am package
  exec java "${jvm[@]}" -Xmx2g -jar verity-bench/target/verity-bench-exec.jar --only budget "$@"
fi
if [ "${1:-}" = "security" ]; then
  shift
  mvn -B -q --no-transfer-progress -DskipTests -pl verity-bench -am package
  exec java "${jvm[@]}" -Xmx2g -jar verity-bench/target/verity-bench-exec.jar --only security "$@"
fi
if [ "${1:-}" = "ocr-throughput" ]; then
  shift
  mvn -B -q --no-transfer-progress -DskipTests -pl verity-bench -am package
  exec java "${jvm[@]}" -Xmx1g -jar verity-bench/target/verity-bench-exec.jar --only ocr-throughput "$@"
fi
if [ "${1:-}" = "ocr" ]; then
  shift
  mvn -B -q --no-transfer-progress -DskipTests -pl verity-bench -am package
  exec java "${jvm[@]}" -Xmx1g -jar verity-bench/target/verity-bench-exec.jar --only ocr "$@"
fi
mvn -B -q --no-transfer-progress -DskipTests install
./verity --version >/dev/null   # unpacks the application as users run it
if [ "${1:-}" = "folder" ]; then
  shift
  exec java "${jvm[@]}" -Xmx2g -Dverity.folder="${VERITY_BENCH_FOLDER:-../shared/data/docs-dev/files}" \
    -jar verity-bench/target/verity-bench-exec.jar --only folder "$@"
fi
if [ "${1:-}" = "scale" ]; then
  shift
  exec java "${jvm[@]}" -Xmx3g -Dverity.scale.docs="${VERITY_SCALE_DOCS:-1000}" \
    -Dverity.scale.pages="${VERITY_SCALE_PAGES:-10000}" -jar verity-bench/target/verity-bench-exec.jar --only scale "$@"
fi
exec java "${jvm[@]}" -Xmx3g -jar verity-bench/target/verity-bench-exec.jar "$@"
