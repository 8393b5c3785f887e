#!/usr/bin/env bash
# The cluster test's set-up, by hand: kinesalite, a Flink standalone session cluster (one JobManager and
# two TaskManagers, each its own JVM, from Flink's Maven artifacts), a producer, and a Kinesis to Kinesis
# job submitted through the real SQL Client with the connector's SQL jar (-j). Everything listens on
# 127.0.0.1 only. Then type commands (help lists them): kill tm-1, start tm-3, savepoint, status, quit.
# quit, end of input or Ctrl-C stops every process it started. Logs: cluster-tests/target/flink-cluster-*/log
#   cluster-tests/run-cluster.sh                   builds the modules first (mvn package, no tests)
#   SKIP_BUILD=true cluster-tests/run-cluster.sh   uses what the last build left in target/
#   MVN_ARGS='-o' cluster-tests/run-cluster.sh     extra Maven arguments (e.g. offline, a profile)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${SKIP_BUILD:-}" != "true" ]; then
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_ARGS:-} -DskipTests -pl cluster-tests -am package
fi
jar="$(ls "$root"/connector-kinesis-table/target/flink-connector-kinesis-table-*-sql.jar | head -1)"
cd "$root/cluster-tests"
cp="target/test-classes:$(cat target/test-classpath.txt)"
exec java -Daws.cborEnabled=false -Xmx512m \
  -Dcluster.classpath.file=target/cluster-classpath.txt -Dconnector.sql.jar="$jar" \
  -cp "$cp" io.github.flinkkinesis.cluster.RunCluster "$@"
