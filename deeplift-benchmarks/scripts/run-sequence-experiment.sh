#!/usr/bin/env bash
# Runs the sequence experiment: DNA with two planted motifs (positive iff both), an LSTM and a bidirectional LSTM
# trained here from fixed seeds, and how often each attribution method ranks the planted positions on top. Builds the
# modules (a reactor build, nothing is installed) and writes deeplift-benchmarks/out/sequence/ (sequence.md,
# sequence.png).
#
#   bash deeplift-benchmarks/scripts/run-sequence-experiment.sh [--train 4000] [--test 1000] [--sequences 200] \
#       [--epochs N] [--units 32] [--length 50] [--out deeplift-benchmarks/out/sequence]
#
# Arguments are passed to dev.deeplift.bench.experiments.sequence.SequenceMotifs. ND4J's OpenMP threads default to
# one here (OMP_NUM_THREADS): the networks are small, and on a busy machine more threads only wait for each other.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
classpath="deeplift-benchmarks/target/sequence-classpath.txt"
# compile and build-classpath in one reactor build: the sibling modules resolve to their target/classes.
mvn -q -B compile dependency:build-classpath -pl deeplift-benchmarks -am \
    -Dmdep.outputFile="$root/$classpath" >/dev/null
OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" java -Xmx2g -Djava.awt.headless=true \
    -cp "deeplift-benchmarks/target/classes:$(cat "$classpath")" \
    dev.deeplift.bench.experiments.sequence.SequenceMotifs "$@"
