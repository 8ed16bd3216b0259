/* ------------------------------------------------------------ names and badges that never collide */
/* Three overlays of markers: priority badges (with "uncovered"), district names and commune names.
   After every view change they are placed in order (the selected commune, badges by rank,
   district names, commune names by size); one that would overlap a placed one, or a commune name
   wider than its commune, is hidden until a zoom makes room. Large maps (O.markers_in_view) make
   the markers of the visible part only. Text colour follows the fill under it (WCAG AA). */
function textMarker(latlng, cls, text) {
  return L.marker(latlng, { interactive: false, keyboard: false,
    icon: L.divIcon({ className: cls, html: "<span>" + esc(text) + "</span>", iconSize: null }) });
}
var featureIndex = new Map();
features.forEach(function (f, i) { featureIndex.set(f, i); });
var rankFeatures = features.filter(function (f) { return ranked(f.properties) && f.properties.label_pt; });
var nameFeatures = features.filter(function (f) { return f.properties.label_pt; });
var items = { rank: [], district: [], commune: [] };
function item(kind, f, d) {
  var p = f ? f.properties : null, ll = f ? [p.label_pt[1], p.label_pt[0]] : [d.pt[1], d.pt[0]];
  var ranked_ = p && ranked(p);
  var cls = kind === "rank" ? "cg-rank" : (kind === "district" ? "cg-dlabel" : "cg-label" + (ranked_ ? " cg-label-below" : ""));
  var text = kind === "rank" ? p.uncov_rank : (kind === "district" ? d.label : p.short_label || p.short_name);
  var it = { kind: kind, f: f, d: d, marker: textMarker(ll, cls, text), w: 0, h: 0, shown: true,
             g: f ? featureIndex.get(f) : -1, at: d ? d.at : (p ? p.gso_code : "") };
  it.marker._cgItem = it;
  return it;
}
overlays.district_names = L.layerGroup();
overlays.labels = L.layerGroup();
var rankGroup = L.layerGroup().addTo(overlays.uncovered);
function buildItems(inBounds, slices) {  /* (re)make the markers; inBounds: large maps, the visible part (false: none);
  slices: a list of tasks to put the markers on the map in parts, else at once */
  function inside(q) { return inBounds === null || (inBounds !== false && inBounds.contains([q[1], q[0]])); }
  function keep(f) { return inside(f.properties.label_pt); }
  rankGroup.clearLayers(); overlays.labels.clearLayers(); overlays.district_names.clearLayers();
  items.rank = rankFeatures.filter(keep).map(function (f) { return item("rank", f); });
  items.commune = nameFeatures.filter(keep).map(function (f) { return item("commune", f); });
  items.district = D.districts.filter(function (d) { return inside(d.pt); })
    .map(function (d) { return item("district", null, d); });
  var adds = [];
  items.rank.forEach(function (it) { adds.push([rankGroup, it.marker]); });
  items.commune.forEach(function (it) { adds.push([overlays.labels, it.marker]); });
  items.district.forEach(function (it) { adds.push([overlays.district_names, it.marker]); });
  function add(part) { return function () { part.forEach(function (a) { a[0].addLayer(a[1]); }); }; }
  if (!slices) { add(adds)(); return; }
  for (var i = 0; i < adds.length; i += 30) { slices.push(add(adds.slice(i, i + 30))); }
}
/* relative luminance and contrast (WCAG 2) */
function lum(hex) {
  var h = String(hex || "#cccccc").replace("#", ""), c = [0, 2, 4].map(function (i) { return parseInt(h.substr(i, 2), 16) / 255; });
  c = c.map(function (v) { return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}
function mix(hex, base, a) {  /* the fill as drawn: opacity a over the map's background */
  function rgb(x) { x = String(x).replace("#", ""); return [0, 2, 4].map(function (i) { return parseInt(x.substr(i, 2), 16); }); }
  var f = rgb(hex), b = rgb(base);
  return "#" + f.map(function (v, i) { var m = Math.round(a * v + (1 - a) * b[i]); return (m < 16 ? "0" : "") + m.toString(16); }).join("");
}
function contrast(l1, l2) { return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05); }
var DARK_TEXT = "#1a1a1a";
/* light text for a fill where dark text would not reach the better contrast */
function darkFill(f) {
  var c = classOf(f.properties, activeTheme), bg = lum(mix(c ? c.color : "#cccccc", C.background, 0.8));
  return contrast(lum("#ffffff"), bg) > contrast(lum(DARK_TEXT), bg);
}
function colourItems() {
  ["commune", "district"].forEach(function (k) {
    items[k].forEach(function (it) {
      var f = it.f || (byCode[it.d.at] && byCode[it.d.at].feature), e = it.marker.getElement();
      if (e && f) { L.DomUtil[darkFill(f) ? "addClass" : "removeClass"](e, "cg-on-dark"); }
    });
  });
}
var pinned = null;  /* GSO code of the selected commune: its name is always shown */
function boxOf(it, pt) {
  var x = pt.x - it.w / 2, y = pt.y - it.h / 2;
  if (it.kind === "commune" && it.f && ranked(it.f.properties)) { y = pt.y + 11; }  /* below its badge (CSS) */
  return [x - 1, y - 1, x + it.w + 1, y + it.h + 1];
}
function hit(b, placed) {
  for (var i = 0; i < placed.length; i++) {
    var q = placed[i];
    if (b[0] < q[2] && b[2] > q[0] && b[1] < q[3] && b[3] > q[1]) { return true; }
  }
  return false;
}
function fitsCommune(it, z) {
  if (it.g < 0 || pinned === it.at) { return true; }
  var k = map.options.crs.scale(z), b = geo.box, j = 4 * it.g;
  return it.w <= (b[j + 2] - b[j]) * k * 1.05 && it.h <= (b[j + 3] - b[j + 1]) * k;
}
/* the size of every name and badge on the map not measured yet (reads only: one layout at most) */
function sizeItems() {
  ["rank", "district", "commune"].forEach(function (k) {
    items[k].forEach(function (it) {
      var e = it.marker.getElement();
      if (e && !it.w) { var sp = e.firstChild; it.w = sp.offsetWidth; it.h = sp.offsetHeight; }
    });
  });
}
var labelStats = { shown: {}, hidden: {} };
var booting = true;  /* while the page is assembled: placed once, at the end */
function placeLabels() {
  if (booting) { return; }
  if (O.markers_in_view) {
    var want = map.getZoom() >= O.label_zoom;
    buildItems(want ? map.getBounds().pad(0.2) : false);
  }
  var z = map.getZoom(), placed = [], order = [];
  var on = { rank: map.hasLayer(overlays.uncovered), district: map.hasLayer(overlays.district_names),
             commune: map.hasLayer(overlays.labels) };
  sizeItems();
  ["rank", "district", "commune"].forEach(function (k) {
    items[k].forEach(function (it) { if (on[k] && it.marker.getElement()) { order.push(it); } });
  });
  function prio(it) {
    if (it.at === pinned && it.kind !== "district") { return it.kind === "commune" ? -2 : -1; }
    if (it.kind === "rank") { return it.f.properties.uncov_rank; }
    if (it.kind === "district") { return 1e6 - it.d.n; }
    return 2e6 - (geo.box[4 * it.g + 2] - geo.box[4 * it.g]) * 1e6;
  }
  order.sort(function (a, b) { return prio(a) - prio(b); });
  labelStats = { shown: { rank: 0, district: 0, commune: 0 }, hidden: { rank: 0, district: 0, commune: 0 } };
  var SHIFTS = [0, 16, -16, 30, -30];  /* district names may move off a badge, up or down */
  order.forEach(function (it) {
    var p = map.latLngToContainerPoint(it.marker.getLatLng()), b = null, show = false, shifts = it.kind === "district" ? SHIFTS : [0];
    if (it.kind !== "commune" || fitsCommune(it, z)) {
      for (var s = 0; s < shifts.length && !show; s++) {
        b = boxOf(it, L.point(p.x, p.y + shifts[s]));
        show = !hit(b, placed);
        if (show && it.kind === "district") { it.marker.getElement().firstChild.style.transform = "translate(-50%, calc(-50% + " + shifts[s] + "px))"; }
      }
    }
    if (show) { placed.push(b); }
    it.shown = show;
    labelStats[show ? "shown" : "hidden"][it.kind] += 1;
    it.marker.getElement().style.visibility = show ? "" : "hidden";
    L.DomUtil[it.at === pinned && it.kind === "commune" ? "addClass" : "removeClass"](it.marker.getElement(), "cg-pinned");
  });
  colourItems();
}
function updateLabels() { placeLabels(); }
map.on("zoomend", placeLabels);
if (O.markers_in_view) { map.on("moveend", placeLabels); }
