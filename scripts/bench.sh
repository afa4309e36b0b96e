#!/usr/bin/env bash
# Builds the benchmarks (release preset) and prints their tables over the bundled corpus.
# Usage: scripts/bench.sh [--verify]   (--verify also times the proofs; several minutes)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/scripts/setup.sh"
cmake --preset release -S "$here" >/dev/null
cmake --build "$here/build/release" -j "${TLIFT_JOBS:-2}" --target bench_ir bench_parse bench_lift bench_egraph bench_verify
b="$here/build/release/bench"
cd "$here"
echo "## IR";     "$b/ir/bench_ir"
echo "## Parse";  "$b/parse/bench_parse" --quiet tests/data/kernels
echo "## Lift";   "$b/lift/bench_lift" "$@" tests/data/kernels
echo "## E-graph"; "$b/egraph/bench_egraph"
echo "## Verify"; "$b/verify/bench_verify"
if [ -x "$b/ttir/bench_ttir" ]; then echo "## TTIR"; "$b/ttir/bench_ttir" tests/data/ttir; fi
