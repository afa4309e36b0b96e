#!/usr/bin/env bash
# Configures and builds tritonlift with a CMake preset (default: dev). Installs the Debian
# packages first when any is missing. Usage: scripts/build.sh [preset] [extra cmake args...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
preset=${1:-dev}
shift || true
bash "$here/scripts/setup.sh"
cd "$here"
if [ ! -f "build/$preset/build.ninja" ]; then
  cmake --preset "$preset" "$@" >/dev/null
fi
jobs=${TLIFT_JOBS:-$(nproc)}
cmake --build "build/$preset" -j "$jobs"
