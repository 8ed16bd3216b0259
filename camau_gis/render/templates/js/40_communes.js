/* ------------------------------------------------------------ communes (one polygon layer) */
var byCode = {}, layerOf = new Map(), communes;
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
    noClip: features.length <= 1000,  /* small layers: the whole outline, no clipping to the view */
    onEachFeature: function (f, layer) { byCode[f.properties.gso_code] = layer; layerOf.set(f, layer); }
  });
  /* the polygons from the flat geometry (either payload), as addData does */
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
