mark("overlays");
/* ------------------------------------------------------------ legend (one section per layer) */
/* Every class says how many communes it has; a class is a button that outlines its communes. */
function countsOf(th) {
  var n = {};
  features.forEach(function (f) { var v = String(f.properties[th.field]); n[v] = (n[v] || 0) + 1; });
  return n;
}
var legendBox, legendPressed = null;
function buildLegend(body) {
  var div = el("div", "cg-legend", body);
  legendBox = div;
  el("p", "cg-note cg-hint", div).textContent = T.html_legend_hint;
  D.themes.forEach(function (th) {
    var sec = el("div", "cg-legend-section", div), n = countsOf(th);
    sec.id = "cg-legend-" + th.id; sec.setAttribute("data-layer", th.id);
    el("h3", "", sec).textContent = th.title;
    var list = el("ul", "cg-legend-list", sec);
    th.classes.forEach(function (c) {
      var li = el("li", "", list), row = el("button", "cg-legend-item", li);
      row.type = "button"; row.setAttribute("aria-pressed", "false");
      row.setAttribute("data-theme", th.id); row.setAttribute("data-value", String(c.value));
      var sw = el("span", "cg-swatch" + (c.hatch ? " cg-hatch-swatch" : ""), row);
      sw.style.background = c.color; sw.setAttribute("aria-hidden", "true");
      if (c.hatch) { sw.style.setProperty("background", "repeating-linear-gradient(45deg, " + c.color + " 0 3px, " + (C.hatch || "#4d4d4d") + " 3px 4.5px)", "important"); }
      el("span", "cg-legend-label", row).textContent = c.label;
      el("span", "cg-count", row).textContent = String(n[String(c.value)] || 0);
      L.DomEvent.on(row, "click", function () { highlightClass(th, c, row); });
    });
    if (th.note) { el("div", "cg-note", sec).textContent = th.note; }
  });
  D.overlays.forEach(function (o) {
    if (!o.legend.length) { return; }
    var sec = el("div", "cg-legend-section", div);
    sec.id = "cg-legend-" + o.id; sec.setAttribute("data-layer", o.id);
    o.legend.forEach(function (it) {
      var row = el("div", "cg-legend-item cg-legend-static", sec);
      var sw = el("span", "cg-swatch cg-" + it.symbol, row);
      sw.setAttribute("aria-hidden", "true");
      if (it.symbol === "point") { sw.style.background = it.color; } else { sw.style.borderColor = it.color; }
      el("span", "cg-legend-label", row).textContent = it.label;
      if (it.count !== undefined && it.count !== null) { el("span", "cg-count", row).textContent = String(it.count); }
    });
    if (o.note) { el("div", "cg-note", sec).textContent = o.note; }
  });
  var row = el("div", "cg-legend-item cg-legend-static", div);
  var sw = el("span", "cg-swatch cg-line", row); sw.style.borderColor = C.province; sw.style.borderTopWidth = "3px";
  sw.setAttribute("aria-hidden", "true");
  el("span", "cg-legend-label", row).textContent = T.province_outline;
  if (D.credit) { el("p", "cg-credit", div).textContent = D.credit; }
}
function showLegend(id, on) {
  var sec = document.getElementById("cg-legend-" + id);
  if (sec) { sec.style.display = on ? "" : "none"; }
}
/* outline the communes of one legend class (again: off) */
var classLayer = L.layerGroup().addTo(map);
function highlightClass(th, c, row) {
  var again = legendPressed === row;
  clearClass();
  if (again) { return; }
  if (th.id !== activeTheme) { setTheme(th.id); }
  legendPressed = row;
  row.setAttribute("aria-pressed", "true");
  var hits = features.filter(function (f) { return String(f.properties[th.field]) === String(c.value); });
  hits.forEach(function (f) {
    var ref = byCode[f.properties.gso_code];
    if (!ref) { return; }
    L.polygon(ref.getLatLngs(), { renderer: overRenderer, interactive: false, fill: false, color: C.highlight,
      weight: 3, opacity: 1, className: "cg-class-outline" }).addTo(classLayer);
  });
  classLayer.highlighted = hits.map(function (f) { return f.properties.gso_code; });
}
function clearClass() {
  classLayer.clearLayers();
  classLayer.highlighted = [];
  if (legendPressed) { legendPressed.setAttribute("aria-pressed", "false"); legendPressed = null; }
}

/* ------------------------------------------------------------ layer panel (grouped) */
function buildLayers(body) {
  var div = el("div", "cg-layers", body);
  var fs = el("fieldset", "", div);
  el("legend", "", fs).textContent = T.group_themes;
  D.themes.forEach(function (th) {
    var lab = el("label", "", fs), inp = el("input", "", lab);
    inp.type = "radio"; inp.name = "cg-theme"; inp.setAttribute("data-layer", th.id);
    inp.checked = th.id === activeTheme;
    el("span", "", lab).textContent = " " + th.title;
    L.DomEvent.on(inp, "change", function () { if (inp.checked) { setTheme(th.id); } });
  });
  var fo = el("fieldset", "", div);
  el("legend", "", fo).textContent = T.group_overlays;
  D.overlays.forEach(function (o) {
    var lab = el("label", "", fo), inp = el("input", "", lab);
    inp.type = "checkbox"; inp.setAttribute("data-layer", o.id); inp.checked = !!o.on;
    el("span", "", lab).textContent = " " + o.title;
    L.DomEvent.on(inp, "change", function () { setOverlay(o.id, inp.checked); });
  });
}
function setOverlay(id, on) {
  var layer = overlays[id];
  if (!layer) { return; }
  if (on && !map.hasLayer(layer)) { layer.addTo(map); }
  if (!on && map.hasLayer(layer)) { map.removeLayer(layer); }
  showLegend(id, on);
  var box = document.querySelector('.cg-layers input[data-layer="' + id + '"]');
  if (box) { box.checked = on; }
  if (id === "labels" || id === "district_names" || id === "uncovered") { placeLabels(); }
  if (id !== "tiles" && map.hasLayer(overlays.uncovered)) { overlays.uncovered.bringToFront(); }
  if (typeof highlightLayer !== "undefined") { highlightLayer.eachLayer(function (l) { l.bringToFront(); }); }
}
