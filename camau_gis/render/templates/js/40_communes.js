/* ------------------------------------------------------------ flat paths (SVG maps) */
/* Leaflet paths drawn from the flat geometry: parts are rings or lines of vertex indexes, put in
   layer pixels at each zoom from their Web-Mercator position at scale 1 (rounded as Leaflet's
   latLngToLayerPoint does; no projection per vertex and zoom, no LatLng per vertex to draw).
   The LatLngs and bounds a script asks for (getLatLngs, getBounds) are made when first read. */
var VID = null;  /* vertex indexes 0..n-1: a ring's indexes are a view of it */
var NO_CLIP = features.length <= 1000;  /* small layers: whole outlines and borders, no clipping to the view */
function ringsOf(g) {  /* the rings of geometry g, as vertex indexes */
  if (!VID) { VID = new Int32Array(geo.lon.length); for (var i = 0; i < VID.length; i++) { VID[i] = i; } }
  var out = [];
  for (var r = geo.P[geo.G[g]]; r < geo.P[geo.G[g + 1]]; r++) {
    if (geo.R[r + 1] > geo.R[r]) { out.push(VID.subarray(geo.R[r], geo.R[r + 1])); }
  }
  return out;
}
/* Each ring keeps the vertices Leaflet's simplification would keep in its first pass (farther than
   smoothFactor px from the last one kept, and the last), so fewer points are made; its second
   pass (Douglas-Peucker) then runs as on any path. */
function flatProject() {
  var m = this._map, k = m.options.crs.scale(m.getZoom()), o = m.getPixelOrigin(), ox = o.x, oy = o.y;
  var px = geo.px, py = geo.py, parts = this._vparts, rings = this._rings = [];
  var tol = this.options.smoothFactor, sq = tol * tol;
  var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (var q = 0; q < parts.length; q++) {
    var idx = parts[q], n = idx.length, ring = [], lx = 0, ly = 0;
    for (var j = 0; j < n; j++) {
      var x = Math.round(px[idx[j]] * k) - ox, y = Math.round(py[idx[j]] * k) - oy;
      if (x < x0) { x0 = x; } if (x > x1) { x1 = x; } if (y < y0) { y0 = y; } if (y > y1) { y1 = y; }
      if (j === 0 || j === n - 1 || (x - lx) * (x - lx) + (y - ly) * (y - ly) > sq) {
        ring.push(new L.Point(x, y)); lx = x; ly = y;
      }
    }
    rings.push(ring);
  }
  if (rings.length) { this._rawPxBounds = new L.Bounds([x0, y0], [x1, y1]); this._updateBounds(); }
}
function flatLatLngs(idx) {
  var out = new Array(idx.length);
  for (var j = 0; j < idx.length; j++) { out[j] = new L.LatLng(geo.lat[idx[j]], geo.lon[idx[j]]); }
  return out;
}
/* a Leaflet path class (L.Polygon, L.Polyline) drawn from parts; latlngs(path): its LatLngs */
function flatClass(Base, latlngs) {
  var Flat = Base.extend({
    initialize: function (parts, options, g) { L.setOptions(this, options); this._vparts = parts; this._g = g; },
    _project: flatProject
  });
  Object.defineProperty(Flat.prototype, "_latlngs", { configurable: true,
    get: function () { if (!this._ll) { this._ll = latlngs(this); } return this._ll; },
    set: function (v) { this._ll = v; } });
  Object.defineProperty(Flat.prototype, "_bounds", { configurable: true,
    get: function () {
      if (!this._bb) {
        var b = this._bb = L.latLngBounds([]);
        this._vparts.forEach(function (idx) { for (var j = 0; j < idx.length; j++) { b.extend([geo.lat[idx[j]], geo.lon[idx[j]]]); } });
      }
      return this._bb;
    },
    set: function (v) { this._bb = v; } });
  return Flat;
}
/* a commune (its LatLngs as latlngsOf gives them), several communes' rings, lines of vertices */
var CommunePath = flatClass(L.Polygon, function (p) { return latlngsOf(p._g) || []; });
var RingsPath = flatClass(L.Polygon, function (p) { return p._vparts.map(function (idx) { return [flatLatLngs(idx)]; }); });
var LinesPath = flatClass(L.Polyline, function (p) { return p._vparts.map(flatLatLngs); });
/* ------------------------------------------------------------ communes (one polygon layer) */
var byCode = {}, communes;
if (CANVAS) {
  communes = new CommuneCanvas(features, styleFor);
  communes._drawable.forEach(function (ref) { byCode[ref.feature.properties.gso_code] = ref; });
  communes.addTo(map);
  canvasEvents();
} else {
  communes = L.geoJSON(null, {
    renderer: renderer,
    style: styleFor,
    className: "cg-commune",
    noClip: NO_CLIP,
    onEachFeature: function (f, layer) { byCode[f.properties.gso_code] = layer; }
  });
  /* the polygons from the flat geometry (either payload), as addData does */
  features.forEach(function (f, i) {
    var parts = ringsOf(i);
    if (!parts.length) { return; }
    var layer = new CommunePath(parts, communes.options, i);
    layer.feature = f;
    layer.defaultOptions = layer.options;
    communes.resetStyle(layer);
    communes.options.onEachFeature(f, layer);
    communes.addLayer(layer);
  });
  /* one tooltip, popup and hover handler for the whole layer (not one per commune) */
  communes.bindTooltip(function (layer) { return tooltipHtml(layer.feature.properties); },
    { sticky: true, direction: "top" });
  communes.on("click", function (e) { openPopupFor(e.layer.feature, e.latlng); });
  communes.on("mouseover", function (e) { e.layer.setStyle({ weight: 2.5, color: "#333333" }); });
  communes.on("mouseout", function (e) { e.layer.setStyle(styleFor(e.layer.feature)); });
  mark("polys");
  communes.addTo(map);
}
/* canvas maps: the map's own mouse events find the commune under the pointer (a grid of boxes,
   then point in polygon); hover outline, sticky tooltip and popup as on an SVG map */
function canvasEvents() {
  var box = map.getContainer(), hovered = -1, outline = null;
  var tip = L.tooltip({ sticky: true, direction: "top" });
  function onMap(ev) {  /* the pointer is on the map itself, not on a panel, popup or marker */
    var t = ev && ev.target;
    if (!t) { return false; }
    if (t === box) { return true; }
    var panes = map.getPanes();
    return panes.mapPane.contains(t) && !panes.popupPane.contains(t) && !panes.markerPane.contains(t)
      && !panes.tooltipPane.contains(t);
  }
  function hover(i, e) {
    if (i === hovered) { return; }
    if (hovered >= 0) {
      if (outline) { map.removeLayer(outline); outline = null; }
      communes.fire("mouseout", { layer: communes._refs[hovered] });
    }
    hovered = i;
    if (i < 0) { map.closeTooltip(tip); L.DomUtil.removeClass(box, "leaflet-interactive"); return; }
    L.DomUtil.addClass(box, "leaflet-interactive");
    var ll = latlngsOf(i);
    if (ll) { outline = L.polygon(ll, { renderer: overRenderer, interactive: false, fill: false, weight: 2.5, color: "#333333" }).addTo(map); }
    communes.fire("mouseover", { layer: communes._refs[i], latlng: e.latlng });
    tip.setContent(tooltipHtml(features[i].properties));
    tip.setLatLng(e.latlng);
    map.openTooltip(tip);
  }
  map.on("mousemove", function (e) {
    if (map.dragging && map.dragging.moving()) { return; }
    var i = onMap(e.originalEvent) ? communes.hit(e.latlng) : -1;
    hover(i, e);
    if (i >= 0) { tip.setLatLng(e.latlng); }
  });
  map.on("mouseout", function (e) {
    var to = e.originalEvent && e.originalEvent.relatedTarget;
    if (!to || !box.contains(to)) { hover(-1, e); }
  });
  map.on("zoomstart movestart", function () { hover(-1, null); });
  map.on("click", function (e) {
    var i = onMap(e.originalEvent) ? communes.hit(e.latlng) : -1;
    if (i < 0) { return; }
    communes.fire("click", { layer: communes._refs[i], latlng: e.latlng });
    openPopupFor(features[i], e.latlng);
  });
}
/* the popup of a commune, sized to the free part of the map (narrow windows: the open panel closes) */
function openPopupFor(f, latlng) {
  if (!layoutWide) { sectionOrder.forEach(function (s) { if (s.open) { setOpen(s, false); } }); layoutChanged(); }
  var pop = L.popup(popupOptions()).setLatLng(latlng).setContent(popupHtml(f.properties));
  pop.openOn(map);
  return pop;
}
function setTheme(id, restyle) {
  if (!themes[id]) { return; }
  activeTheme = id;
  if (restyle !== false) { communes.setStyle(styleFor); }
  if (!O.canvas) { communes.eachLayer(applyHatch); }  /* canvas maps hatch in their paint */
  Object.keys(themes).forEach(function (k) { showLegend(k, k === id); });
  var radio = document.querySelector('.cg-layers input[data-layer="' + id + '"]');
  if (radio) { radio.checked = true; }
  if (typeof colourItems === "function" && items) { colourItems(); }
}
