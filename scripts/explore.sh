#!/usr/bin/env bash
# Sets up, builds and opens the explorer on the bundled example kernel (or on FILE).
# Without a display it says how to use xvfb-run and shows the CLI's lift of the same file.
# Usage: scripts/explore.sh [FILE]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
file=${1:-$here/examples/softmax.py}
bash "$here/scripts/build.sh" dev
bin="$here/build/dev/app"
if [ "$(id -u)" -eq 0 ]; then export QTWEBENGINE_DISABLE_SANDBOX=1; fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display. To see the explorer, run it under Xvfb and take a look with a VNC or screenshot:"
  echo "  xvfb-run -a -s '-screen 0 1600x1000x24' $bin/explorer/tritonlift-explorer $file"
  echo "or save a screenshot of the window after the lift:"
  echo "  QT_QPA_PLATFORM=offscreen $bin/explorer/tritonlift-explorer --lift --screenshot shot.png $file"
  echo
  echo "Meanwhile, the command-line lift of the same kernel:"
  exec "$bin/cli/tritonlift" lift "$file"
fi
exec "$bin/explorer/tritonlift-explorer" "$file"
