#!/usr/bin/env bash
# Flink's SQL Gateway for notebooks and BI tools (docs/notebooks.md), against local servers: starts
# kinesalite and moto, creates the stream demo-events, a Flink session cluster and the SQL Gateway
# (REST on 127.0.0.1), with the Glue catalog and the table glue.demo.events already created. Prints
# the JDBC URL and the ADD JAR statements each session runs first. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests -pl sql-client-examples -am install
exec mvn -B -q -pl sql-client-examples exec:exec -Ddemo.main=io.github.flinkkinesis.examples.GatewayDemo
