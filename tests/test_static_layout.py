"""A map page uses its area: no large empty block beside the map, read from the PNG's pixels.

The example of the README (``camau-gis build``: the shipped register on the
real Cà Mau boundaries) is drawn on every map kind and page preset; in the
side columns of the layout (legend, summary, notes, enlarged insets, locator)
the largest rectangle of background colour is measured on the PNG. Before
the side columns were laid out from their content it was 12.5 % of the page
(coverage map, A4 landscape: the first column empty under the summary); now at most 6.1 %.
"""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

#: Largest empty block allowed in the side columns, as a share of the page area.
MAX_BLANK = 0.065
#: Resolution the pages are measured at (dots per inch).
DPI = 40


def largest_blank(mask: np.ndarray) -> tuple[int, tuple[int, int, int, int]]:
    """Largest all-True rectangle of a 2-D mask: ``(cells, (row0, col0, row1, col1))``.

    The histogram method: per row, the heights of True runs above it; the
    largest rectangle under each histogram with a stack.
    """
    rows, cols = mask.shape
    heights = np.zeros(cols, dtype=int)
    best: tuple[int, tuple[int, int, int, int]] = (0, (0, 0, 0, 0))
    for r in range(rows):
        heights = np.where(mask[r], heights + 1, 0)
        stack: list[tuple[int, int]] = []
        for c in range(cols + 1):
            h = int(heights[c]) if c < cols else 0
            start = c
            while stack and stack[-1][1] >= h:
                start, height = stack.pop()
                if height * (c - start) > best[0]:
                    best = (height * (c - start), (r - height + 1, start, r + 1, c))
            stack.append((start, h))
    return best


def test_largest_blank_finds_the_empty_rectangle():
    mask = np.ones((10, 12), dtype=bool)
    mask[:, 4] = False  # a line splits the area: 10 x 7 on the right is the largest
    mask[3, 8] = False  # a dot in it: 6 x 7 below the dot is now the largest
    assert largest_blank(mask) == (42, (4, 5, 10, 12))


@pytest.fixture(scope="module")
def example(ca_mau_shp):
    """The README's first command: the shipped example register on the real boundaries."""
    from camau_gis.pipeline import run_analysis

    return run_analysis(boundaries=ca_mau_shp)


def _side_blank(fig, page: str, result, folder) -> tuple[float, tuple[int, int, int, int]]:
    """Largest background block in the side columns of ``fig``, as a share of the page."""
    from PIL import Image

    from camau_gis.render import layout
    from camau_gis.render._layers import layers
    from camau_gis.render.static import page_size, save_figure

    path = save_figure(fig, folder / "page.png", dpi=DPI)
    pixels = np.asarray(Image.open(io.BytesIO(path.read_bytes())).convert("RGB"))
    H, W = pixels.shape[:2]
    w_in, h_in = page_size(page)
    aspect = layout.province_aspect(layers(result.communes)["communes"].total_bounds)
    frame = layout.page_frame((w_in, h_in), aspect)
    x0, bottom, _, height = frame.columns[0]
    x1 = w_in - frame.margin
    rows = slice(int((h_in - bottom - height) * DPI), int((h_in - bottom) * DPI))
    cols = slice(int(x0 * DPI), int(x1 * DPI))
    blank = (pixels[rows, cols] >= 250).all(axis=2)
    cells, box = largest_blank(blank)
    return cells / (H * W), box


@pytest.mark.parametrize("page", ["A4-landscape", "A4-portrait", "A3-landscape", "A3-portrait"])
@pytest.mark.parametrize("kind", ["coverage", "c19", "priority", "models"])
def test_no_large_empty_block_beside_the_map(example, kind, page, tmp_path, close_figures):
    from camau_gis.render.static import plot_map

    fig, _ = plot_map(example, kind, page=page)
    share, box = _side_blank(fig, page, example, tmp_path)
    assert share <= MAX_BLANK, (
        f"{kind} on {page}: an empty block of {100 * share:.1f}% of the page in the side "
        f"columns (rows {box[0]}-{box[2]}, columns {box[1]}-{box[3]} at {DPI} dpi)")
    # the city keeps its enlarged inset on every kind and page
    assert "Thành phố Cà Mau" in [ins["district"] for ins in fig.camau_insets]


def test_a4_landscape_enlarges_the_district_whose_names_the_map_leaves_out(example,
                                                                          close_figures):
    """The room beside the city inset holds a second enlarged district, labelled there."""
    from camau_gis.render.static import plot_map

    fig, _ = plot_map(example, "coverage", page="A4-landscape")
    insets = fig.camau_insets
    assert [ins["district"] for ins in insets][0] == "Thành phố Cà Mau"
    assert len(insets) == 2
    second = insets[1]["labels"]
    assert len(second.inside) + len(second.leader) >= 5  # its units are named in the inset
    # the second inset's boxes stay inside the page and apart from the first one
    r = fig.canvas.get_renderer()
    a, b = (ins["ax"].get_window_extent(r) for ins in insets)
    assert not a.overlaps(b)
    page = fig.bbox
    assert page.x0 <= b.x0 and b.x1 <= page.x1 and page.y0 <= b.y0


@pytest.mark.parametrize("page", ["A4-landscape", "A4-portrait"])
def test_the_lisa_page_fills_its_side_columns_too(example, page, tmp_path):
    """The LISA page: legend, settings, reading, Moran scatter and locator beside the map."""
    from camau_gis.render.plan import lisa_figure

    fig = lisa_figure(example, page=page)
    share, box = _side_blank(fig, page, example, tmp_path)
    assert share <= MAX_BLANK, f"LISA on {page}: an empty block of {100 * share:.1f}% ({box})"
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "Biểu đồ phân tán Moran" in texts
    assert re.search(r"Chỉ số I Moran = -?\d,\d{3}; p = \d,\d{3}", texts)
    # every text stays on the page
    renderer = fig.canvas.get_renderer()
    page_box = fig.bbox
    for artist in fig.texts + [lg for lg in fig.legends] + [
            lg for ax in fig.axes if (lg := ax.get_legend()) is not None]:
        box = artist.get_window_extent(renderer)
        assert page_box.x0 <= box.x0 and box.x1 <= page_box.x1 + 0.5, artist



@pytest.mark.parametrize("kind", ["coverage", "c19", "priority", "models"])
def test_report_figure_legend_stays_inside_the_figure(example, kind, close_figures):
    """At the report's 16.5 cm the legend's long entries wrap instead of running off the edge."""
    from camau_gis.render.static import plot_map

    fig, _ = plot_map(example, kind, figure=True)
    box = fig.legends[0].get_window_extent(fig.canvas.get_renderer())
    assert box.x1 <= fig.bbox.x1, f"{kind}: legend ends {box.x1 - fig.bbox.x1:.0f} px past the edge"
