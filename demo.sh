#!/usr/bin/env bash
# The demo: starts a local Kinesis server, creates a stream with sample events, and queries it through
# the real Flink SQL Client with this connector's SQL jar (no Flink download). Stops what it started.
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests -pl sql-client-examples -am install
exec mvn -B -q -pl sql-client-examples exec:exec
