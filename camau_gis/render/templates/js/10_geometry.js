
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
/* the flat geometry of GeoJSON features (a GeoJSON payload; its border runs index these rings):
   the vertices counted first, then copied into typed arrays in plain loops (no growing lists) */
function geoFromFeatures(fs) {
  function polysOf(g) { return !g ? [] : (g.type === "Polygon" ? [g.coordinates] : g.coordinates); }
  function lenOf(ring) {  /* without the closing vertex */
    var n = ring.length;
    return n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1] ? n - 1 : n;
  }
  var nV = 0, nR = 0, nP = 0, f, p, r, i, polys;
  for (f = 0; f < fs.length; f++) {
    polys = polysOf(fs[f].geometry);
    nP += polys.length;
    for (p = 0; p < polys.length; p++) {
      nR += polys[p].length;
      for (r = 0; r < polys[p].length; r++) { nV += lenOf(polys[p][r]); }
    }
  }
  var lon = new Float64Array(nV), lat = new Float64Array(nV), R = new Int32Array(nR + 1);
  var P = new Int32Array(nP + 1), G = new Int32Array(fs.length + 1), v = 0, nr = 0, np = 0;
  for (f = 0; f < fs.length; f++) {
    polys = polysOf(fs[f].geometry);
    for (p = 0; p < polys.length; p++) {
      for (r = 0; r < polys[p].length; r++) {
        var ring = polys[p][r], n = lenOf(ring);
        for (i = 0; i < n; i++) { lon[v] = ring[i][0]; lat[v] = ring[i][1]; v++; }
        R[++nr] = v;
      }
      P[++np] = nr;
    }
    G[f + 1] = np;
  }
  return makeGeo(lon, lat, R, P, G);
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
