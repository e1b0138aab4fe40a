#!/bin/sh
# Render a compile report in headless Chromium (Debian package chromium) and save a screenshot,
# to check that report.html displays without network access:
#   docs/render-report.sh out/mobilenet-fashion-loihi2/report.html /tmp/report.png
set -eu
report="$1"
png="${2:-report.png}"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2600 \
  --screenshot="$png" "file://$(realpath "$report")" >/dev/null 2>&1
echo "wrote $png"
