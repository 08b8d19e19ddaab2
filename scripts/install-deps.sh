#!/usr/bin/env bash
# Installs the Debian 12 packages dualdex needs to build, test and run.
# Safe to run again: apt-get skips what is already there.
set -euo pipefail
PACKAGES=(
  g++ cmake ninja-build pkg-config
  libxapian-dev xapian-tools
  libxml2-dev libicu-dev nlohmann-json3-dev libcli11-dev libboost-test-dev libcurl4-openssl-dev
  libcld2-dev
  iso-codes tzdata time systemd xapian-omega
  clang libclang-rt-14-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
