/* ------------------------------------------------------------ themes */
var themes = {}, activeTheme = D.themes[0].id;
D.themes.forEach(function (th) {
  var by = {};
  th.classes.forEach(function (c) { by[String(c.value)] = c; });
  th.byValue = by;
  themes[th.id] = th;
});
function classOf(props, themeId) {
  var th = themes[themeId];
  return th.byValue[String(props[th.field])] || null;
}
var highlighted = null;
function styleFor(feature) {
  var c = classOf(feature.properties, activeTheme);
  var s = { color: C.commune, weight: O.commune_weight, opacity: 1, fillOpacity: 0.8,
            fillColor: c ? c.color : "#cccccc", hatch: !!(c && c.hatch) };  /* hatch: canvas maps */
  return s;
}
var hatchIds = {};
function hatchId(color) {  /* an SVG pattern: the colour with C.hatch lines at 45 degrees */
  var id = hatchIds[color];
  if (id) { return id; }
  id = hatchIds[color] = "cg-hatch-" + String(color).replace(/[^0-9a-zA-Z]/g, "");
  var ns = "http://www.w3.org/2000/svg", defs = document.querySelector("svg.cg-defs defs");
  var p = document.createElementNS(ns, "pattern"), r = document.createElementNS(ns, "rect"), l = document.createElementNS(ns, "line");
  p.setAttribute("id", id); p.setAttribute("patternUnits", "userSpaceOnUse");
  p.setAttribute("width", "6"); p.setAttribute("height", "6"); p.setAttribute("patternTransform", "rotate(45)");
  r.setAttribute("width", "6"); r.setAttribute("height", "6"); r.setAttribute("fill", color);
  l.setAttribute("x1", "0"); l.setAttribute("y1", "0"); l.setAttribute("x2", "0"); l.setAttribute("y2", "6");
  l.setAttribute("stroke", C.hatch || "#4d4d4d"); l.setAttribute("stroke-width", "1.5");
  p.appendChild(r); p.appendChild(l); defs.appendChild(p);
  return id;
}
function applyHatch(layer) {
  var path = layer.getElement && layer.getElement();
  if (!path) { return; }
  var c = classOf(layer.feature.properties, activeTheme);
  if (c && c.hatch) {  /* hatch over the class colour (e.g. no criterion-19 data) */
    L.DomUtil.addClass(path, "cg-hatch"); path.style.setProperty("fill", "url(#" + hatchId(c.color) + ")", "important");
  } else { L.DomUtil.removeClass(path, "cg-hatch"); path.style.removeProperty("fill"); }
}

/* ------------------------------------------------------------ tooltip and popup */
var districtBy = {};
D.districts.forEach(function (d) { d.display = d.display || d.name; });  /* absent: the name itself */
D.districts.forEach(function (d) { districtBy[d.code || d.name] = d; districtBy[d.name] = districtBy[d.name] || d; });
/* a commune's district as readers of the page's language name it */
function distName(p) {
  var d = districtBy[p.dist_code] || districtBy[p.district];
  return d ? d.display : p.district;
}
function c19Text(status) { return T["c19_" + status] || status; }
function noData(p) { return p.in_data === false; }  /* outside the register's coverage */
function tooltipHtml(p) {
  var rows = noData(p) ? [[T.district, distName(p)], [T.unit_type, p.unit_label], [T.n_models, T.outside_register]] : [
    [T.district, distName(p)], [T.unit_type, p.unit_label], [T.n_models, p.n_models],
    [T.c19, c19Text(p.c19_status) + (p.c19_first ? " (" + p.c19_first + ")" : "")]
  ];
  if (p.pred_names) { rows.push([T.pred_names, p.pred_names]); }
  if (p.pred_covered) { rows.push([T.layer_category, p.pred_covered]); }  /* "covered 1 of 3 former communes" */
  if (p.geom_note) { rows.push([T.geom_note, p.geom_note]); }
  if (p.uncov_rank !== null && p.uncov_rank !== undefined) { rows.push([T.uncovered_rank, p.uncov_rank]); }
  if (p.ntm_pilot) { rows.push([T.ntm_pilot, T.yes]); }
  var html = '<div class="cg-tip" data-gso="' + esc(p.gso_code) + '"><b>' + esc(p.name) + "</b><table>";
  rows.forEach(function (r) {
    if (r[1] === "" || r[1] === null || r[1] === undefined) { return; }
    html += "<tr><td>" + esc(r[0]) + "</td><td>" + esc(r[1]) + "</td></tr>";
  });
  if (p.illustr) { html += '<tr><td colspan="2"><i>' + esc(T.illustrative) + "</i></td></tr>"; }
  return html + "</table></div>";
}
function popupHtml(p) {
  var html = '<div class="cg-popup" data-gso="' + esc(p.gso_code) + '"><h2>' + esc(p.name) + "</h2>"
    + "<div>" + [distName(p), p.unit_label, p.gso_code].filter(function (v) { return v; }).map(esc).join(" · ")
    + "</div>";
  if (ranked(p)) { html += '<div class="cg-popup-rank">' + esc(T.uncovered_rank) + ": <b>" + esc(p.uncov_rank) + "</b></div>"; }
  if (p.pred_names) { html += "<h4>" + esc(T.pred_names) + '</h4><div class="cg-pred">' + esc(p.pred_names) + "</div>"; }
  if (p.pred_covered) { html += '<div class="cg-pred">' + esc(p.pred_covered) + "</div>"; }
  if (p.geom_note) { html += "<h4>" + esc(T.geom_note) + '</h4><div class="cg-geom-note">' + esc(p.geom_note) + "</div>"; }
  if (noData(p)) {
    html += '<p class="cg-no-data">' + esc(T.outside_register) + "</p>";
    return html + "</div>";
  }
  var models = D.models[p.gso_code] || [];
  html += "<h4>" + esc(T.models_list) + " (" + models.length + ")</h4>";
  if (models.length) {
    html += '<div class="cg-scroll"><table><tr><th scope="col">' + esc(T.model_name) + '</th><th scope="col">' + esc(T.model_kind) + '</th><th scope="col">'
      + esc(T.model_year) + "</th></tr>";
    models.forEach(function (m) {
      html += '<tr class="' + (m[3] ? "" : "cg-ended") + '"><td><span class="cg-model-name">' + esc(m[0])
        + "</span>" + (m[3] ? "" : " <i>(" + esc(T.model_ended) + ")</i>")
        + "</td><td>" + esc(m[1]) + "</td><td>" + esc(m[2] === null ? "" : m[2]) + "</td></tr>";
    });
    html += "</table></div>";
  } else { html += "<div>" + esc(T.no_models) + "</div>"; }
  var hist = D.c19[p.gso_code] || [];
  html += "<h4>" + esc(T.c19_history) + "</h4>";
  if (hist.length) {
    html += '<table><tr><th scope="col">' + esc(T.year) + '</th><th scope="col">' + esc(T.c19) + "</th></tr>";
    hist.forEach(function (h) {
      var s = h[1] === true ? "achieved" : (h[1] === false ? "not_achieved" : "no_data");
      html += "<tr><td>" + esc(h[0] === null ? "" : h[0]) + "</td><td>" + esc(c19Text(s)) + "</td></tr>";
    });
    html += "</table>";
  } else { html += "<div>" + esc(T.no_c19) + "</div>"; }
  if (p.uncov_reasons) { html += "<h4>" + esc(T.reasons) + "</h4><div>" + esc(p.uncov_reasons) + "</div>"; }
  if (p.illustr) { html += "<p><i>" + esc(T.illustrative) + "</i></p>"; }
  return html + "</div>";
}
