#!/usr/bin/env bash
# The README's test command: installs everything the tests need (Debian peers and npm packages),
# builds, and runs every test. Tests that need a peer fail when it is missing; none are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-peers.sh
npm ci --no-audit --no-fund
npm run build
npm test
