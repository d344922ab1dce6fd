#!/usr/bin/env bash
# The README's main job: install, build, create a demo lab and show what was made.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build
node bin/run.js init demo-lab --force \
  --root-key p384 --intermediate-key p256 --leaf-key p256 --intermediates 1 \
  --server localhost,127.0.0.1 --client alice --device dev-001
echo
echo "Files in demo-lab:"
find demo-lab -type f | sort
