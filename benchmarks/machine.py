"""Details of the machine and library versions, stored with every benchmark result."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

LIBRARIES: tuple[str, ...] = (
    "camau-gis", "geopandas", "shapely", "pyogrio", "fiona", "pyarrow", "pyproj", "pandas",
    "numpy", "folium", "branca", "matplotlib", "mapclassify", "playwright",
)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return None


def chromium_version(executable: str | None) -> str | None:
    """Version string of a Chromium executable, or ``None``."""
    if not executable or not Path(executable).exists():
        return None
    try:
        out = subprocess.run([executable, "--version"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out.strip().splitlines()[0] if out.strip() else None


def machine_info(chromium: str | None = None) -> dict:
    """CPU, cores, RAM, OS, Python, GDAL/GEOS/PROJ and library versions."""
    versions: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    info = {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": _ram_gb(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "libraries": versions,
        "chromium": chromium_version(chromium),
        "load_average": ([round(x, 2) for x in os.getloadavg()]
                         if hasattr(os, "getloadavg") else None),
    }
    try:
        import pyogrio
        import pyproj
        import shapely

        info["gdal"] = pyogrio.__gdal_version_string__
        info["geos"] = shapely.geos_version_string
        info["proj"] = pyproj.proj_version_str
    except ImportError:
        pass
    return info


def describe(info: dict) -> str:
    """One line naming the machine, for the Markdown table's caption."""
    libs = info.get("libraries", {})
    shown = ", ".join(f"{k} {v}" for k, v in libs.items() if v and k != "camau-gis")
    return (f"{info['cpu']}, {info['cores']} cores, {info['ram_gb']} GB RAM; "
            f"Python {info['python']}; GDAL {info.get('gdal')}, GEOS {info.get('geos')}; "
            f"{shown}; {info.get('chromium') or 'no Chromium'}; "
            f"load average at the end {info.get('load_average')}")
