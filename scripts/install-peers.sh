#!/usr/bin/env bash
# Installs the real peers the tests run against (Debian packages): nginx, openssl, curl,
# mbedTLS 2.28 headers and library, and a C compiler. Installs only what is missing.
set -euo pipefail

packages=(nginx openssl curl libmbedtls-dev gcc make libc6-dev)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "peers: all installed (${packages[*]})"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "peers: installing ${missing[*]}"
# Keep the nginx package from starting a system service on port 80: the tests start their own
# nginx on loopback with their own config. policy-rc.d exit 101 = "do not start services".
policy=/usr/sbin/policy-rc.d
created_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  created_policy=1
fi
trap '[ -n "$created_policy" ] && $sudo rm -f "$policy"' EXIT
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "peers: installed"
