#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite through CTest (the README's test command and
# what CI runs). Usage: scripts/test.sh [preset] [ctest args...]   (default preset: ci)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
preset=${1:-ci}
shift || true
bash "$here/scripts/build.sh" "$preset"
cd "$here/build/$preset"
export QTWEBENGINE_DISABLE_SANDBOX=1
ctest --output-on-failure -j "${TLIFT_JOBS:-$(nproc)}" "$@"
