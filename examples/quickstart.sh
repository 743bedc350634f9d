#!/usr/bin/env bash
# Runs examples/quickstart.jsh in jshell with the library's classpath (after `mvn -q install -DskipTests`).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl deeplift-examples dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
exec jshell --class-path "$(cat deeplift-examples/target/cp.txt)" examples/quickstart.jsh
