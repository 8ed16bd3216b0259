/* ------------------------------------------------------------ overlays */
/* outlines of some communes: one multi-polygon path sharing the communes' LatLngs (canvas: one scene item) */
var subsets = 0;
function subset(pred, style) {
  if (CANVAS) {
    var idx = [], bit = 1 << (subsets++);
    features.forEach(function (f, i) { if (pred(f.properties) && geo.G[i + 1] > geo.G[i]) { idx.push(i); } });
    if (bit < 256) { communes.tag(bit, idx); } else { bit = 0; }
    return L.featureGroup(idx.length ? [new RingsItem(idx, style, bit)] : []);
  }
  var rings = [];
  features.forEach(function (f, i) { if (pred(f.properties)) { rings.push.apply(rings, ringsOf(i)); } });
  return L.featureGroup(rings.length ? [new RingsPath(rings, L.extend({ renderer: renderer, interactive: false, noClip: NO_CLIP }, style))] : []);
}
var overlays = {};
function ranked(p) { return !noData(p) && p.uncov_rank !== null && p.uncov_rank !== undefined; }
overlays.uncovered = L.featureGroup([subset(ranked,
  { color: C.uncovered, weight: 3.5, fill: false, className: "cg-uncovered" })]);
overlays.ntm = subset(function (p) { return p.ntm_pilot; },
  { color: "#000000", weight: 2.5, dashArray: "6 4", fill: false, className: "cg-ntm" });
overlays.districts = districtLayer;
overlays.points = L.layerGroup(D.points.map(function (pt) {
  return L.circleMarker([pt[1], pt[0]], { radius: 5, color: "#000000", weight: 1, fillColor: "#F0E442",
    fillOpacity: 1, renderer: renderer, className: "cg-point" })
    .bindTooltip(function () {
      return "<b>" + esc(pt[2]) + "</b><br>" + esc(pt[3]) + (pt[4] ? " · " + esc(pt[4]) : "");
    });
}));
if (D.overlays.some(function (o) { return o.id === "tiles"; })) {
  overlays.tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19, attribution: "&copy; OpenStreetMap contributors" });
}
