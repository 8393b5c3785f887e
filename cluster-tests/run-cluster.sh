#!/usr/bin/env bash
# The cluster test's set-up, by hand: kinesalite, a Flink standalone session cluster (one JobManager and
# two TaskManagers, each its own JVM, from Flink's Maven artifacts), a producer, and a Kinesis to Kinesis
# job submitted through the real SQL Client with the connector's SQL jar (-j). Everything listens on
# 127.0.0.1 only. Then type commands (help lists them): kill tm-1, start tm-3, savepoint, status, quit.
# quit, end of input or Ctrl-C stops every process it started. Logs: cluster-tests/target/flink-cluster-*/log
#   cluster-tests/run-cluster.sh                   builds the modules first (mvn package, no tests)
#   SKIP_BUILD=true cluster-tests/run-cluster.sh   uses what the last build left in target/
#   FLINK_LINE=1.20 cluster-tests/run-cluster.sh   a Flink 1.20.3 cluster and the 1.20 jar (-Pflink-1.20)
#   MVN_ARGS='-o' cluster-tests/run-cluster.sh     extra Maven arguments (e.g. offline)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
case "${FLINK_LINE:-2}" in
  2) profile=""; build="target"; jar_suffix="sql" ;;
  1.20) profile="-Pflink-1.20"; build="target/flink-1.20"; jar_suffix="sql-flink-1.20" ;;
  *) echo "FLINK_LINE must be 2 (the default: Flink 2.3.0) or 1.20, not '${FLINK_LINE}'" >&2; exit 2 ;;
esac
if [ "${SKIP_BUILD:-}" != "true" ]; then
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_ARGS:-} $profile -DskipTests -pl cluster-tests -am package
fi
jar="$(ls "$root"/connector-kinesis-table/$build/flink-connector-kinesis-table-*-$jar_suffix.jar | head -1)"
cd "$root/cluster-tests"
cp="$build/test-classes:$(cat $build/test-classpath.txt)"
exec java -Daws.cborEnabled=false -Xmx512m \
  -Dcluster.classpath.file=$build/cluster-classpath.txt -Dconnector.sql.jar="$jar" \
  -cp "$cp" io.github.flinkkinesis.cluster.RunCluster "$@"
