/* ------------------------------------------------------------ assemble */
buildSummary(sections.summary.body);
buildGaps(sections.gaps.body);
buildLayers(sections.layers.body);
buildLegend(sections.legend.body);
mark("panels");
L.control.zoom({ position: "topleft", zoomInTitle: T.html_zoom_in, zoomOutTitle: T.html_zoom_out }).addTo(map);
new Buttons().addTo(map);
L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
map.attributionControl.setPrefix('<a href="https://leafletjs.com" hreflang="en">Leaflet</a>');
map.attributionControl.addAttribution(esc(D.summary.boundary_source));
map.on("popupopen", function (e) {  /* Leaflet's close button, in the page's language */
  var b = e.popup.getElement() && e.popup.getElement().querySelector(".leaflet-popup-close-button");
  if (b) { b.title = T.html_close; b.setAttribute("aria-label", T.html_close); }
});
D.overlays.forEach(function (o) { setOverlay(o.id, !!o.on); });
mark("shown");
setTheme(activeTheme, false);  /* styles were set when the layer was built */
booting = false;
placeLabels();
mark("labels");
if (map.hasLayer(overlays.uncovered)) { overlays.uncovered.bringToFront(); }
placeCorners();

mark("ready");  /* ms since this script started, per phase */
window.camauGis = {
  map: map, data: D, communes: communes, byCode: byCode, overlays: overlays, themes: themes,
  setTheme: setTheme, setOverlay: setOverlay, search: search, select: select, resetView: resetView,
  clearSelection: clearSelection, chooseDistrict: chooseDistrict, openSection: openSection,
  freePadding: freePadding, labelStats: function () { return labelStats; },
  labelItems: function () { return items; }, isWide: function () { return layoutWide; },
  activeTheme: function () { return activeTheme; }, highlighted: function () { return highlighted; },
  pinned: function () { return pinned; }, classHighlighted: function () { return classLayer.highlighted || []; },
  timings: timings, ready: true
};
