#!/usr/bin/env bash
# Sets up what is missing, builds the web app (release) and serves it on http://127.0.0.1:8080
# Usage: scripts/serve.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-8080}
scripts/setup.sh all
scripts/build-web.sh
echo
echo "The IMR letter reader is at  http://127.0.0.1:$port/   (Ctrl-C stops it)"
echo "Letters never leave the browser; this server only hands out the app's files."
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
