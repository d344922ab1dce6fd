#!/usr/bin/env bash
# The README's main job: install, build, create a demo lab, lint it for nginx mTLS, export its
# nginx server block, and show what was made.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
npm run build
pkilab() { node bin/run.js "$@"; }

pkilab init demo-lab --force \
  --root-key p384 --intermediate-key p256 --leaf-key p256 --intermediates 1 \
  --server localhost,127.0.0.1 --client alice --device dev-001

echo
echo "== lint: will nginx accept alice's client certificate? (trust anchor and chain found in the lab)"
pkilab lint demo-lab/clients/alice/cert.pem --for nginx-mtls

echo
echo "== lint: the server certificate, as browsers and curl see it"
pkilab lint demo-lab/servers/localhost/fullchain.pem --ca demo-lab/ca.pem --for nginx-server --host localhost

echo
echo "== export: the nginx mTLS server block (demo-lab/nginx-mtls.conf)"
pkilab export --nginx --lab demo-lab --listen 8443 -o demo-lab/nginx-mtls.conf --force
cat demo-lab/nginx-mtls.conf

echo
echo "== lint: will an mbedTLS 3.6 device with its stock configuration accept the server?"
pkilab lint demo-lab/servers/localhost/fullchain.pem --ca demo-lab/ca.pem --for mbedtls --mbedtls-version 3.6 --host 127.0.0.1

echo
echo "== export: C header for the device firmware (demo-lab/device_certs.h, no private key)"
pkilab export --c-array --lab demo-lab --device dev-001 -o demo-lab/device_certs.h --force
grep -E "^(static const|#define|#ifndef)" demo-lab/device_certs.h

echo
echo "== export: the mbedTLS config lines the device needs (demo-lab/pkilab_user_config.h)"
pkilab export --mbedtls-config --lab demo-lab --device dev-001 --mbedtls-version 3.6 -o demo-lab/pkilab_user_config.h --force
cat demo-lab/pkilab_user_config.h

echo
echo "== files in demo-lab"
find demo-lab -type f | sort
