#!/usr/bin/env bash
# A private CA and the broker's certificate for the relay's Mosquitto, with openssl.
#   ./make-certs.sh broker.example.org [more names or IP addresses...]
# writes certs/ca.crt (give it to every desktop: ca_file in [sources.relay]), certs/ca.key (keep it offline),
# certs/server.crt and certs/server.key (for Mosquitto). The certificate also names "mosquitto", the broker's
# name inside docker-compose.yml, so the relay container can verify it too.
set -euo pipefail
cd "$(dirname "$0")"
[ $# -ge 1 ] || { echo "usage: $0 BROKER_NAME [MORE_NAMES...]" >&2; exit 2; }
mkdir -p certs
umask 077
san="DNS:mosquitto"
for name in "$@"; do
  if [[ $name =~ ^[0-9.]+$ || $name == *:* ]]; then san="$san,IP:$name"; else san="$san,DNS:$name"; fi
done
if [ ! -f certs/ca.key ]; then
  openssl ecparam -name prime256v1 -genkey -noout -out certs/ca.key
  openssl req -x509 -new -key certs/ca.key -sha256 -days 3650 -subj "/CN=shelterapp relay CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -out certs/ca.crt
fi
openssl ecparam -name prime256v1 -genkey -noout -out certs/server.key
openssl req -new -key certs/server.key -subj "/CN=$1" -out certs/server.csr
printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' "$san" > certs/server.ext
openssl x509 -req -in certs/server.csr -CA certs/ca.crt -CAkey certs/ca.key -CAcreateserial -days 825 -sha256 \
  -extfile certs/server.ext -out certs/server.crt
rm -f certs/server.csr certs/server.ext
chmod 644 certs/ca.crt certs/server.crt
echo "certs/ca.crt: give to desktops; certs/server.crt + certs/server.key: for Mosquitto; keep certs/ca.key safe"
