"""Labels stay inside the frame of the map or inset they belong to, as printed.

Placement measures text at the figure's 100 dpi; the same text prints a few per cent
wider in the 300-dpi PNG and in SVG/PDF. A label placed flush with a frame ran onto
the frame's line (on the report figure, "Tắc Vân" at the right edge of the TP. Cà Mau
inset; on the page, "Tạ An Khương Nam" at the main map's right edge). These tests
draw the maps of the real Cà Mau communes and read the placed label boxes and the
drawn text extents at print resolutions.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest

#: (layout, kind) drawn: the page of ``camau-gis build``/``maps`` and the report's figures.
DRAWN = [("page", "coverage"), ("page", "priority"), ("figure", "coverage"),
         ("figure", "c19"), ("figure", "priority"), ("figure", "models")]


pytestmark = pytest.mark.usefixtures("layer_cache_in_tmp")


@pytest.fixture(scope="module")
def analysis(ca_mau_shp):
    """The README's first command: the shipped example register on the real boundaries."""
    from camau_gis.pipeline import run_analysis

    return run_analysis(boundaries=ca_mau_shp)


@pytest.fixture(scope="module")
def maps(analysis):
    from camau_gis.render.static import plot_map

    out = {}
    for layout, kind in DRAWN:
        fig, ax = plot_map(analysis, kind, figure=layout == "figure")
        out[layout, kind] = fig, ax
    return out


def _panels(fig, ax):
    """(name, axes, LabelPlacement) of the main map and of each enlarged inset."""
    return [("map", ax, fig.camau_labels)] + [
        (ins["district"], ins["ax"], ins["labels"]) for ins in fig.camau_insets]


#: White between a printed label and its frame's line, at least (points).
CLEAR_PT = 1.0


def _inner(ax, renderer, clear_pt=0.0):
    """The frame's inner edge (display units): the axes box less half the frame's line,
    less ``clear_pt``."""
    frame = ax.get_window_extent(renderer)
    lw = max(s.get_linewidth() for s in ax.spines.values())
    inset = (lw / 2 + clear_pt) * ax.figure.dpi / 72
    return frame.x0 + inset, frame.y0 + inset, frame.x1 - inset, frame.y1 - inset


#: How much wider than measured at 100 dpi a label prints (the most seen: 5.3 % at 300 dpi).
PRINT_GROWTH = 0.05


@pytest.mark.parametrize("drawn", DRAWN, ids=["-".join(d) for d in DRAWN])
def test_placed_label_boxes_keep_clear_of_the_frame(maps, drawn):
    """Each placed box keeps the labels' gap (1.5 pt) from the frame's line, plus the room
    its text grows by when printed."""
    fig, ax = maps[drawn]
    fig.set_dpi(100)  # the resolution placement works at
    renderer = fig.canvas.get_renderer()
    gap = 1.5 * fig.dpi / 72  # place_labels' default pad
    checked = 0
    for name, a, placement in _panels(fig, ax):
        assert placement.boxes, f"{name}: no label placed"
        x0, y0, x1, y1 = _inner(a, renderer)
        for box in placement.boxes:
            room = gap + PRINT_GROWTH * box.width
            assert box.x0 - room >= x0 and box.x1 + room <= x1, (name, box.extents, (x0, x1))
            assert box.y0 - gap >= y0 and box.y1 + gap <= y1, (name, box.extents, (y0, y1))
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("dpi", [300, 600], ids=["png-300dpi", "vector-like-600dpi"])
@pytest.mark.parametrize("drawn", DRAWN, ids=["-".join(d) for d in DRAWN])
def test_printed_labels_stay_inside_their_frame(maps, drawn, dpi):
    """Every text of the map and of its insets (names, leader labels, district names) as drawn
    at the PNG's 300 dpi and at 600 dpi (close to the unhinted outlines of SVG/PDF) keeps
    :data:`CLEAR_PT` of white from the frame's line."""
    from matplotlib.text import Text

    fig, ax = maps[drawn]
    fig.set_dpi(dpi)
    try:
        fig.canvas.draw()  # annotations place their text when drawn
        renderer = fig.canvas.get_renderer()
        outside = []
        for name, a, _ in _panels(fig, ax):
            x0, y0, x1, y1 = _inner(a, renderer, CLEAR_PT)
            texts = [t for t in a.texts if t.get_text().strip()]
            assert len(texts) >= 5, f"{name}: {len(texts)} texts"
            for t in texts:
                e = Text.get_window_extent(t, renderer)
                if e.x0 < x0 or e.x1 > x1 or e.y0 < y0 or e.y1 > y1:
                    over = max(x0 - e.x0, e.x1 - x1, y0 - e.y0, e.y1 - y1) * 72 / dpi
                    outside.append(f"{name}: {t.get_text()!r} ({over:.2f} pt too close)")
        assert not outside, "labels on or too close to their frame: " + "; ".join(outside)
    finally:
        fig.set_dpi(100)



#: White between two printed commune labels of one line height, at least (points).
LABEL_CLEAR_PT = 0.75


@pytest.mark.parametrize("dpi", [300, 600], ids=["png-300dpi", "vector-like-600dpi"])
@pytest.mark.parametrize("drawn", DRAWN, ids=["-".join(d) for d in DRAWN])
def test_printed_labels_never_touch_each_other(maps, drawn, dpi):
    """Two placed labels side by side keep white between them as printed (in the report's
    city inset, "Tân Xuyên" and "An Xuyên" had run together into one word)."""
    from matplotlib.text import Text

    fig, ax = maps[drawn]
    fig.set_dpi(dpi)
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        clear = LABEL_CLEAR_PT * dpi / 72
        touching = []
        for name, a, placement in _panels(fig, ax):
            placed = set(placement.inside) | set(placement.leader)
            texts = [t for t in a.texts if t.get_text() in placed]
            boxes = [(t.get_text(), Text.get_window_extent(t, renderer)) for t in texts]
            assert len(boxes) >= 5, f"{name}: {len(boxes)} labels"
            for i, (ta, ea) in enumerate(boxes):
                for tb, eb in boxes[i + 1:]:
                    # glyph boxes of two lines may overlap a little in height: the same row only
                    same_row = min(ea.y1, eb.y1) - max(ea.y0, eb.y0) > 0.5 * min(ea.height,
                                                                                 eb.height)
                    gap = max(eb.x0 - ea.x1, ea.x0 - eb.x1)
                    if same_row and gap < clear:
                        touching.append(f"{name}: {ta!r} / {tb!r} ({gap * 72 / dpi:.2f} pt)")
        assert not touching, "labels run together: " + "; ".join(touching)
    finally:
        fig.set_dpi(100)
