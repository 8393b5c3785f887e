#!/usr/bin/env bash
# Installs the pinned local Kinesis servers (kinesalite, kinesis-local) from package-lock.json.
set -euo pipefail
cd "$(dirname "$0")"
command -v npm >/dev/null || { echo "npm not found: install Node.js 18+ (Debian: apt-get install nodejs npm)" >&2; exit 1; }
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2
fi
