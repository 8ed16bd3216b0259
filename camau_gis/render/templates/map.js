/* camau-gis coverage map. Runs inside `(function (map) { ... })(leafletMap)`.
   Every layer is built from the one JSON payload; register text is escaped by esc(). */
"use strict";
var T0 = performance.now(), timings = {};
function mark(name) { timings[name] = Math.round(performance.now() - T0); }
var D = JSON.parse(document.getElementById("camau-gis-data").textContent);
mark("parse");
var T = D.labels, O = D.options, C = O.colors;
/* Canvas maps (large layers) draw the communes and their outlines straight from typed arrays
   (one path per fill colour, no Leaflet object per commune); SVG maps use one L.Polygon each. */
var CANVAS = !!O.canvas;
var geo = null;  /* flat commune geometry: see makeGeo() */
if (D.communes.type === "CompactFeatureCollection") { D.communes = decodeCompact(D.communes); }
var features = D.communes.features;
if (CANVAS && !geo) { geo = geoFromFeatures(features); }
mark("decode");
/* the first view is set at once, before any layer is drawn (one draw, settled when "ready") */
map.fitBounds(L.latLngBounds(D.bounds), { padding: [10, 10], animate: false });

/* Flat geometry of the communes: vertex lon/lat (degrees) and their Web-Mercator position at
   scale 1 (px, py: multiply by the CRS scale of a zoom for layer pixels), ring offsets R (rings
   without their closing vertex), polygon offsets P (into R) and geometry offsets G (into P),
   and each geometry's box in the projected units (box: x0, y0, x1, y1). */
function makeGeo(lon, lat, R, P, G, pr) {
  pr = pr || project(lon, lat);
  var n = G.length - 1, box = new Float64Array(4 * n), px = pr.x, py = pr.y;
  for (var g = 0; g < n; g++) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (var i = R[P[G[g]]], e = R[P[G[g + 1]]]; i < e; i++) {
      var x = px[i], y = py[i];
      if (x < x0) { x0 = x; } if (x > x1) { x1 = x; } if (y < y0) { y0 = y; } if (y > y1) { y1 = y; }
    }
    box[4 * g] = x0; box[4 * g + 1] = y0; box[4 * g + 2] = x1; box[4 * g + 3] = y1;
  }
  return { lon: lon, lat: lat, px: px, py: py, R: R, P: P, G: G, box: box, n: n };
}
/* Web-Mercator (the map's CRS) at scale 1, as map.project(latlng, zoom) / crs.scale(zoom) */
function project(lon, lat) {
  var n = lon.length, x = new Float64Array(n), y = new Float64Array(n), crs = map.options.crs, i;
  if (crs === L.CRS.EPSG3857) {
    var max = L.Projection.SphericalMercator.MAX_LATITUDE, d = Math.PI / 180, k = 1 / (4 * Math.PI);
    for (i = 0; i < n; i++) {
      var la = lat[i] > max ? max : (lat[i] < -max ? -max : lat[i]), s = Math.sin(la * d);
      x[i] = lon[i] / 360 + 0.5;
      y[i] = 0.5 - Math.log((1 + s) / (1 - s)) * k;
    }
  } else {
    var s0 = crs.scale(0);
    for (i = 0; i < n; i++) {
      var p = crs.latLngToPoint(L.latLng(lat[i], lon[i]), 0);
      x[i] = p.x / s0; y[i] = p.y / s0;
    }
  }
  return { x: x, y: y };
}
/* parts of geometry g, each a list of rings of vertex(i) (closed with vertex(first) if close) */
function partsOf(g, vertex, close) {
  var parts = [], p, r, i;
  for (p = geo.G[g]; p < geo.G[g + 1]; p++) {
    if (geo.P[p + 1] <= geo.P[p]) { continue; }
    var poly = [];
    for (r = geo.P[p]; r < geo.P[p + 1]; r++) {
      var ring = [];
      for (i = geo.R[r]; i < geo.R[r + 1]; i++) { ring.push(vertex(i)); }
      if (close && ring.length) { ring.push(vertex(geo.R[r])); }
      poly.push(ring);
    }
    parts.push(poly);
  }
  return parts;
}
function lonLat(i) { return [geo.lon[i], geo.lat[i]]; }
function latLng(i) { return new L.LatLng(geo.lat[i], geo.lon[i]); }
/* GeoJSON geometry of geometry g (closed [lon, lat] rings), or null */
function geomOf(g) {
  var coords = partsOf(g, lonLat, true);
  return !coords.length ? null : (coords.length === 1 ? { type: "Polygon", coordinates: coords[0] }
                                                     : { type: "MultiPolygon", coordinates: coords });
}
/* Leaflet LatLngs of geometry g (as L.Polygon takes them), or null */
function latlngsOf(g) {
  var polys = partsOf(g, latLng, false);
  return !polys.length ? null : (polys.length === 1 ? polys[0] : polys);
}

/* Compact payload (large layers): columnar properties, delta-encoded integer rings, decoded in
   one pass into the flat geometry; a feature's GeoJSON geometry is built only when read. */
/* base64 LEB128 varints (zigzag when signed), as _geometry.pack_varints writes them */
function varints(b64, signed) {
  var b, n, i;
  if (Uint8Array.fromBase64) { b = Uint8Array.fromBase64(b64); } else {
    var str = atob(b64);
    b = new Uint8Array(str.length);
    for (i = 0; i < str.length; i++) { b[i] = str.charCodeAt(i); }
  }
  n = b.length;
  var count = 0;
  for (i = 0; i < n; i++) { if (b[i] < 128) { count++; } }
  var out = new Float64Array(count), m = 0, v = 0, mul = 1;
  for (i = 0; i < n; i++) {
    var c = b[i];
    v += (c & 127) * mul;
    if (c < 128) { out[m++] = signed ? (v % 2 ? -(v + 1) / 2 : v / 2) : v; v = 0; mul = 1; } else { mul *= 128; }
  }
  return out;
}
function offsets(b64) {  /* packed lengths -> offsets */
  var len = varints(b64, false), off = new Int32Array(len.length + 1);
  for (var i = 0; i < len.length; i++) { off[i + 1] = off[i] + len[i]; }
  return off;
}
function decodeCompact(c) {
  if (c.packing) {  /* "varint-base64": _geometry.pack_polygons */
    c.coords = varints(c.coords, true); c.rings = offsets(c.rings); c.polys = offsets(c.polys); c.geoms = offsets(c.geoms);
  }
  var s = c.scale, xs = c.coords, R = c.rings, nR = R.length - 1, nV = nR >= 0 ? R[nR] : 0;
  var lon = new Float64Array(nV), lat = new Float64Array(nV), r, i, pr = null;
  if (map.options.crs === L.CRS.EPSG3857) {  /* decoded and projected in one pass (as project()) */
    var px = new Float64Array(nV), py = new Float64Array(nV), d = Math.PI / 180, k = 1 / (4 * Math.PI);
    var max = L.Projection.SphericalMercator.MAX_LATITUDE;
    for (r = 0; r < nR; r++) {
      var x = 0, y = 0;
      for (i = R[r]; i < R[r + 1]; i++) {
        x += xs[2 * i]; y += xs[2 * i + 1];
        var lo = x / s, la = y / s, sn = Math.sin((la > max ? max : (la < -max ? -max : la)) * d);
        lon[i] = lo; lat[i] = la; px[i] = lo / 360 + 0.5; py[i] = 0.5 - Math.log((1 + sn) / (1 - sn)) * k;
      }
    }
    pr = { x: px, y: py };
  } else {
    for (r = 0; r < nR; r++) {
      var x2 = 0, y2 = 0;
      for (i = R[r]; i < R[r + 1]; i++) { x2 += xs[2 * i]; y2 += xs[2 * i + 1]; lon[i] = x2 / s; lat[i] = y2 / s; }
    }
  }
  geo = makeGeo(lon, lat, R, c.polys, c.geoms, pr);
  var keys = Object.keys(c.properties), cols = {}, feats = [];
  keys.forEach(function (k) {  /* a column is a list, or {dict, codes} for repeated values */
    var col = c.properties[k];
    cols[k] = Array.isArray(col) ? col : col.codes.map(function (j) { return col.dict[j]; });
  });
  var colList = keys.map(function (k) { return cols[k]; }), nk = keys.length;
  for (var g = 0; g < geo.n; g++) {
    var props = {};
    for (i = 0; i < nk; i++) { props[keys[i]] = colList[i][g]; }
    props.unit_label = T["unit_" + props.unit_type] || props.unit_type;
    feats.push(new CompactFeature(g, props));
  }
  /* province outline and district borders: [ring, first, last] runs of ring vertices (Python) */
  return { type: "FeatureCollection", features: feats, borders: c.borders || null };
}
/* a commune of a compact payload: its GeoJSON geometry is built from the flat geometry when read */
function CompactFeature(g, props) {
  this.type = "Feature"; this.id = props.gso_code; this.properties = props; this._g = g; this._geom = undefined;
}
Object.defineProperty(CompactFeature.prototype, "geometry", { enumerable: true, configurable: true,
  get: function () { if (this._geom === undefined) { this._geom = geomOf(this._g); } return this._geom; },
  set: function (v) { this._geom = v; } });
/* the flat geometry of GeoJSON features (canvas maps with a GeoJSON payload) */
function geoFromFeatures(fs) {
  var lon = [], lat = [], R = [0], P = [0], G = [0];
  fs.forEach(function (f) {
    var g = f.geometry, polys = !g ? [] : (g.type === "Polygon" ? [g.coordinates] : g.coordinates);
    polys.forEach(function (poly) {
      poly.forEach(function (ring) {
        var n = ring.length;
        if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) { n -= 1; }
        for (var i = 0; i < n; i++) { lon.push(ring[i][0]); lat.push(ring[i][1]); }
        R.push(lon.length);
      });
      P.push(R.length - 1);
    });
    G.push(P.length - 1);
  });
  return makeGeo(Float64Array.from(lon), Float64Array.from(lat), R, P, G);
}
/* border runs [ring, first, last, ...] as lines of vertex indexes (vertex n of a ring is vertex 0) */
function runVertices(runs) {
  var lines = [], k, j;
  for (k = 0; k + 2 < runs.length; k += 3) {
    var r0 = geo.R[runs[k]], n = geo.R[runs[k] + 1] - r0, line = [];
    for (j = runs[k + 1]; j <= runs[k + 2]; j++) { line.push(r0 + (j === n ? 0 : j)); }
    lines.push(line);
  }
  return lines;
}
/* border runs as LinesItem arrays (projected vertices, line offsets), without intermediate lists */
function runLines(runs) {
  var nl = Math.floor(runs.length / 3), off = new Int32Array(nl + 1), k, j, l;
  for (l = 0; l < nl; l++) { off[l + 1] = off[l] + runs[3 * l + 2] - runs[3 * l + 1] + 1; }
  var x = new Float64Array(off[nl]), y = new Float64Array(off[nl]), at = 0;
  for (l = 0; l < nl; l++) {
    k = 3 * l;
    var r0 = geo.R[runs[k]], n = geo.R[runs[k] + 1] - r0;
    for (j = runs[k + 1]; j <= runs[k + 2]; j++) { var v = r0 + (j === n ? 0 : j); x[at] = geo.px[v]; y[at++] = geo.py[v]; }
  }
  return [x, y, off];
}

function esc(v) {
  return String(v === null || v === undefined ? "" : v)
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
function fold(s) {
  return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/\u0111/g, "d").replace(/\u0110/g, "D").toLowerCase()
    .replace(/[^a-z0-9]+/g, " ").trim();
}
function el(tag, cls, parent) {
  var e = L.DomUtil.create(tag, cls || "", parent);
  return e;
}
function fmt(n) { return n === null || n === undefined ? T.unknown : String(n); }

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
function c19Text(status) { return T["c19_" + status] || status; }
function noData(p) { return p.in_data === false; }  /* outside the register's coverage */
function tooltipHtml(p) {
  var rows = noData(p) ? [[T.district, p.district], [T.unit_type, p.unit_label], [T.n_models, T.outside_register]] : [
    [T.district, p.district], [T.unit_type, p.unit_label], [T.n_models, p.n_models],
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
  var html = '<div class="cg-popup" data-gso="' + esc(p.gso_code) + '"><h3>' + esc(p.name) + "</h3>"
    + "<div>" + [p.district, p.unit_label, p.gso_code].filter(function (v) { return v; }).map(esc).join(" · ")
    + "</div>";
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
    html += "<table><tr><th>" + esc(T.model_name) + "</th><th>" + esc(T.model_kind) + "</th><th>"
      + esc(T.model_year) + "</th></tr>";
    models.forEach(function (m) {
      html += '<tr class="' + (m[3] ? "" : "cg-ended") + '"><td><span class="cg-model-name">' + esc(m[0])
        + "</span>" + (m[3] ? "" : " <i>(" + esc(T.model_ended) + ")</i>")
        + "</td><td>" + esc(m[1]) + "</td><td>" + esc(m[2] === null ? "" : m[2]) + "</td></tr>";
    });
    html += "</table>";
  } else { html += "<div>" + esc(T.no_models) + "</div>"; }
  var hist = D.c19[p.gso_code] || [];
  html += "<h4>" + esc(T.c19_history) + "</h4>";
  if (hist.length) {
    html += "<table><tr><th>" + esc(T.year) + "</th><th>" + esc(T.c19) + "</th></tr>";
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

/* ------------------------------------------------------------ context: surrounding land, sea */
map.getContainer().style.background = C.background;
var renderer = O.canvas ? L.canvas({ padding: 0.2 }) : L.svg({ padding: 0.2 });
if (D.context) {
  L.geoJSON(D.context, { renderer: CANVAS ? L.canvas({ padding: 0.2 }) : renderer, interactive: false,
    className: "cg-context", style: { fillColor: C.land, fillOpacity: 1, color: "#b5b5b5", weight: 1 } }).addTo(map);
  D.context.features.forEach(function (f) {
    if (!f.properties.name) { return; }
    L.marker([f.properties.label_pt[1], f.properties.label_pt[0]], { interactive: false, keyboard: false,
      icon: L.divIcon({ className: "cg-clabel", html: "<span>" + esc(f.properties.name) + "</span>", iconSize: null })
    }).addTo(map);
  });
}

/* ------------------------------------------------------------ canvas scene (canvas maps) */
/* One canvas (a Leaflet Canvas renderer without Leaflet layers) on which the items added to it
   draw themselves from the flat geometry, in order; it takes no mouse events (the map does). */
var Scene = L.Canvas.extend({
  initialize: function (options) { L.Canvas.prototype.initialize.call(this, options); this._items = []; },
  onAdd: function () {  /* drawn once on the next frame, when every first item has been added */
    L.Renderer.prototype.onAdd.call(this);
    this._container.style.pointerEvents = "none";
    L.DomUtil.addClass(this._container, "cg-scene");
    this.repaint();
  },
  add: function (item) {
    if (this._items.indexOf(item) < 0) { this._items.push(item); }
    if (!this._map) { this.addTo(map); } else { this.repaint(); }
  },
  remove: function (item) {
    var i = this._items.indexOf(item);
    if (i >= 0) { this._items.splice(i, 1); this.repaint(); }
  },
  front: function (item) {
    var i = this._items.indexOf(item);
    if (i >= 0 && i < this._items.length - 1) { this._items.splice(i, 1); this._items.push(item); this.repaint(); }
  },
  repaint: function () {
    if (this._map && !this._redrawRequest) { this._redrawRequest = L.Util.requestAnimFrame(this._redraw, this); }
  },
  _draw: function () {  /* called by L.Canvas after each view change (and on repaint) */
    var m = this._map, b = this._bounds;
    if (!m || !b) { return; }
    var k = m.options.crs.scale(m.getZoom()), o = m.getPixelOrigin();
    var view = { k: k, ox: o.x, oy: o.y, x0: (b.min.x + o.x) / k, y0: (b.min.y + o.y) / k,
                 x1: (b.max.x + o.x) / k, y1: (b.max.y + o.y) / k };
    var t = performance.now();
    VERBS = 0;
    for (var i = 0; i < this._items.length; i++) { this._items[i].paint(this._ctx, view); }
    timings.paint_ms = Math.round(performance.now() - t);  /* the last paint */
    timings.verbs = VERBS;
    if (timings.painted === undefined) { mark("painted"); }
  }
});
var scene = CANVAS ? new Scene({ padding: 0.1 }) : null;  /* Leaflet's default margin */
/* hover outline and search highlight: SVG paths above the scene (a few features) */
var overRenderer = CANVAS ? L.svg({ padding: 0.2 }) : renderer;
/* A layer drawn on the scene (added, removed and brought to front like a Leaflet path). */
var SceneItem = L.Layer.extend({
  onAdd: function () { scene.add(this); },
  onRemove: function () { scene.remove(this); },
  bringToFront: function () { scene.front(this); return this; },
  bringToBack: function () { return this; },
  _stroke: function (ctx, path, st) {
    ctx.globalAlpha = st.opacity === undefined ? 1 : st.opacity;
    ctx.strokeStyle = st.color; ctx.lineWidth = st.weight;
    ctx.lineCap = "round"; ctx.lineJoin = "round";
    ctx.setLineDash(st.dashArray ? String(st.dashArray).split(/[ ,]+/).map(Number) : []);
    ctx.stroke(path);
    ctx.setLineDash([]);
  }
});
function boxInView(g, v) {
  var b = geo.box, j = 4 * g;
  return b[j] <= v.x1 && b[j + 2] >= v.x0 && b[j + 1] <= v.y1 && b[j + 3] >= v.y0;
}
/* Paths of a few thousand segments each: Chromium's cost per segment grows with the size of
   the path, so a long path is cut into chunks (filled or stroked one after the other). */
var CHUNK = 2000;
function Chunks() { this.paths = []; this.cur = new Path2D(); this.n = 0; }
var VERBS = 0;
Chunks.prototype.next = function () {
  VERBS += this.n > CHUNK ? this.n : 0;
  if (this.n > CHUNK) { this.paths.push(this.cur); this.cur = new Path2D(); this.n = 0; }
};
Chunks.prototype.all = function () {
  VERBS += this.n;
  if (this.n) { this.paths.push(this.cur); this.cur = new Path2D(); this.n = 0; }
  return this.paths;
};
/* trace the rings of geometry g in layer pixels, skipping vertices under a pixel apart (as Leaflet simplifies, smoothFactor 1) */
function traceGeom(ch, g, v) {
  var px = geo.px, py = geo.py, R = geo.R, k = v.k, ox = v.ox, oy = v.oy, path = ch.cur, n = 0;
  for (var r = geo.P[geo.G[g]], re = geo.P[geo.G[g + 1]]; r < re; r++) {
    var i = R[r], e = R[r + 1];
    if (e - i < 2) { continue; }
    var lx = px[i] * k - ox, ly = py[i] * k - oy;
    path.moveTo(lx, ly);
    for (i += 1; i < e; i++) {
      var x = px[i] * k - ox, y = py[i] * k - oy, dx = x - lx, dy = y - ly;
      if (dx * dx + dy * dy >= 1 || i === e - 1) { path.lineTo(x, y); lx = x; ly = y; n++; }
    }
    path.closePath();
    n += 2;
  }
  ch.n += n;
  ch.next();
}
/* outlines of some communes (indexes), stroked */
var RingsItem = SceneItem.extend({
  initialize: function (idx, style, bit) { this._idx = idx; this._bit = bit || 0; this.options = L.extend({}, style); },
  paint: function (ctx, v) {
    var paths = this._bit ? communes.pathsOf(this._bit, v) : null, j;
    if (!paths) {  /* not drawn with the communes in this paint: traced here */
      var ch = new Chunks(), idx = this._idx;
      for (j = 0; j < idx.length; j++) { if (boxInView(idx[j], v)) { traceGeom(ch, idx[j], v); } }
      paths = ch.all();
    }
    for (j = 0; j < paths.length; j++) { this._stroke(ctx, paths[j], this.options); }
  }
});
/* polylines: flat projected vertices x, y with line offsets off */
var LinesItem = SceneItem.extend({
  initialize: function (x, y, off, style) {
    this._x = x; this._y = y; this._off = off; this.options = L.extend({}, style);
    var n = off.length - 1, box = new Float64Array(4 * n);
    for (var l = 0; l < n; l++) {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
      for (var i = off[l]; i < off[l + 1]; i++) {
        if (x[i] < x0) { x0 = x[i]; } if (x[i] > x1) { x1 = x[i]; }
        if (y[i] < y0) { y0 = y[i]; } if (y[i] > y1) { y1 = y[i]; }
      }
      box[4 * l] = x0; box[4 * l + 1] = y0; box[4 * l + 2] = x1; box[4 * l + 3] = y1;
    }
    this._box = box;
  },
  paint: function (ctx, v) {
    var ch = new Chunks(), X = this._x, Y = this._y, off = this._off, b = this._box, k = v.k;
    for (var l = 0; l + 1 < off.length; l++) {
      var j = 4 * l;
      if (b[j] > v.x1 || b[j + 2] < v.x0 || b[j + 1] > v.y1 || b[j + 3] < v.y0) { continue; }
      var i = off[l], e = off[l + 1], path = ch.cur;
      if (e - i < 2) { continue; }
      var lx = X[i] * k - v.ox, ly = Y[i] * k - v.oy;
      path.moveTo(lx, ly);
      ch.n += 1;
      for (i += 1; i < e; i++) {
        var x = X[i] * k - v.ox, y = Y[i] * k - v.oy, dx = x - lx, dy = y - ly;
        if (dx * dx + dy * dy >= 1 || i === e - 1) { path.lineTo(x, y); lx = x; ly = y; ch.n++; }
      }
      ch.next();
    }
    var paths = ch.all();
    for (l = 0; l < paths.length; l++) { this._stroke(ctx, paths[l], this.options); }
  }
});
function linesFromLatLngs(lines) {  /* [[lat, lng], ...] lines -> LinesItem arrays */
  var lon = [], lat = [], off = [0];
  lines.forEach(function (l) { l.forEach(function (c) { lat.push(c[0]); lon.push(c[1]); }); off.push(lon.length); });
  var p = project(lon, lat);
  return [p.x, p.y, off];
}
/* the hatching of classes with "hatch" on a canvas, as the SVG patterns of hatchId(): C.hatch
   lines 1 px wide, 6 px apart, at 45 degrees, over the class colour */
var hatches = {};
function hatchPattern(ctx, color) {
  if (!hatches[color]) {
    var tile = document.createElement("canvas"), t = tile.getContext("2d");
    tile.width = 6; tile.height = 6;
    t.fillStyle = color; t.fillRect(0, 0, 6, 6);
    t.fillStyle = C.hatch || "#4d4d4d"; t.fillRect(0, 0, 1, 6);
    var h = hatches[color] = ctx.createPattern(tile, "repeat");
    if (h.setTransform && window.DOMMatrix) { h.setTransform(new DOMMatrix().rotate(45)); }
  }
  return hatches[color];
}
/* a commune of a canvas map, as scripts and tests use a Leaflet layer (feature, bounds, LatLngs) */
function CommuneRef(i, f) { this._i = i; this.feature = f; }
CommuneRef.prototype.getLatLngs = function () { return latlngsOf(this._i) || []; };
CommuneRef.prototype.getBounds = function () {
  var b = L.latLngBounds([]);
  for (var i = geo.R[geo.P[geo.G[this._i]]], e = geo.R[geo.P[geo.G[this._i + 1]]]; i < e; i++) {
    b.extend([geo.lat[i], geo.lon[i]]);
  }
  return b;
};
CommuneRef.prototype.getCenter = function () { return this.getBounds().getCenter(); };
/* the communes of a canvas map: one filled path per colour, then the borders; hit-tested by the map */
var CommuneCanvas = SceneItem.extend({
  initialize: function (fs, style) {
    /* one reference per feature (by index); the layers are those with something to draw */
    this._features = fs; this._style = style; this._refs = fs.map(function (f, i) { return new CommuneRef(i, f); });
    this._drawable = this._refs.filter(function (r) { return geo.R[geo.P[geo.G[r._i + 1]]] > geo.R[geo.P[geo.G[r._i]]]; });
    this.drawn = 0;
    this._tags = new Uint8Array(fs.length);  /* bits of the outline overlays (tag()) each commune is in */
    this._painted = null;
    this.setStyle(style, true);
  },
  setStyle: function (style, quiet) {  /* style(feature) -> {fillColor, ...}, as L.GeoJSON's setStyle */
    var palette = this._palette = [], seen = {}, ci = this._ci = new Int32Array(this._features.length);
    for (var i = 0; i < ci.length; i++) {
      var st = style(this._features[i]), c = st.hatch ? "hatch:" + st.fillColor : st.fillColor;
      if (seen[c] === undefined) { seen[c] = palette.length; palette.push(c); }
      ci[i] = seen[c];
    }
    this._groups = null;  /* regrouped at the next paint */
    if (!quiet && scene) { scene.repaint(); }
    return this;
  },
  /* An outline overlay (RingsItem) of communes idx: they are traced in groups of their own, so
     the overlay strokes the paths the communes were filled with (no second tracing). */
  tag: function (bit, idx) {
    for (var j = 0; j < idx.length; j++) { this._tags[idx[j]] |= bit; }
    this._groups = null;
  },
  _regroup: function () {  /* communes by fill colour and overlay bits */
    var groups = new Map(), order = [];
    for (var i = 0; i < this._ci.length; i++) {
      var key = this._ci[i] * 256 + this._tags[i], gr = groups.get(key);
      if (!gr) { gr = { color: this._palette[this._ci[i]], tags: this._tags[i], idx: [] }; groups.set(key, gr); order.push(gr); }
      gr.idx.push(i);
    }
    this._groups = order;
  },
  pathsOf: function (bit, v) {  /* paths of the communes tagged bit, if painted in this paint (view v) */
    var p = this._painted;
    if (!p || p.view !== v) { return null; }
    var out = [];
    p.groups.forEach(function (g) { if (g.tags & bit) { out.push.apply(out, g.paths); } });
    return out;
  },
  paint: function (ctx, v) {
    var all = [], done = [], n = 0, j, q;
    if (!this._groups) { this._regroup(); }
    ctx.globalAlpha = 0.8;
    for (j = 0; j < this._groups.length; j++) {
      var gr = this._groups[j], ch = new Chunks();
      for (q = 0; q < gr.idx.length; q++) { if (boxInView(gr.idx[q], v)) { traceGeom(ch, gr.idx[q], v); n++; } }
      var paths = ch.all();
      ctx.fillStyle = gr.color.indexOf("hatch:") === 0 ? hatchPattern(ctx, gr.color.slice(6)) : gr.color;
      for (q = 0; q < paths.length; q++) { ctx.fill(paths[q], "evenodd"); all.push(paths[q]); }
      done.push({ tags: gr.tags, paths: paths });
    }
    var st = { color: C.commune, weight: O.commune_weight, opacity: 1 };
    for (j = 0; j < all.length; j++) { this._stroke(ctx, all[j], st); }
    this.drawn = n;
    this._painted = { view: v, groups: done };
  },
  getLayers: function () { return this._drawable.slice(); },
  eachLayer: function (fn, ctx) { this._drawable.forEach(fn, ctx); return this; },
  getBounds: function () {
    var b = L.latLngBounds([]);
    this._drawable.forEach(function (r) { b.extend(r.getBounds()); });
    return b;
  },
  hit: function (latlng) {  /* index of the commune under latlng, or -1 */
    var p = project([latlng.lng], [latlng.lat]), x = p.x[0], y = p.y[0], grid = this._grid || this._makeGrid();
    var cx = Math.floor((x - grid.x0) / grid.w), cy = Math.floor((y - grid.y0) / grid.h);
    if (cx < 0 || cy < 0 || cx >= grid.n || cy >= grid.n) { return -1; }
    var cell = grid.cells[cy * grid.n + cx] || [];
    for (var j = cell.length - 1; j >= 0; j--) { if (contains(cell[j], x, y)) { return cell[j]; } }
    return -1;
  },
  _makeGrid: function () {  /* features by grid cell (their boxes), built on the first hit test */
    var b = geo.box, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, g;
    for (g = 0; g < geo.n; g++) {
      if (!(b[4 * g] <= b[4 * g + 2])) { continue; }
      x0 = Math.min(x0, b[4 * g]); y0 = Math.min(y0, b[4 * g + 1]);
      x1 = Math.max(x1, b[4 * g + 2]); y1 = Math.max(y1, b[4 * g + 3]);
    }
    var n = Math.max(1, Math.ceil(Math.sqrt(geo.n))), cells = new Array(n * n);
    var grid = { x0: x0, y0: y0, w: Math.max((x1 - x0) / n, 1e-12), h: Math.max((y1 - y0) / n, 1e-12), n: n, cells: cells };
    function at(v, o, w) { return Math.min(n - 1, Math.max(0, Math.floor((v - o) / w))); }
    for (g = 0; g < geo.n; g++) {
      if (!(b[4 * g] <= b[4 * g + 2])) { continue; }
      for (var cy = at(b[4 * g + 1], y0, grid.h); cy <= at(b[4 * g + 3], y0, grid.h); cy++) {
        for (var cx = at(b[4 * g], x0, grid.w); cx <= at(b[4 * g + 2], x0, grid.w); cx++) {
          (cells[cy * n + cx] = cells[cy * n + cx] || []).push(g);
        }
      }
    }
    this._grid = grid;
    return grid;
  }
});
function contains(g, x, y) {  /* point in geometry g (even-odd over all its rings, projected units) */
  var b = geo.box, px = geo.px, py = geo.py, R = geo.R, inside = false;
  if (x < b[4 * g] || x > b[4 * g + 2] || y < b[4 * g + 1] || y > b[4 * g + 3]) { return false; }
  for (var r = geo.P[geo.G[g]], re = geo.P[geo.G[g + 1]]; r < re; r++) {
    for (var i = R[r], e = R[r + 1], j = e - 1; i < e; j = i++) {
      if ((py[i] > y) !== (py[j] > y) && x < (px[j] - px[i]) * (y - py[i]) / (py[j] - py[i]) + px[i]) { inside = !inside; }
    }
  }
  return inside;
}

/* ------------------------------------------------------------ communes (one polygon layer) */
var byCode = {}, layerOf = new Map(), communes;
if (CANVAS) {
  communes = new CommuneCanvas(features, styleFor);
  communes._drawable.forEach(function (ref) { byCode[ref.feature.properties.gso_code] = ref; });
  communes.addTo(map);
  canvasEvents();
} else {
  communes = L.geoJSON(D.communes.type === "FeatureCollection" && !geo ? D.communes : null, {
    renderer: renderer,
    style: styleFor,
    className: "cg-commune",
    onEachFeature: function (f, layer) { byCode[f.properties.gso_code] = layer; layerOf.set(f, layer); }
  });
  if (geo) {  /* compact payload: the polygons from the decoded geometry (as addData does) */
    features.forEach(function (f, i) {
      var ll = latlngsOf(i);
      if (!ll) { return; }
      var layer = new L.Polygon(ll, communes.options);
      layer.feature = f;
      layer.defaultOptions = layer.options;
      communes.resetStyle(layer);
      communes.options.onEachFeature(f, layer);
      communes.addLayer(layer);
    });
  }
  /* one tooltip, popup and hover handler for the whole layer (not one per commune) */
  communes.bindTooltip(function (layer) { return tooltipHtml(layer.feature.properties); },
    { sticky: true, direction: "top" });
  communes.bindPopup(function (layer) { return popupHtml(layer.feature.properties); },
    { maxWidth: 380, maxHeight: 360 });
  communes.on("mouseover", function (e) { e.layer.setStyle({ weight: 2.5, color: "#333333" }); });
  communes.on("mouseout", function (e) { e.layer.setStyle(styleFor(e.layer.feature)); });
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
    L.popup({ maxWidth: 380, maxHeight: 360 }).setLatLng(e.latlng)
      .setContent(popupHtml(features[i].properties)).openOn(map);
  });
}
function setTheme(id, restyle) {
  if (!themes[id]) { return; }
  activeTheme = id;
  if (restyle !== false) { communes.setStyle(styleFor); }
  if (!O.canvas) { communes.eachLayer(applyHatch); }  /* canvas maps hatch in their paint */
  Object.keys(themes).forEach(function (k) { showLegend(k, k === id); });
  var radio = document.querySelector('.cg-layers input[data-layer="' + id + '"]');
  if (radio) { radio.checked = true; }
}

/* ------------------------------------------------------------ shared-border mesh: districts and province */
function eachRing(f, fn) {
  var g = f.geometry;
  if (!g) { return; }
  var polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  for (var p = 0; p < polys.length; p++) { for (var r = 0; r < polys[p].length; r++) { fn(polys[p][r]); } }
}
/* Border segments drawn once: a segment used by one commune is the province outline, by two
   communes of different districts a district border. Integer ids keep the lookups fast. */
function mesh() {
  var total = 0;
  features.forEach(function (f) { eachRing(f, function (ring) { total += ring.length; }); });
  var scale = Math.pow(10, O.decimals), numeric = O.decimals <= 5;
  var pairs = total * total < 9e15;
  var pts = new Map(), segs = new Map(), segN = [], segD = [], segX = [], dIds = new Map(), ringIds = [];
  function pid(c) {
    var k = numeric ? Math.round((c[0] + 180) * scale) * 33554432 + Math.round((c[1] + 90) * scale)
                    : c[0] + "," + c[1];
    var id = pts.get(k);
    if (id === undefined) { id = pts.size; pts.set(k, id); }
    return id;
  }
  function skey(p, q) {
    if (p > q) { var t = p; p = q; q = t; }
    return pairs ? p * total + q : p + "|" + q;
  }
  features.forEach(function (f) {
    var dn = f.properties.dist_code || f.properties.district, d = dIds.get(dn);
    if (d === undefined) { d = dIds.size; dIds.set(dn, d); }
    eachRing(f, function (ring) {
      var ids = new Array(ring.length);
      for (var i = 0; i < ring.length; i++) { ids[i] = pid(ring[i]); }
      ringIds.push(ids);
      for (i = 0; i + 1 < ids.length; i++) {
        if (ids[i] === ids[i + 1]) { continue; }
        var k = skey(ids[i], ids[i + 1]), s = segs.get(k);
        if (s === undefined) { segs.set(k, segN.length); segN.push(1); segD.push(d); segX.push(0); }
        else { segN[s] += 1; if (segD[s] !== d) { segX[s] = 1; } }
      }
    });
  });
  var outer = [], inner = [], done = new Uint8Array(segN.length), at = 0;
  features.forEach(function (f) {
    eachRing(f, function (ring) {
      var ids = ringIds[at++], curO = null, curI = null;
      for (var i = 0; i + 1 < ring.length; i++) {
        var s = ids[i] === ids[i + 1] ? undefined : segs.get(skey(ids[i], ids[i + 1]));
        if (s === undefined) { continue; }
        var a = ring[i], b = ring[i + 1];
        if (segN[s] === 1) {
          if (!curO) { curO = [[a[1], a[0]]]; outer.push(curO); }
          curO.push([b[1], b[0]]);
        } else { curO = null; }
        if (segX[s] && !done[s]) {
          done[s] = 1;
          if (!curI) { curI = [[a[1], a[0]]]; inner.push(curI); }
          curI.push([b[1], b[0]]);
        } else { curI = null; }
      }
    });
  });
  return { outer: outer, inner: inner };
}
mark("communes");
var provinceLine, districtLayer;
if (CANVAS) {
  var borders = D.communes.borders, m0 = borders ? null : mesh();  /* compact payloads carry them */
  var outerL = borders ? runLines(borders.outer) : linesFromLatLngs(m0.outer);
  var innerL = borders ? runLines(borders.inner) : linesFromLatLngs(m0.inner);
  provinceLine = new LinesItem(outerL[0], outerL[1], outerL[2], { color: C.province, weight: 2 }).addTo(map);
  districtLayer = L.layerGroup([new LinesItem(innerL[0], innerL[1], innerL[2],
    { color: C.district, weight: O.district_weight })]);
} else {
  var runLatLngs = function (runs) {
    return runVertices(runs).map(function (l) { return l.map(function (v) { return new L.LatLng(geo.lat[v], geo.lon[v]); }); });
  };
  var meshes = D.communes.borders ? { outer: runLatLngs(D.communes.borders.outer), inner: runLatLngs(D.communes.borders.inner) }
                                  : mesh();
  var lineRenderer = L.svg();
  provinceLine = L.polyline(meshes.outer, { color: C.province, weight: 2, interactive: false,
    renderer: lineRenderer, className: "cg-province" }).addTo(map);
  districtLayer = L.layerGroup([
    L.polyline(meshes.inner, { color: C.district, weight: O.district_weight, interactive: false,
      renderer: lineRenderer, className: "cg-district-line" })
  ]);
}
mark("mesh");
var districtLabels = L.layerGroup(D.districts.map(function (d) {
  return L.marker([d.pt[1], d.pt[0]], { interactive: false, keyboard: false,
    icon: L.divIcon({ className: "cg-dlabel", html: "<span>" + esc(d.name) + "</span>", iconSize: null }) });
}));

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
  var polys = [];
  features.forEach(function (f) {
    var layer = layerOf.get(f);
    if (!layer || !pred(f.properties)) { return; }
    var ll = layer.getLatLngs();
    if (L.LineUtil.isFlat(ll[0])) { polys.push(ll); } else { polys.push.apply(polys, ll); }
  });
  return L.featureGroup(polys.length ? [L.polygon(polys, L.extend({ renderer: renderer, interactive: false }, style))] : []);
}
var overlays = {};
function ranked(p) { return !noData(p) && p.uncov_rank !== null && p.uncov_rank !== undefined; }
overlays.uncovered = L.featureGroup([subset(ranked,
  { color: C.uncovered, weight: 3.5, fill: false, className: "cg-uncovered" })]);
/* the priority rank in a badge just above the commune's label point; on large maps
   (O.markers_in_view) only from the label zoom on and for the visible part of the map */
function rankMarker(f) {
  var p = f.properties;
  return L.marker([p.label_pt[1], p.label_pt[0]], { interactive: false, keyboard: false,
    icon: L.divIcon({ className: "cg-rank", html: "<span>" + esc(p.uncov_rank) + "</span>",
                      iconSize: null }) });
}
var rankFeatures = features.filter(function (f) { return ranked(f.properties) && f.properties.label_pt; });
var rankGroup = L.layerGroup(O.markers_in_view ? [] : rankFeatures.map(rankMarker))
  .addTo(overlays.uncovered);
function inView(fs, bounds) {  /* the features whose label point lies in bounds */
  return fs.filter(function (f) {
    var q = f.properties.label_pt;
    return bounds.contains([q[1], q[0]]);
  });
}
function updateRanks() {
  if (!O.markers_in_view) { return; }
  rankGroup.clearLayers();
  if (!map.hasLayer(overlays.uncovered) || map.getZoom() < O.label_zoom) { return; }
  inView(rankFeatures, map.getBounds().pad(0.2)).forEach(function (f) { rankGroup.addLayer(rankMarker(f)); });
}
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
var labelGroup = null;  /* built the first time it is shown */
function labelMarker(f) {
  var p = f.properties;
  return L.marker([p.label_pt[1], p.label_pt[0]], { interactive: false, keyboard: false,
    icon: L.divIcon({ className: "cg-label", html: "<span>" + esc(p.short_name) + "</span>", iconSize: null }) });
}
function commune_labels() {
  if (!labelGroup) {
    var labelled = features.filter(function (f) { return f.properties.label_pt; });
    labelGroup = L.layerGroup(O.markers_in_view ? [] : labelled.map(labelMarker));
    labelGroup.features = labelled;
  }
  return labelGroup;
}
function labelsInView() {  /* large maps: only the labels of the visible part */
  if (!O.markers_in_view || !labelGroup || !map.hasLayer(labelGroup)) { return; }
  labelGroup.clearLayers();
  inView(labelGroup.features, map.getBounds().pad(0.2)).forEach(function (f) { labelGroup.addLayer(labelMarker(f)); });
}
overlays.labels = L.layerGroup();  /* holder toggled by the user; labels appear from O.label_zoom */
if (D.overlays.some(function (o) { return o.id === "tiles"; })) {
  overlays.tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 19, attribution: "&copy; OpenStreetMap contributors" });
}
function showIf(group, want) {
  if (want && !map.hasLayer(group)) { group.addTo(map); }
  if (!want && map.hasLayer(group)) { map.removeLayer(group); }
}
function updateLabels() {
  var want = map.hasLayer(overlays.labels) && map.getZoom() >= O.label_zoom;
  if (want || labelGroup) { showIf(commune_labels(), want); }
  labelsInView();
  updateRanks();
  showIf(districtLabels, map.hasLayer(districtLayer) && map.getZoom() >= O.district_label_zoom);
}
map.on("zoomend", updateLabels);
if (O.markers_in_view) { map.on("moveend", function () { labelsInView(); updateRanks(); }); }

mark("overlays");
/* ------------------------------------------------------------ legend (one section per layer) */
var legendBox;
var Legend = L.Control.extend({
  options: { position: "bottomright" },
  onAdd: function () {
    var div = el("div", "cg-panel cg-legend");
    div.setAttribute("aria-label", T.legend);
    D.themes.forEach(function (th) {
      var sec = el("div", "cg-legend-section", div);
      sec.id = "cg-legend-" + th.id; sec.setAttribute("data-layer", th.id);
      el("h4", "", sec).textContent = th.title;
      th.classes.forEach(function (c) {
        var row = el("div", "cg-legend-item", sec);
        var sw = el("span", "cg-swatch" + (c.hatch ? " cg-hatch-swatch" : ""), row);
        sw.style.background = c.color;
        if (c.hatch) { sw.style.setProperty("background", "repeating-linear-gradient(45deg, " + c.color + " 0 3px, " + (C.hatch || "#4d4d4d") + " 3px 4.5px)", "important"); }
        el("span", "", row).textContent = c.label;
      });
      if (th.note) { el("div", "cg-note", sec).textContent = th.note; }
    });
    D.overlays.forEach(function (o) {
      if (!o.legend.length) { return; }
      var sec = el("div", "cg-legend-section", div);
      sec.id = "cg-legend-" + o.id; sec.setAttribute("data-layer", o.id);
      o.legend.forEach(function (it) {
        var row = el("div", "cg-legend-item", sec);
        var sw = el("span", "cg-swatch cg-" + it.symbol, row);
        if (it.symbol === "point") { sw.style.background = it.color; } else { sw.style.borderColor = it.color; }
        el("span", "", row).textContent = it.label;
      });
    });
    var row = el("div", "cg-legend-item", div);
    var sw = el("span", "cg-swatch cg-line", row); sw.style.borderColor = C.province; sw.style.borderTopWidth = "3px";
    el("span", "", row).textContent = T.province_outline;
    L.DomEvent.disableScrollPropagation(div);
    legendBox = div;
    return div;
  }
});
function showLegend(id, on) {
  var sec = document.getElementById("cg-legend-" + id);
  if (sec) { sec.style.display = on ? "" : "none"; }
}

/* ------------------------------------------------------------ layer panel (grouped) */
var LayerPanel = L.Control.extend({
  options: { position: "topright" },
  onAdd: function () {
    var div = el("div", "cg-panel cg-layers");
    var btn = el("button", "cg-toggle", div); btn.type = "button"; btn.textContent = T.layers + " \u25BE";
    L.DomEvent.on(btn, "click", function () { div.classList.toggle("cg-collapsed"); });
    var body = el("div", "cg-body", div);
    el("h4", "", body).textContent = T.group_themes;
    D.themes.forEach(function (th) {
      var lab = el("label", "", body), inp = el("input", "", lab);
      inp.type = "radio"; inp.name = "cg-theme"; inp.setAttribute("data-layer", th.id);
      inp.checked = th.id === activeTheme;
      el("span", "", lab).textContent = " " + th.title;
      L.DomEvent.on(inp, "change", function () { if (inp.checked) { setTheme(th.id); } });
    });
    el("h4", "", body).textContent = T.group_overlays;
    D.overlays.forEach(function (o) {
      var lab = el("label", "", body), inp = el("input", "", lab);
      inp.type = "checkbox"; inp.setAttribute("data-layer", o.id); inp.checked = !!o.on;
      el("span", "", lab).textContent = " " + o.title;
      L.DomEvent.on(inp, "change", function () { setOverlay(o.id, inp.checked); });
    });
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  }
});
function setOverlay(id, on) {
  var layer = overlays[id];
  if (!layer) { return; }
  if (on && !map.hasLayer(layer)) { layer.addTo(map); }
  if (!on && map.hasLayer(layer)) { map.removeLayer(layer); }
  showLegend(id, on);
  var box = document.querySelector('.cg-layers input[data-layer="' + id + '"]');
  if (box) { box.checked = on; }
  if (id === "labels" || id === "districts" || id === "uncovered") { updateLabels(); }
  if (id !== "tiles" && map.hasLayer(overlays.uncovered)) { overlays.uncovered.bringToFront(); }
  if (typeof highlightLayer !== "undefined") { highlightLayer.eachLayer(function (l) { l.bringToFront(); }); }
}

/* ------------------------------------------------------------ search */
var index = null;  /* built on the first search */
function searchIndex() {
  return features.map(function (f) {
    var p = f.properties;
    var key = p.search || (p.name + " " + p.short_name + " " + p.district);
    return { code: p.gso_code, key: " " + fold(key) + " ", f: f };
  });
}
function search(q) {
  var k = fold(q);
  if (!k) { return []; }
  index = index || searchIndex();
  var exact = [], part = [];
  index.forEach(function (it) {
    if (it.key.indexOf(" " + k + " ") >= 0) { exact.push(it.f); }
    else if (it.key.indexOf(" " + k) >= 0) { part.push(it.f); }
  });
  return exact.concat(part);
}
var highlightLayer = L.layerGroup().addTo(map);
function select(code) {
  var layer = byCode[code];
  if (!layer) { return false; }
  highlighted = code;
  highlightLayer.clearLayers();
  /* a black outline on a white halo: distinct from every fill and overlay */
  [["#ffffff", 8], [C.highlight, 4]].forEach(function (st) {
    L.geoJSON(layer.feature, { renderer: overRenderer, interactive: false,
      style: { color: st[0], weight: st[1], fill: false, opacity: 1, className: "cg-selected" } })
      .addTo(highlightLayer);
  });
  map.fitBounds(layer.getBounds(), { maxZoom: Math.min(12, O.max_zoom), padding: [30, 30] });
  closeSelectedTip();
  selectedTip = L.tooltip({ direction: "top", className: "cg-selected-tip" })
    .setLatLng(layer.feature.properties.label_pt
      ? [layer.feature.properties.label_pt[1], layer.feature.properties.label_pt[0]]
      : layer.getBounds().getCenter())
    .setContent(tooltipHtml(layer.feature.properties)).addTo(map);
  return true;
}
var selectedTip = null;
function closeSelectedTip() { if (selectedTip) { map.removeLayer(selectedTip); selectedTip = null; } }
map.on("click", closeSelectedTip);
communes.on("mouseover click", closeSelectedTip);
var SearchBox = L.Control.extend({
  options: { position: "topleft" },
  onAdd: function () {
    var div = el("div", "cg-panel cg-search");
    var inp = el("input", "", div);
    inp.type = "search"; inp.placeholder = T.search_placeholder; inp.setAttribute("aria-label", T.search_placeholder);
    var list = el("ul", "cg-results", div);
    function render() {
      list.innerHTML = "";
      if (!fold(inp.value)) { return; }
      var hits = search(inp.value).slice(0, 12);
      if (!hits.length) { el("li", "cg-none", list).textContent = T.search_none; return; }
      hits.forEach(function (f, i) {
        var li = el("li", i === 0 ? "cg-active" : "", list);
        li.setAttribute("data-gso", f.properties.gso_code);
        el("span", "", li).textContent = f.properties.name + " ";
        el("span", "cg-sub", li).textContent = f.properties.district;
        L.DomEvent.on(li, "click", function () { select(f.properties.gso_code); });
      });
    }
    L.DomEvent.on(inp, "input", render);
    L.DomEvent.on(inp, "keydown", function (e) {
      var items = list.querySelectorAll("li[data-gso]"), cur = list.querySelector("li.cg-active");
      var at = Array.prototype.indexOf.call(items, cur);
      if (e.key === "Enter") {
        if (cur) { select(cur.getAttribute("data-gso")); }
      } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && items.length) {
        L.DomEvent.preventDefault(e);
        var next = (at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        if (cur) { L.DomUtil.removeClass(cur, "cg-active"); }
        L.DomUtil.addClass(items[next], "cg-active");
        items[next].scrollIntoView({ block: "nearest" });
      } else if (e.key === "Escape") { inp.value = ""; render(); }
    });
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    return div;
  }
});

/* ------------------------------------------------------------ buttons: reset view, fullscreen */
var bounds = L.latLngBounds(D.bounds);
function resetView(animate) { map.fitBounds(bounds, { padding: [10, 10], animate: animate !== false }); }
function toggleFullscreen() {
  var box = map.getContainer();
  var doc = document;
  if (doc.fullscreenElement) { doc.exitFullscreen(); }
  else if (box.requestFullscreen && doc.fullscreenEnabled) {
    box.requestFullscreen().catch(function () { L.DomUtil.addClass(box, "cg-fullscreen-on"); });
  } else { box.classList.toggle("cg-fullscreen-on"); }
  setTimeout(function () { map.invalidateSize(); }, 200);
}
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

/* ------------------------------------------------------------ summary panel and badge */
var Summary = L.Control.extend({
  options: { position: "bottomleft" },
  onAdd: function () {
    var S = D.summary, div = el("div", "cg-panel cg-summary");
    el("h3", "", div).textContent = D.title;
    el("h4", "", div).textContent = (S.heading || T.summary) + (S.year ? " " + S.year : "");
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
      el("td", "", tr).textContent = r[2] || T[r[0]];
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
    L.DomEvent.disableScrollPropagation(div);
    return div;
  }
});
if (D.summary.illustrative) {
  var badge = el("div", "cg-badge", map.getContainer());
  badge.textContent = T.illustrative;
}

mark("controls");
/* ------------------------------------------------------------ assemble */
new SearchBox().addTo(map);
L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
new Buttons().addTo(map);
new LayerPanel().addTo(map);
new Legend().addTo(map);
new Summary().addTo(map);
map.attributionControl.addAttribution(esc(D.summary.boundary_source));
D.overlays.forEach(function (o) { setOverlay(o.id, !!o.on); });
mark("shown");
setTheme(activeTheme, false);  /* styles were set when the layer was built */
/* a province map names its districts in the first view, whatever the window size */
if (D.districts.length <= 60) { O.district_label_zoom = Math.min(O.district_label_zoom, map.getZoom()); }
updateLabels();
if (map.hasLayer(overlays.uncovered)) { overlays.uncovered.bringToFront(); }

mark("ready");  /* ms since this script started, per phase */
window.camauGis = {
  map: map, data: D, communes: communes, byCode: byCode, overlays: overlays, themes: themes,
  setTheme: setTheme, setOverlay: setOverlay, search: search, select: select, resetView: resetView,
  activeTheme: function () { return activeTheme; }, highlighted: function () { return highlighted; },
  timings: timings, ready: true
};
