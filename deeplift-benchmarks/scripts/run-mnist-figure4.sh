#!/usr/bin/env bash
# Runs the DeepLIFT paper's MNIST experiment (Figure 4): fetches the digits if needed, builds the modules (a
# reactor build, nothing is installed), then trains or reloads the CNN and writes deeplift-benchmarks/out/mnist/
# (--model maxpool, the default: the benchmark CNN) or deeplift-benchmarks/out/mnist-authors/ (--model authors: the
# authors' network, two strided convolutions and two dense layers).
#
#   bash deeplift-benchmarks/scripts/run-mnist-figure4.sh [--model maxpool|authors] [--max-images 1000] \
#       [--epochs 4 (maxpool) or 12 (authors)] [--example 0]
#
# Arguments are passed to dev.deeplift.bench.experiments.mnist.MnistFigure4.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash deeplift-benchmarks/scripts/fetch-mnist.sh
classpath="deeplift-benchmarks/target/mnist-classpath.txt"
# compile and build-classpath in one reactor build: the sibling modules resolve to their target/classes.
mvn -q -B compile dependency:build-classpath -pl deeplift-benchmarks -am \
    -Dmdep.outputFile="$root/$classpath" >/dev/null
java -Xmx2g -Djava.awt.headless=true \
    -cp "deeplift-benchmarks/target/classes:$(cat "$classpath")" \
    dev.deeplift.bench.experiments.mnist.MnistFigure4 "$@"
