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
