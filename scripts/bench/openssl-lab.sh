#!/usr/bin/env bash
# Builds the same certificate lab as `pkilab init`, with the openssl CLI only: the hand-written
# status quo that scripts/bench.js measures pkilab against. Deliberately plain and sequential:
# one `openssl genpkey` per key, `openssl req -new` + `openssl x509 -req` per certificate
# (`openssl req -x509` for the root), extensions from one generated extensions file.
#
# Usage: openssl-lab.sh OUTDIR [--root-key K] [--intermediate-key K] [--leaf-key K]
#                              [--intermediates N] [--server NAMES]... [--client NAME]...
#                              [--devices COUNT]
#   K: rsa2048 rsa3072 rsa4096 p256 p384 p521 (defaults as pkilab: p384, p256, p256; 1 intermediate)
#   --server "localhost,127.0.0.1": the first name is the CN, all become SANs.
#   --devices COUNT: devices dev-0001 .. dev-COUNT.
#
# Known differences from pkilab: notBefore is "now" (openssl x509 in 3.0 cannot backdate; pkilab
# backdates 5 minutes), and no lab.yaml / manifest.json are written.
set -euo pipefail

usage() { sed -n '7,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

out=""
root_key=p384 intermediate_key=p256 leaf_key=p256 intermediates=1 device_count=0
servers=() clients=()
while [ $# -gt 0 ]; do
  case "$1" in
    --root-key) root_key=$2; shift 2 ;;
    --intermediate-key) intermediate_key=$2; shift 2 ;;
    --leaf-key) leaf_key=$2; shift 2 ;;
    --intermediates) intermediates=$2; shift 2 ;;
    --server) servers+=("$2"); shift 2 ;;
    --client) clients+=("$2"); shift 2 ;;
    --devices) device_count=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) echo "openssl-lab.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$out" ] || usage; out=$1; shift ;;
  esac
done
[ -n "$out" ] || usage
# Same default leaves as pkilab when none are named.
if [ ${#servers[@]} -eq 0 ] && [ ${#clients[@]} -eq 0 ] && [ "$device_count" -eq 0 ]; then
  servers=("localhost,127.0.0.1,::1"); clients=("client")
fi
if [ -e "$out/ca.pem" ]; then echo "openssl-lab.sh: $out already holds a lab" >&2; exit 1; fi

org="pkilab lab"
root_days=3650 intermediate_days=1825 leaf_days=365

# genpkey arguments per key type (genpkey writes PKCS#8 PEM with mode 0600, like pkilab), and the
# signature hash chosen by the issuer's key type as pkilab does (RSA and P-256 issuers: SHA-256).
# Lookup tables rather than helper functions: no subshell per certificate to skew the timing.
declare -A GENPKEY=(
  [rsa2048]="-algorithm RSA -pkeyopt rsa_keygen_bits:2048"
  [rsa3072]="-algorithm RSA -pkeyopt rsa_keygen_bits:3072"
  [rsa4096]="-algorithm RSA -pkeyopt rsa_keygen_bits:4096"
  [p256]="-algorithm EC -pkeyopt ec_paramgen_curve:P-256"
  [p384]="-algorithm EC -pkeyopt ec_paramgen_curve:P-384"
  [p521]="-algorithm EC -pkeyopt ec_paramgen_curve:P-521"
)
declare -A DIGEST=([rsa2048]=-sha256 [rsa3072]=-sha256 [rsa4096]=-sha256 [p256]=-sha256 [p384]=-sha384 [p521]=-sha512)
for k in "$root_key" "$intermediate_key" "$leaf_key"; do
  [ -n "${GENPKEY[$k]:-}" ] || { echo "openssl-lab.sh: unknown key type $k" >&2; exit 2; }
done

# Sets $serial: 16 random bytes, first byte 0x01..0x7f (positive, minimally encoded), as pkilab.
# $SRANDOM (bash 5.1+, getrandom) rather than `openssl rand`, so the baseline is not charged an
# extra process per certificate.
random_serial() {
  printf -v serial '0x%02x%06x%08x%08x%08x' $(( (SRANDOM & 0x7f) | 0x01 )) $(( SRANDOM & 0xffffff )) \
    "$SRANDOM" "$SRANDOM" "$SRANDOM"
}

# The SAN list of a server "a,b,1.2.3.4": IP literals must be IP SANs, everything else DNS.
san_list() {
  local IFS=, name list=""
  for name in $1; do
    if [[ $name =~ ^[0-9.]+$ || $name == *:* ]]; then list+="${list:+, }IP:$name"; else list+="${list:+, }DNS:$name"; fi
  done
  echo "$list"
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ext="$work/extensions.cnf"

# One extensions file for the whole lab. Sections are generated because two things vary per
# certificate: the intermediates' pathlen and each server's SANs.
{
  cat <<'EOF'
[req]
distinguished_name = req_dn
[req_dn]

[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash

# Devices use this section too: pkilab's device profile is its client profile.
[client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
extendedKeyUsage = clientAuth
EOF
  for ((i = 1; i <= intermediates; i++)); do
    cat <<EOF

[intermediate_$i]
basicConstraints = critical, CA:TRUE, pathlen:$((intermediates - i))
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
extendedKeyUsage = serverAuth, clientAuth
EOF
  done
  server_ku=digitalSignature
  case "$leaf_key" in rsa*) server_ku="digitalSignature, keyEncipherment" ;; esac
  for i in "${!servers[@]}"; do
    cat <<EOF

[server_$i]
basicConstraints = critical, CA:FALSE
keyUsage = critical, $server_ku
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
extendedKeyUsage = serverAuth
subjectAltName = $(san_list "${servers[$i]}")
EOF
  done
} > "$ext"

# issue DIR CN SECTION DAYS KEY_TYPE: new key + CSR + certificate signed by the current $issuer.
issue() {
  local dir=$1 cn=$2 section=$3 days=$4 key_type=$5
  mkdir -p "$dir"
  # shellcheck disable=SC2086 # GENPKEY entries are meant to split into words
  openssl genpkey -quiet ${GENPKEY[$key_type]} -out "$dir/key.pem"
  openssl req -new -key "$dir/key.pem" -subj "/O=$org/CN=$cn" -config "$ext" -out "$work/req.csr"
  random_serial
  openssl x509 -req -in "$work/req.csr" -CA "$issuer/cert.pem" -CAkey "$issuer/key.pem" \
    -extfile "$ext" -extensions "$section" -days "$days" "${DIGEST[$issuer_key]}" \
    -set_serial "$serial" -out "$dir/cert.pem"
}

# A leaf: its certificate plus chain.pem (intermediates, issuing CA first; only when there are
# intermediates, an empty PEM file breaks `openssl verify -untrusted`) and fullchain.pem.
leaf() {
  local dir=$1 cn=$2 section=$3
  issue "$dir" "$cn" "$section" "$leaf_days" "$leaf_key"
  if [ -n "$chain" ]; then printf '%s\n' "$chain" > "$dir/chain.pem"; fi
  cat "$dir/cert.pem" ${chain:+"$dir/chain.pem"} > "$dir/fullchain.pem"
}

mkdir -p "$out/root"

# Root: self-signed in one step.
# shellcheck disable=SC2086
openssl genpkey -quiet ${GENPKEY[$root_key]} -out "$out/root/key.pem"
random_serial
openssl req -x509 -new -key "$out/root/key.pem" -subj "/O=$org/CN=pkilab Root CA" \
  -config "$ext" -extensions root -days "$root_days" "${DIGEST[$root_key]}" \
  -set_serial "$serial" -out "$out/root/cert.pem"
cp "$out/root/cert.pem" "$out/ca.pem"

issuer="$out/root" issuer_key=$root_key chain=""
for ((i = 1; i <= intermediates; i++)); do
  issue "$out/intermediate-$i" "pkilab Intermediate CA $i" "intermediate_$i" "$intermediate_days" "$intermediate_key"
  issuer="$out/intermediate-$i" issuer_key=$intermediate_key
  chain="$(cat "$out/intermediate-$i/cert.pem")${chain:+$'\n'$chain}"
done

for i in "${!servers[@]}"; do
  cn=${servers[$i]%%,*}
  leaf "$out/servers/$cn" "$cn" "server_$i"
done
for cn in "${clients[@]}"; do
  leaf "$out/clients/$cn" "$cn" client
done
for ((d = 1; d <= device_count; d++)); do
  printf -v cn 'dev-%04d' "$d"
  leaf "$out/devices/$cn" "$cn" client
done
