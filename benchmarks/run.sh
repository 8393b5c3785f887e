#!/usr/bin/env bash
# The end-to-end benchmark in one command: builds the connector, the harness and the official
# connector's runner (Flink 1.19), then runs the harness (kinesalite, raw SDK ceiling, our and the
# official connector, latency) and prints the report; it is also written to the run folder.
#   benchmarks/run.sh [--rows N] [--parallelism P] [--only ours|official] [--latency-rate R]
#                     [--latency-seconds S] [--no-metadata-phase] [--out DIR]
# JMH micro-benchmarks:  benchmarks/run.sh --jmh [JMH options, e.g. -f 1 -wi 3 -i 5 Decode]
# Shard discovery at scale (10,000 shards, in memory):  benchmarks/run.sh --discovery [rounds]
# Against Kinesis' physical limits (the quota front):   benchmarks/run.sh --quota [rows]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${BENCH_SKIP_BUILD:-}" != "true" ]; then
  mvn -B -q -Pbenchmarks -pl benchmarks,benchmarks/official-runner -am package \
      -DskipTests -Dspotless.check.skip=true
fi
# kinesalite keeps every record in memory (~1 KB each); the harness deletes streams once read, so
# two phases' worth (2 x 1,000,000 rows by default) is the most it holds at once; --expose-gc lets
# the harness collect that garbage between phases (SIGUSR2, see test-servers/kinesalite-server.js)
export NODE_OPTIONS="${NODE_OPTIONS:---max-old-space-size=4096 --expose-gc}"
cp="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")"
if [ "${1:-}" = "--quota" ]; then
  shift
  exec java -Daws.cborEnabled=false -Xmx1g -cp "$cp" io.github.flinkkinesis.benchmarks.QuotaBench "$@"
fi
if [ "${1:-}" = "--discovery" ]; then
  shift
  exec java -Xmx1g -cp "$cp" io.github.flinkkinesis.benchmarks.discovery.DiscoveryScale "$@"
fi
if [ "${1:-}" = "--jmh" ]; then
  shift
  exec java -Daws.cborEnabled=false -cp "$cp" org.openjdk.jmh.Main "$@"
fi
exec java -Daws.cborEnabled=false -Xmx512m -cp "$cp" io.github.flinkkinesis.benchmarks.Harness "$@"
