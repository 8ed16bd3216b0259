#!/usr/bin/env bash
# Install Debian's python3-qgis for the headless QGIS style check (idempotent).
# Only Debian packages via apt-get (about 290 packages, a few minutes on a clean machine).
# Exits 0 even when it cannot install; tests/test_qgis_styles.py then skips the QGIS check
# (except under CI=true, where a missing QGIS is a failure).
set -u

if /usr/bin/python3 -c "import qgis.core" >/dev/null 2>&1; then
    echo "install_qgis: python3-qgis already present; nothing to do"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_qgis: apt-get not found; cannot install python3-qgis"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
        echo "install_qgis: not root and no sudo; cannot install python3-qgis"; exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq || true
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends python3-qgis \
    || echo "install_qgis: apt-get install python3-qgis failed"
exit 0
