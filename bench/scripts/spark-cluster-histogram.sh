#!/usr/bin/env bash
# spark-histogram on a two-worker Spark standalone cluster on loopback (master, 2 workers of 1 core, executors in
# their own JVMs; StandaloneCluster of the spark module's tests), for the README's speed table:
#   bench/scripts/spark-cluster-histogram.sh 'EVENTS/backgrounds-*.parquet' [WORKERS CORES]
# prints the command's summary, wall-clock and CPU time (driver + executors) and the load average.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
events="$1"
workers="${2:-2}"
cores="${3:-1}"
mvn -B -q -DskipTests -Dnotebooks.skip=true -pl spark -am package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
work="$(mktemp -d "${TMPDIR:-/tmp}/recoil-cluster-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
java -cp "spark/target/test-classes:spark/target/classes:$(cat spark/target/bench-classpath.txt)" \
  org.recoil.spark.SparkClusterBenchmark "$root" "$work/cluster" "$workers" "$cores" \
  spark-histogram "$events" --bins 80 --range -10,70 --out "$work/histograms.json"
