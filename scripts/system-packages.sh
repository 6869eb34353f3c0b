#!/usr/bin/env bash
# The Debian packages that `make run`, `make test` and CI need: the one list.
#
# Installs what is missing when run as root on Debian; otherwise stops with
# the exact command to run. SYSTEM_PACKAGES=skip passes over the check (for a
# machine that is not Debian and has the equivalents installed by hand).
set -euo pipefail

packages=(
    # WeasyPrint (the agenda pack, the Agreement's PDF): text layout with
    # Pango, shaping with HarfBuzz and font subsetting with HarfBuzz-Subset
    # (without it WeasyPrint warns, and the suite turns warnings into errors).
    libpango-1.0-0
    libpangoft2-1.0-0
    libharfbuzz0b
    libharfbuzz-subset0
    fontconfig
    # The typeface of every PDF (DejaVu Sans and DejaVu Sans Mono).
    fonts-dejavu-core
    # The browser tests drive Debian's Chromium (never a downloaded one).
    chromium
    # The end-to-end delivery test starts a Redis server of its own.
    redis-server
    # `make bench` loads the pages with wrk (bench/scale.py).
    wrk
)

if [[ "${SYSTEM_PACKAGES:-}" == "skip" ]]; then
    echo "system packages: not checked (SYSTEM_PACKAGES=skip)"
    exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    cat >&2 <<EOF
This is not a Debian system, so the packages below cannot be installed for you.
Install your system's equivalents of:
    ${packages[*]}
(Pango 1.44 or later, HarfBuzz with its subset library, DejaVu fonts,
Chromium at /usr/bin/chromium, redis-server, wrk), then run again with
    SYSTEM_PACKAGES=skip make ...
EOF
    exit 1
fi

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$package")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi

command="apt-get update && apt-get install -y ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
    cat >&2 <<EOF
These Debian packages are missing: ${missing[*]}
Install them as root, then run make again:
    sudo sh -c '$command'
EOF
    exit 1
fi

echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
