"""Zip archives of boundary files: checked (traversal, bombs, members) and read in place.

:func:`zip_member` names the member GDAL reads through ``/vsizip/``; nothing is
extracted. Limits: :data:`MAX_ZIP_BYTES` (``CAMAU_GIS_MAX_ZIP_BYTES``) and
:data:`MAX_ZIP_RATIO`.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from ..errors import BoundaryError
from ..i18n import Msg

#: Largest total unzipped size of a zipped boundary file (bytes);
#: ``CAMAU_GIS_MAX_ZIP_BYTES`` overrides it. The national 2008 GeoPackage of the
#: shared data is 8.9 MB.
MAX_ZIP_BYTES: int = 2 * 2**30

#: Largest unzipped/packed ratio of a member over 1 MB. Boundary files pack about
#: 2-13 times (shared data, plain `zip`: .shp 1.8, .gpkg 2.1, .dbf 12.5).
MAX_ZIP_RATIO: int = 200

#: Suffixes of vector files looked for in an archive without a ``.shp``.
ZIP_VECTOR_SUFFIXES = (".gpkg", ".geojson", ".json", ".fgb", ".gml", ".kml", ".tab", ".mif")


def _zip_limit() -> int:
    from .. import settings

    return settings.env_limit("CAMAU_GIS_MAX_ZIP_BYTES", MAX_ZIP_BYTES, size=True)


def _unsafe(name: str) -> bool:
    """Say whether a member path would land outside the folder it were extracted to."""
    parts = re.split(r"[\\/]", name)
    return (
        name.startswith(("/", "\\"))
        or bool(re.match(r"^[A-Za-z]:", name))
        or ".." in parts
        or "\x00" in name
    )


def _listing(names: list[str], most: int = 12) -> str:
    shown = ", ".join(names[:most])
    more = Msg("zip_more", n=len(names) - most) if len(names) > most else ""
    return (shown + more) or Msg("zip_none")


def zip_member(path: str | Path, layer: str | None = None) -> str:
    """Check a zip archive and return the member GDAL should read.

    Parameters
    ----------
    path : str or Path
        The ``.zip`` file.
    layer : str, optional
        Name (stem) of the Shapefile to read when the archive holds several.

    Returns
    -------
    str
        The member's path inside the archive, e.g. ``"ca_mau/communes.shp"``.

    Raises
    ------
    BoundaryError
        Not a zip archive; members with absolute or ``..`` paths; unzipped size
        above the limit or a zip-bomb ratio; no Shapefile or vector file, or
        several without ``layer`` choosing one; a Shapefile without its
        ``.shx``/``.dbf``. The message lists the members.
    """
    import zipfile

    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise BoundaryError(Msg("zip_not_zip", path=path, exc=exc)) from exc
    except (OSError, ValueError, NotImplementedError) as exc:
        raise BoundaryError(Msg("zip_unreadable", path=path, exc=exc)) from exc
    encrypted = [i.filename for i in infos if i.flag_bits & 0x1]
    if encrypted:
        raise BoundaryError(Msg("zip_encrypted", path=path, members=_listing(encrypted, 5)))
    unsafe = [i.filename for i in infos if _unsafe(i.filename)]
    if unsafe:
        raise BoundaryError(Msg("zip_unsafe", path=path, members=_listing(unsafe, 5)))
    limit, total = _zip_limit(), sum(i.file_size for i in infos)
    if total > limit:
        raise BoundaryError(Msg("zip_too_big", path=path, total=f"{total / 2**20:,.0f}",
                                limit=f"{limit / 2**20:,.0f}"))
    bombs = [
        i.filename
        for i in infos
        if i.file_size > 2**20 and i.file_size > MAX_ZIP_RATIO * max(i.compress_size, 1)
    ]
    if bombs:
        raise BoundaryError(Msg("zip_bomb", path=path, members=_listing(bombs, 5),
                                ratio=MAX_ZIP_RATIO))
    files = [
        i.filename
        for i in infos
        if not i.is_dir()
        and not i.filename.startswith("__MACOSX/")
        and not PurePosixPath(i.filename).name.startswith(".")
    ]
    shps = [n for n in files if n.lower().endswith(".shp")]
    cands = shps or [n for n in files if n.lower().endswith(ZIP_VECTOR_SUFFIXES)]
    if layer is not None and len(cands) > 1:
        named = [n for n in cands if PurePosixPath(n).stem.lower() == layer.lower()]
        cands = named or cands
    if not cands:
        raise BoundaryError(Msg("zip_no_vector", path=path, members=_listing(files)))
    if len(cands) > 1:
        stems = [PurePosixPath(n).stem for n in cands]
        kind = Msg("zip_kind_shp" if shps else "zip_kind_vector")
        raise BoundaryError(Msg("zip_many", path=path, n=len(cands), kind=kind,
                                members=_listing(cands), stem=stems[0]))
    member = cands[0]
    if member.lower().endswith(".shp"):
        lower = {n.lower() for n in files}
        missing = [s for s in (".shx", ".dbf") if member[:-4].lower() + s not in lower]
        if missing:
            raise BoundaryError(Msg("zip_parts_missing", path=path, member=member,
                                    missing=", ".join(member[:-4] + s for s in missing),
                                    members=_listing(files)))
    return member


def _zip_cpg(path: Path, member: str) -> str | None:
    """Return the ``.cpg`` code page beside a zipped Shapefile member, or None."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        want = member[:-4].lower() + ".cpg"
        for info in zf.infolist():
            if info.filename.lower() == want and info.file_size < 1024:
                return zf.read(info).decode("ascii", "replace").strip() or None
    return None
