/* ------------------------------------------------------------ assemble */
/* First frame: the communes, borders and overlays (built above), Leaflet's controls and the
   panels' shell (title, search, section headings: the first view's free space is known).
   After the first paint, in short tasks (the page stays responsive, nothing waits for all):
   the panels' contents, the names and badges, then their placement.
   window.camauGis.ready once everything is built. */
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
setTheme(activeTheme, false);  /* the hatches (styles were set when the layer was built) */
if (map.hasLayer(overlays.uncovered)) { overlays.uncovered.bringToFront(); }
placeCorners();
mark("shown");
var tasks = [
  function () { buildSummary(sections.summary.body); },
  function () { buildGaps(sections.gaps.body); },
  function () { buildLayers(sections.layers.body); },
  function () {
    buildLegend(sections.legend.body);
    D.overlays.forEach(function (o) { showLegend(o.id, !!overlays[o.id] && map.hasLayer(overlays[o.id])); });
    mark("panels");
    if (!O.markers_in_view) { buildItems(null, tasks); }
    tasks.push(function () {
      booting = false; startup = false;
      setTheme(activeTheme, false);  /* legend section, radio and name colours of the theme */
      placeLabels();
      placeCorners();
      mark("labels");
      mark("ready");  /* ms since this script started, per phase */
      window.camauGis.ready = true;
    });
  }
];
/* The tasks run when the browser is idle (never before the first paint), a few per idle period,
   so frames are drawn between them, and at the latest 200 ms after it asked (a busy page);
   browsers without requestIdleCallback (Safari) use timers. */
var idle = window.requestIdleCallback ? function (fn) { return window.requestIdleCallback(fn, { timeout: 200 }); }
  : function (fn) { return setTimeout(function () { fn({ timeRemaining: function () { return 0; } }); }, 1); };
function runTasks(deadline) {
  do { tasks.shift()(); } while (tasks.length && deadline.timeRemaining() > 8);
  if (tasks.length) { idle(runTasks); }
}
requestAnimationFrame(function () { idle(runTasks); });
window.camauGis = {
  map: map, data: D, communes: communes, byCode: byCode, overlays: overlays, themes: themes,
  setTheme: setTheme, setOverlay: setOverlay, search: search, select: select, resetView: resetView,
  clearSelection: clearSelection, chooseDistrict: chooseDistrict, openSection: openSection,
  freePadding: freePadding, labelStats: function () { return labelStats; },
  labelItems: function () { return items; }, isWide: function () { return layoutWide; },
  activeTheme: function () { return activeTheme; }, highlighted: function () { return highlighted; },
  pinned: function () { return pinned; }, focusRing: function () { return focusCode; }, classHighlighted: function () { return classLayer.highlighted || []; },
  timings: timings, ready: false
};
