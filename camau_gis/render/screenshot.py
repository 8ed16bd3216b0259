"""PNG screenshot of an HTML map with headless Chromium (Debian's ``chromium`` package).

For readers who want the web look in a document. The browser runs with the
network blocked (every host name resolves to nothing), so the picture shows
exactly what the offline HTML holds. No browser is downloaded: install
Debian's package (``apt-get install chromium``) or point
``CAMAU_GIS_CHROMIUM`` at a Chromium binary.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Where Chromium is looked for, after ``CAMAU_GIS_CHROMIUM``.
CANDIDATES: tuple[str, ...] = ("/usr/bin/chromium", "chromium", "chromium-browser")


def find_chromium() -> str | None:
    """Return the Chromium executable to use, or None when none is installed."""
    from .. import settings

    env = settings.env("CAMAU_GIS_CHROMIUM")
    for cand in (env, *CANDIDATES):
        if not cand:
            continue
        path = cand if os.path.isabs(cand) else shutil.which(cand)
        if path and os.access(path, os.X_OK):
            return path
    return None


def screenshot_html(
    html_path: str | Path,
    png_path: str | Path,
    *,
    width: int = 1600,
    height: int = 1130,
    scale: float = 2.0,
    wait_ms: int = 4000,
    timeout: float = 120.0,
) -> Path:
    """Render an HTML file in headless Chromium and write a PNG screenshot atomically.

    Parameters
    ----------
    html_path : str or Path
        The HTML map (e.g. ``coverage_map.html``).
    png_path : str or Path
        Destination PNG.
    width, height : int
        Browser window in CSS pixels (default: A4 landscape proportions).
    scale : float
        Device scale factor: the PNG is ``width * scale`` pixels wide.
    wait_ms : int
        Virtual time given to the page's scripts before the capture.
    timeout : float
        Seconds before the browser is stopped.

    Returns
    -------
    Path

    Raises
    ------
    CamauGisError
        When Chromium is missing, fails, or writes no image; the message says
        how to install it or what it printed.
    """
    from .._atomic import atomic_path
    from ..errors import CamauGisError, InputError
    from ..i18n import Msg

    html_path = Path(html_path).resolve()
    if not html_path.is_file():
        raise InputError(Msg("shot_no_html", path=html_path))
    exe = find_chromium()
    if exe is None:
        raise CamauGisError(Msg("shot_no_chromium"))
    png_path = Path(png_path)
    with tempfile.TemporaryDirectory(prefix="camau-gis-chromium-") as profile:
        with atomic_path(png_path) as tmp:
            args = [
                exe,
                "--headless=new",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--mute-audio",
                f"--user-data-dir={profile}",
                "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: no request leaves the machine
                f"--window-size={int(width)},{int(height)}",
                f"--force-device-scale-factor={scale}",
                f"--virtual-time-budget={int(wait_ms)}",
                f"--screenshot={tmp}",
                html_path.as_uri(),
            ]
            if hasattr(os, "geteuid") and os.geteuid() == 0:
                args.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
            try:
                proc = subprocess.run(args, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                raise CamauGisError(Msg("shot_timeout", path=html_path,
                                        seconds=f"{timeout:.0f}")) from None
            if proc.returncode != 0 or not tmp.is_file() or tmp.stat().st_size == 0:
                tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:]
                raise CamauGisError(Msg("shot_failed", path=html_path, code=proc.returncode,
                                        tail=tail[0] if tail else Msg("shot_no_output")))
    return png_path
