#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests when it is missing (idempotent).
# Never downloads a browser build of its own: only Debian packages via apt-get.
# Prints what it did; exits 0 even when it cannot install (the tests then skip with a reason).
set -u

CHROMIUM="${CAMAU_GIS_CHROMIUM:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
    echo "install_browser: $CHROMIUM already present ($("$CHROMIUM" --version 2>/dev/null || echo 'version unknown')); nothing to do"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: apt-get not found; cannot install Chromium (browser tests will skip)"
    exit 0
fi

SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo -n"
    else
        echo "install_browser: not root and no sudo; cannot install Chromium (browser tests will skip)"
        exit 0
    fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "install_browser: $CHROMIUM missing; running apt-get update"
if ! $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq; then
    echo "install_browser: apt-get update failed (browser tests will skip)"
    exit 0
fi
# chromium plus the shared libraries and fonts Playwright's driver and the page need
# (fonts-noto-core covers Vietnamese diacritics).
PACKAGES="chromium fonts-noto-core fonts-dejavu-core"
echo "install_browser: apt-get install $PACKAGES"
if ! $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends $PACKAGES; then
    echo "install_browser: apt-get install failed (browser tests will skip)"
    exit 0
fi
if [ -x "$CHROMIUM" ]; then
    echo "install_browser: installed $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
else
    echo "install_browser: installation finished but $CHROMIUM is still missing (browser tests will skip)"
fi
exit 0
