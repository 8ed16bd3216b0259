"""Output paths are confined to the output folder, whatever names the data hold."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _analysis_factory import make_analysis

from camau_gis._atomic import MAX_NAME_BYTES, safe_child, safe_name

HOSTILE = [
    "../../evil",
    "/etc/passwd",
    "..",
    ".",
    "",
    "a\x00b.png",
    "..\\..\\windows\\x.png",
    "C:\\x.png",
    "CON",
    "nul.txt",
    ".hidden",
    "  . ",
    "x" * 400 + ".png",
    "Huyện Năm Căn/../../../tmp/x",
    "line\nbreak\ttab",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_stay_a_plain_child_of_the_folder(tmp_path, name):
    path = safe_child(tmp_path, name)
    assert path.parent == tmp_path
    assert os.path.realpath(path).startswith(os.path.realpath(tmp_path) + os.sep)
    assert path.name not in ("", ".", "..") and not path.name.startswith(".")
    assert not set(path.name) & set('/\\\x00\n\t<>:"|?*')
    assert len(path.name.encode("utf-8")) <= MAX_NAME_BYTES
    assert path.name.split(".")[0].upper() not in ("CON", "NUL")
    path.write_bytes(b"ok")  # a name the file system accepts
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.parametrize(
    "name", ["atlas_971_nam_can.png", "Bản đồ phủ sóng.png", "coverage_map.html", "a.b.c.csv"]
)
def test_safe_names_are_kept(name):
    assert safe_name(name) == name


def test_long_names_keep_their_extension_and_whole_letters():
    name = safe_name("Huyện Năm Căn " * 40 + ".png")
    assert name.endswith(".png") and len(name.encode("utf-8")) <= MAX_NAME_BYTES
    name.encode("utf-8").decode("utf-8")  # no letter cut in half


def test_atlas_of_hostile_district_names_writes_inside_the_folder(
    ca_mau_communes, tmp_path, robust, close_figures
):
    """Districts named ``../../evil`` (and a code ``/etc/x``) get their page, inside ``out``."""
    from camau_gis.render.atlas import write_atlas

    keep = ca_mau_communes["dist_short"].isin(["Năm Căn", "Ngọc Hiển"])
    communes = ca_mau_communes[keep].copy()
    evil = communes["dist_short"] == "Năm Căn"
    communes.loc[evil, ["district", "dist_short", "dist_code"]] = ["../../evil", "../../evil", "/../../../../x"]
    communes.loc[~evil, "dist_code"] = "/etc/x\x00"
    result = make_analysis(communes)
    work = tmp_path / "work"  # caches go to tmp_path/cache and tmp_path/shapefiles, not here
    out = work / "a" / "b" / "out"
    before = robust.tree_state(tmp_path / "work") if work.exists() else {}

    written = write_atlas(result, out, dpi=20)

    created = robust.tree_diff(before, robust.tree_state(work))
    assert sorted(created) == sorted(
        [f"created: {d}" for d in ("a", "a/b", "a/b/out")]
        + [f"created: a/b/out/{name}" for name in written]
    )
    assert not Path("/etc/x").exists()
    assert all(Path(p).parent == out for p in written.values())
    pngs = sorted(n for n in written if n.endswith(".png"))
    assert len(pngs) == 2  # one page per district: none dropped
    assert any("evil" in n for n in pngs) and any("etc" in n for n in pngs)
    assert all(n == safe_name(n) for n in pngs)
