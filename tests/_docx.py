"""Convert a Word report to PDF with Debian's LibreOffice and read it back (pypdf)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def docx_to_pdf(docx: Path) -> Path:
    """Write ``docx`` as PDF beside it (LibreOffice, its own profile folder); return the PDF.

    Skips when LibreOffice is not installed (``.ci/install_office.sh`` installs it in CI).
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install "
                    "libreoffice-writer-nogui fonts-liberation2 (.ci/install_office.sh)")
    out = docx.parent
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{out / 'lo-profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(out), str(docx)],
        check=True, capture_output=True, timeout=180,
    )
    return out / (docx.stem + ".pdf")
