#!/usr/bin/env bash
# Installs the real peers the tests run against (Debian packages): nginx, openssl, curl, postfix
# and dovecot-imapd, dovecot-pop3d (SMTP, IMAP and POP3 servers for probe --starttls), tshark and
# tcpdump (captures for --client-hello),
# mbedTLS 2.28 headers and library, wolfSSL (libwolfssl-dev), Go (golang-go), a C compiler, and
# the source packages the tests build variant libraries from: mbedTLS 2.28 and 3.6 (Debian
# bookworm / trixie; test/helpers/mbedtls.ts) and wolfSSL 5.5.4 (bookworm; test/helpers/wolfssl.ts).
# Installs and fetches only what is missing; safe to run again.
#
# Sources land in $PKILAB_PEERS_DIR/src/{2.28,3.6,wolfssl-5.5.4} (default ${TMPDIR:-/tmp}/pkilab-peers,
# the same default as test/helpers/mbedtls.ts); library builds are cached beside them by config hash.
set -euo pipefail

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
apt_update() { $sudo apt-get update -qq; }

# --- Debian packages ------------------------------------------------------------------------
# dpkg-dev provides dpkg-source, which `apt-get source` needs to unpack a source package.
packages=(nginx openssl curl libmbedtls-dev libssl-dev libwolfssl-dev golang-go gcc make libc6-dev dpkg-dev postfix dovecot-imapd dovecot-pop3d tshark tcpdump)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "peers: all installed (${packages[*]})"
else
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
  apt_update
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "peers: installed"
fi

# --- source packages: mbedTLS 2.28 and 3.6, wolfSSL 5.5.4 --------------------------------------
# Test helpers build variant libraries from these trees (test/helpers/mbedtls.ts,
# test/helpers/wolfssl.ts): dest directory under $src_dir → "package/suite" and a file the
# unpacked tree must have.
peers_dir="${PKILAB_PEERS_DIR:-${TMPDIR:-/tmp}/pkilab-peers}"
src_dir="$peers_dir/src"
declare -A package_of=([2.28]=mbedtls/bookworm [3.6]=mbedtls/trixie [wolfssl-5.5.4]=wolfssl/bookworm)
declare -A marker_of=([2.28]=library/Makefile [3.6]=library/Makefile [wolfssl-5.5.4]=wolfssl/ssl.h)
need=()
for dest in 2.28 3.6 wolfssl-5.5.4; do
  [ -f "$src_dir/$dest/${marker_of[$dest]}" ] || need+=("$dest")
done

fetch_sources() {
  # Does apt know the source packages in both suites? (`apt-cache showsrc` lists every version.)
  have_sources() {
    local mbedtls wolfssl
    mbedtls=$(apt-cache showsrc mbedtls 2>/dev/null | sed -n 's/^Version: //p')
    wolfssl=$(apt-cache showsrc wolfssl 2>/dev/null | sed -n 's/^Version: //p')
    grep -q '^2\.28\.' <<<"$mbedtls" && grep -q '^3\.6\.' <<<"$mbedtls" && grep -q '^5\.5\.4-' <<<"$wolfssl"
  }
  if ! have_sources; then
    # A deb-src entry for bookworm + trixie with the machine's own mirror and keyring (taken from
    # the stanza of debian.sources that lists the machine's main suite, not -security/-updates).
    list=/etc/apt/sources.list.d/pkilab-deb-src.sources
    if [ ! -e "$list" ]; then
      uris="http://deb.debian.org/debian"
      signed_by="/usr/share/keyrings/debian-archive-keyring.gpg"
      main_sources=/etc/apt/sources.list.d/debian.sources
      if [ -r "$main_sources" ]; then
        stanza=$(awk 'BEGIN { RS = ""; FS = "\n" }
          { for (i = 1; i <= NF; i++) if ($i ~ /^Suites:/ && $i !~ /security/) { print; exit } }' "$main_sources")
        u=$(sed -n 's/^URIs:[[:space:]]*//p' <<<"$stanza" | head -n1)
        s=$(sed -n 's/^Signed-By:[[:space:]]*//p' <<<"$stanza" | head -n1)
        [ -n "$u" ] && uris="$u"
        [[ "$s" == /* ]] && signed_by="$s" # a path, not an inline key block
      fi
      printf 'Types: deb-src\nURIs: %s\nSuites: bookworm trixie\nComponents: main\nSigned-By: %s\n' \
        "$uris" "$signed_by" | $sudo tee "$list" >/dev/null
      echo "peers: added $list (deb-src bookworm trixie from $uris)"
    fi
    apt_update
  fi
  have_sources || { echo "peers: apt has no mbedtls 2.28 / 3.6 or wolfssl 5.5.4 source package after update" >&2; exit 1; }

  # `apt-get source` needs no root: it downloads and unpacks into the current directory, so the
  # tree belongs to whoever runs the tests. Unpacked into a scratch directory, then renamed into
  # place, so an interrupted run never leaves a half tree where the tests look.
  mkdir -p "$src_dir"
  for dest in "${need[@]}"; do
    package=${package_of[$dest]}
    name=${package%%/*}
    scratch=$(mktemp -d "$peers_dir/fetch-$dest.XXXXXX")
    if ! (cd "$scratch" && apt-get source -qq "$package" >"$scratch/log" 2>&1); then
      cat "$scratch/log" >&2
      rm -rf "$scratch"
      echo "peers: apt-get source $package failed" >&2
      exit 1
    fi
    tree=$(find "$scratch" -mindepth 1 -maxdepth 1 -type d -name "$name-*" | head -n1)
    [ -n "$tree" ] && [ -f "$tree/${marker_of[$dest]}" ] || { echo "peers: no $name tree in $scratch" >&2; exit 1; }
    rm -rf "${src_dir:?}/$dest"
    mv "$tree" "$src_dir/$dest"
    rm -rf "$scratch"
    echo "peers: ${tree##*/} sources in $src_dir/$dest"
  done
}

if [ ${#need[@]} -eq 0 ]; then
  echo "peers: sources present ($src_dir: 2.28 3.6 wolfssl-5.5.4)"
else
  fetch_sources
fi
