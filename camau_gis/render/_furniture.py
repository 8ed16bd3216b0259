"""Map furniture for static maps: scale bar and north arrow.

Every function draws on a matplotlib Axes whose data are in a metric CRS
(metres), so the scale bar needs no conversion. Labels are placed by
:mod:`camau_gis.render._cartography`; the locator inset is drawn by
:mod:`camau_gis.render.locator`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def add_scalebar(ax: Axes, *, fontsize: float = 7, location: str = "lower left") -> Any:
    """Add a scale bar in km/m to an Axes whose data units are metres.

    Parameters
    ----------
    ax : Axes
        Map axes in a metric CRS.
    fontsize : float
        Size of the scale label, in points.
    location : str
        Matplotlib location code.

    Returns
    -------
    matplotlib_scalebar.scalebar.ScaleBar
    """
    from matplotlib_scalebar.scalebar import ScaleBar

    bar = ScaleBar(
        1.0,
        "m",
        location=location,
        length_fraction=0.25,
        box_alpha=0.75,
        font_properties={"size": fontsize},
        border_pad=0.6,
        sep=2,
        width_fraction=0.008,
    )
    ax.add_artist(bar)
    return bar


def north_angle(crs: Any, lon: float, lat: float) -> float:
    """Angle in degrees (counter-clockwise from the page's up) of true north at a point.

    Parameters
    ----------
    crs : pyproj CRS or str
        The projected CRS the map is drawn in.
    lon, lat : float
        The point (usually the map centre), in degrees.
    """
    from pyproj import Transformer

    tr = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    x0, y0 = tr.transform(lon, lat)
    x1, y1 = tr.transform(lon, lat + 0.01)
    return math.degrees(math.atan2(-(x1 - x0), y1 - y0))


def add_north_arrow(
    ax: Axes,
    *,
    letter: str = "N",
    angle: float = 0.0,
    xy: tuple[float, float] = (0.93, 0.90),
    length: float = 0.07,
    fontsize: float = 10,
) -> None:
    """Draw a north arrow in axes coordinates, rotated by ``angle`` degrees.

    Parameters
    ----------
    ax : Axes
        Map axes.
    letter : str
        Letter above the arrow ("N", Vietnamese "B" for Bắc).
    angle : float
        Rotation of true north from the page's up, counter-clockwise, degrees.
    xy : tuple of float
        Arrow tip position in axes fraction.
    length : float
        Arrow length as a fraction of the axes height.
    fontsize : float
        Letter size in points.
    """
    from matplotlib.patches import FancyArrowPatch

    a = math.radians(angle)
    bbox = ax.get_position(original=True)
    fig_w, fig_h = ax.figure.get_size_inches()  # type: ignore[union-attr]  # a Figure here
    aspect = (bbox.height * fig_h) / (bbox.width * fig_w)  # axes-fraction x per y
    dx = -math.sin(a) * length * aspect
    dy = math.cos(a) * length
    tip = xy
    tail = (xy[0] - dx, xy[1] - dy)
    arrow = FancyArrowPatch(
        tail,
        tip,
        transform=ax.transAxes,
        arrowstyle="simple,head_length=1.2,head_width=1.0,tail_width=0.35",
        mutation_scale=fontsize * 1.2,
        color="#1A1A1A",
        zorder=20,
    )
    ax.add_patch(arrow)
    ax.text(
        tip[0] + dx * 0.25,
        tip[1] + dy * 0.25 + 0.005,
        letter,
        transform=ax.transAxes,
        ha="center",
        va="bottom",
        fontsize=fontsize,
        fontweight="bold",
        color="#1A1A1A",
        zorder=20,
    )
