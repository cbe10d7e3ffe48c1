#!/usr/bin/env bash
# Installs the Debian packages Downtrack builds against, when any is missing.
set -euo pipefail
packages=(libsqlite3-dev libxml2-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libssl-dev pkg-config python3 iso-codes)
if [ "${1:-}" = "--test" ]; then packages+=(default-jre-headless python3-venv nginx); fi
if [ "${1:-}" = "--browser" ]; then packages+=(chromium chromium-driver python3-venv); fi
# The collector benchmark serves its sources with nginx; GNU time measures peak memory.
if [ "${1:-}" = "--bench" ]; then packages+=(nginx time); fi
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "deps: all Debian packages present"
    exit 0
fi
echo "deps: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
    runner=()
elif command -v sudo >/dev/null 2>&1; then
    runner=(sudo)
else
    echo "deps: missing packages ${missing[*]} and no root or sudo to install them; run: apt-get install ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${runner[@]}" apt-get update -qq
if ! "${runner[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null; then
    echo "deps: apt-get could not install ${missing[*]}; install them by hand and try again" >&2
    exit 1
fi
echo "deps: installed ${missing[*]}"
