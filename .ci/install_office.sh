#!/usr/bin/env bash
# Install Debian's LibreOffice Writer (headless) and Liberation fonts for the report tests
# (DOCX -> PDF). Idempotent; exits 0 when it cannot install (those tests then skip with a reason).
set -u
# poppler-utils: pdftoppm renders the printed HTML map's PDF (tests/test_html_screens.py)
if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then
    echo "install_office: soffice and pdftoppm already present; nothing to do"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_office: apt-get not found; report PDF tests will skip"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
        echo "install_office: not root and no sudo; report PDF tests will skip"; exit 0; fi
fi
export DEBIAN_FRONTEND=noninteractive
PACKAGES="libreoffice-writer-nogui fonts-liberation2 poppler-utils"
$SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq || { echo "install_office: apt-get update failed"; exit 0; }
$SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends $PACKAGES \
    || echo "install_office: apt-get install failed (report PDF tests will skip)"
exit 0
