/* ------------------------------------------------------------ focus ring on the focused commune */
/* Communes are reached by keyboard from the gap list (Tab, arrow keys) and the search results
   (arrow keys); the commune whose row or result has the keyboard focus gets a focus ring on the
   map: black dashes on a white band, so one of the two contrasts at least 4.5:1 with any fill,
   and unlike the selection's solid outline. It follows the focus, and goes on Esc or when the
   focus leaves the list. A ring outside the free part of the map brings its commune there (never
   zooming in). */
var focusPane = map.createPane("cg-focus");  /* above the badges and names: never hidden by them */
focusPane.style.zIndex = 620; focusPane.style.pointerEvents = "none";
var focusRenderer = L.svg({ pane: "cg-focus", padding: 0.2 });
var focusLayer = L.layerGroup().addTo(map), focusCode = null, RING_MIN = 36;  /* px */
function showFocusRing(code) {
  if (code === focusCode) { return; }
  focusCode = code && byCode[code] ? code : null;
  drawFocusRing();
  var layer = focusCode ? byCode[focusCode] : null;
  if (layer && !inFreeView(layer.getBounds())) {
    map.fitBounds(layer.getBounds(), fitOptions({ maxZoom: map.getZoom(), animate: false }));
  }
}
function inFreeView(b) {  /* inside the part of the map the panels leave free */
  var p = freePadding(), s = map.getSize();
  return L.latLngBounds(map.containerPointToLatLng([p[0], p[1]]),
                        map.containerPointToLatLng([s.x - p[2], s.y - p[3]])).contains(b);
}
/* the commune's outline; a commune smaller than RING_MIN px on screen also gets a circle */
function drawFocusRing() {
  focusLayer.clearLayers();
  var layer = focusCode ? byCode[focusCode] : null;
  if (!layer) { return; }
  var b = layer.getBounds(), p0 = map.latLngToLayerPoint(b.getNorthWest()), p1 = map.latLngToLayerPoint(b.getSouthEast());
  var size = Math.max(p1.x - p0.x, p1.y - p0.y);
  [{ color: "#ffffff", weight: 7 }, { color: "#000000", weight: 3, dashArray: "8 6" }].forEach(function (st) {
    var o = L.extend({ renderer: focusRenderer, interactive: false, fill: false, opacity: 1, lineCap: "butt",
                       className: "cg-focus-ring" }, st);
    L.polygon(layer.getLatLngs(), o).addTo(focusLayer);
    if (size < RING_MIN) {
      L.circleMarker(b.getCenter(), L.extend({ radius: Math.max(16, size / Math.SQRT2 + 8) }, o)).addTo(focusLayer);
    }
  });
}
map.on("zoomend", drawFocusRing);
function gapButtons() {
  return gapList ? Array.prototype.filter.call(gapList.querySelectorAll("button.cg-gap"),
    function (b) { return b.offsetParent !== null; }) : [];
}
function focusFromKeys(e) {  /* a row of the gap list focused from the keyboard */
  var t = e.target;
  if (!t || !t.classList || !t.classList.contains("cg-gap")) { return; }
  if (t.matches && !t.matches(":focus-visible")) { return; }
  showFocusRing(t.getAttribute("data-gso"));
}
document.addEventListener("focusin", focusFromKeys);
document.addEventListener("focusout", function (e) {
  var to = e.relatedTarget;
  if (to && to.classList && to.classList.contains("cg-gap")) { return; }  /* the next row takes it */
  if (e.target === searchInput || (e.target.classList && e.target.classList.contains("cg-gap"))) { showFocusRing(null); }
});
/* arrow keys, Home and End move the focus through the rows of the gap list */
document.addEventListener("keydown", function (e) {
  var t = e.target, keys = { ArrowDown: 1, ArrowUp: -1, Home: -1e9, End: 1e9 };
  if (!t || !t.classList || !t.classList.contains("cg-gap") || !(e.key in keys)) { return; }
  var rows = gapButtons(), at = rows.indexOf(t);
  if (at < 0 || !rows.length) { return; }
  e.preventDefault();
  rows[Math.max(0, Math.min(rows.length - 1, at + keys[e.key]))].focus();
});
