#!/bin/bash
# Installed size (KiB) of the core and of each extra, each in a fresh venv: bench/install_sizes.sh [WORKDIR]
# (README "Install" quotes these less the empty venv). Needs the package registry.
set -e
WORK=${1:-$(mktemp -d)}; ROOT=$(cd "$(dirname "$0")/.." && pwd); cd "$WORK"
python3 -m venv base && du -sk base | cut -f1 > base.kb
for spec in core pandera maintain frictionless look; do
  rm -rf v-$spec; python3 -m venv v-$spec
  if [ $spec = core ]; then target="$ROOT"; else target="$ROOT[$spec]"; fi
  v-$spec/bin/pip install -q "$target" > $spec.log 2>&1
  echo "$spec $(du -sk v-$spec | cut -f1)" >> sizes.txt
done
cat sizes.txt; echo "empty venv: $(cat base.kb) KiB"
