"""PNG encoder of static maps: Agg pixels written unfiltered, fast deflate, fixed metadata."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

_METADATA_PNG: dict[str, Any] = {"Software": None}


#: zlib level of PNG output: the fastest. Flat map colours compress well without a
#: PNG filter: a national A4 page at 300 dpi is ~0.9 MB (Pillow's adaptive filters at
#: levels 1-6: 1.0-1.3 MB, in twice the time).
PNG_COMPRESS_LEVEL = 1


class _Buffer:
    """Write target that keeps what matplotlib writes without copying it (the Agg buffer)."""

    def __init__(self) -> None:
        self.parts: list[Any] = []

    def write(self, data: Any) -> int:
        self.parts.append(data)
        return len(data)

    def seek(self, *args: Any) -> int:  # matplotlib asks for a file-like object
        return 0


def write_png(fig: Figure, path: str | Path, *, dpi: int = 300) -> None:
    """Render ``fig`` with Agg and write it as an 8-bit RGB PNG (RGBA if it has transparency).

    The pixels are those matplotlib's own PNG writer gives, read straight
    from the Agg renderer's buffer. A map page is opaque (white background),
    so its alpha channel is dropped: a quarter less data to compress. Rows
    are stored unfiltered (PNG filter 0) and deflated at
    :data:`PNG_COMPRESS_LEVEL`: on flat map colours that is both the fastest
    and the smallest choice, and Pillow (whose adaptive filter is fixed) does
    not offer it. The file holds the resolution (``pHYs``, as Pillow writes
    it) and no text metadata, so equal figures give equal files.
    """
    import numpy as np

    out = _Buffer()
    fig.savefig(out, format="rgba", dpi=dpi)  # type: ignore[arg-type]  # a buffer works; facecolor, dpi and layout handled by matplotlib
    w_in, h_in = fig.get_size_inches()
    width, height = int(w_in * dpi), int(h_in * dpi)  # as matplotlib sizes its Agg renderer
    # matplotlib writes the renderer's (rows, columns, 4) buffer in one piece; another
    # size (e.g. rcParams["savefig.bbox"] = "tight" crops it): matplotlib writes the PNG
    data = memoryview(out.parts[0]).cast("B") if len(out.parts) == 1 else b""
    if len(data) != width * height * 4:
        fig.savefig(path, format="png", dpi=dpi, metadata=_METADATA_PNG)
        return
    rgba = np.frombuffer(data, dtype=np.uint8).reshape(height, width, 4)
    channels = 3 if rgba[..., 3].min() == 255 else 4
    rows = np.zeros((height, 1 + width * channels), dtype=np.uint8)  # column 0: filter 0
    rows[:, 1:].reshape((height, width, channels), copy=False)[...] = rgba[..., :channels]
    del rgba, data, out
    Path(path).write_bytes(_png_file(rows, width, height, channels, dpi))


def _png_file(rows: Any, width: int, height: int, channels: int, dpi: float) -> bytes:
    """PNG file of 8-bit RGB/RGBA scanlines ``rows`` (each led by its filter byte)."""
    import struct
    import zlib

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(
            ">I", zlib.crc32(tag + body) & 0xFFFFFFFF)

    colour_type = 2 if channels == 3 else 6
    per_metre = int(dpi / 0.0254 + 0.5)
    return b"".join((
        b"\x89PNG\r\n\x1a\n",
        chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0)),
        chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
        chunk(b"IDAT", zlib.compress(rows, PNG_COMPRESS_LEVEL)),
        chunk(b"IEND", b""),
    ))
