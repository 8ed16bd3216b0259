/* ------------------------------------------------------------ buttons: reset view, fullscreen */
/* "Về toàn tỉnh": the whole province in the free part of the map, nothing selected */
function resetView(animate) {
  clearSelection();
  if (districtSelect && districtSelect.value) { districtSelect.value = ""; chooseDistrict(""); }
  fitProvince(animate !== false);
}
function toggleFullscreen() {
  var box = map.getContainer();
  var doc = document;
  if (doc.fullscreenElement) { doc.exitFullscreen(); }
  else if (box.requestFullscreen && doc.fullscreenEnabled) {
    box.requestFullscreen().catch(function () { L.DomUtil.addClass(box, "cg-fullscreen-on"); });
  } else { box.classList.toggle("cg-fullscreen-on"); }
  setTimeout(function () { map.invalidateSize(); }, 200);
}
/* Leaflet's zoom buttons as icons too: no glyph, so no font is looked up for them before the first paint */
var ICON_ZOOM_IN = '<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" style="vertical-align:middle">'
  + '<path d="M7 1.5v11M1.5 7h11" fill="none" stroke="currentColor" stroke-width="2.4"/></svg>';
var ICON_ZOOM_OUT = '<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" style="vertical-align:middle">'
  + '<path d="M1.5 7h11" fill="none" stroke="currentColor" stroke-width="2.4"/></svg>';
var ICON_RESET = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" style="vertical-align:middle">'
  + '<path d="M2 6V2h4M14 10v4h-4M2 2l4.5 4.5M14 14l-4.5-4.5" fill="none" stroke="#333" stroke-width="1.8"/>'
  + '<rect x="5" y="5" width="6" height="6" fill="none" stroke="#333" stroke-width="1.4"/></svg>';
var ICON_FULL = '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" style="vertical-align:middle">'
  + '<path d="M1.5 6V1.5H6M10 1.5h4.5V6M14.5 10v4.5H10M6 14.5H1.5V10" fill="none" stroke="#333" stroke-width="1.8"/></svg>';
var Buttons = L.Control.extend({
  options: { position: "topleft" },
  onAdd: function () {
    var div = el("div", "leaflet-bar cg-buttons");
    [["cg-reset", ICON_RESET, T.reset_view, resetView], ["cg-fullscreen", ICON_FULL, T.fullscreen, toggleFullscreen]]
      .forEach(function (b) {
        var a = el("a", b[0], div);
        a.href = "#"; a.setAttribute("role", "button"); a.title = b[2]; a.setAttribute("aria-label", b[2]);
        a.innerHTML = b[1];  /* our own constant SVG, no data */
        L.DomEvent.on(a, "click", function (e) { L.DomEvent.preventDefault(e); b[3](true); });
      });
    L.DomEvent.disableClickPropagation(div);
    return div;
  }
});
document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });

/* ------------------------------------------------------------ summary panel */
function buildSummary(div) {
  var S = D.summary;
  var tb = el("table", "", div);
  var known = (S.n_in_data === undefined || S.n_in_data === null) ? S.n_communes : S.n_in_data;
  var rows = [["sum_communes", S.n_communes, S.units_label]];
  if (known < S.n_communes) { rows.push(["sum_in_data_units", known + " / " + S.n_communes]); }
  rows.push(["sum_models", S.n_models],
   ["sum_covered", S.covered + " / " + known, S.covered_label],  /* the share counts units with data only */
   ["sum_share", S.share === null ? T.unknown : String(S.share).replace(".", D.lang === "vi" ? "," : ".") + " %"],
   /* one decimal at most (Python rounds it): as toLocaleString writes it, without loading ICU */
   ["sum_c19", S.c19_achieved + " / " + known]);
  if (S.partly) { rows.splice(rows.length - 1, 0, ["coverage_partly", S.partly + " / " + known]); }  /* 2025: former gaps */
  rows.forEach(function (r) {
    var tr = el("tr", "", tb);
    tr.setAttribute("data-key", r[0]);
    el("th", "", tr).textContent = r[2] || T[r[0]];
    tr.firstChild.setAttribute("scope", "row");
    el("td", "cg-num", tr).textContent = String(r[1]);
  });
  var meta = el("div", "cg-meta", div);
  var parts = [];
  if (S.data_date) { parts.push(T.data_date + ": " + S.data_date); }
  else if (S.year) { parts.push(T.year_of_data + ": " + S.year); }
  var src = (S.sources || []).concat(S.boundary_source ? [S.boundary_source] : []);
  if (src.length) { parts.push(T.source + ": " + src.join("; ")); }
  meta.textContent = parts.join(" · ");
  if (S.illustrative) {
    var note = el("div", "cg-meta cg-illustrative-note", div);
    note.textContent = T.illustrative + ": " + T.illustrative_note;
  }
}
mark("controls");
