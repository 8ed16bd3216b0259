/* ------------------------------------------------------------ assemble */
/* First frame: the communes, borders and overlays (built above), Leaflet's controls and the
   panels' shell (title, search, section headings: the first view's free space is known).
   After the first paint, in short tasks (the page stays responsive, nothing waits for all):
   the panels' contents, the names and badges, then their placement.
   window.camauGis.ready once everything is built. */
L.control.zoom({ position: "topleft", zoomInTitle: T.html_zoom_in, zoomOutTitle: T.html_zoom_out,
                 zoomInText: ICON_ZOOM_IN, zoomOutText: ICON_ZOOM_OUT }).addTo(map);
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
/* After the first paint is on screen (the browser's paint timing; else two frames), short tasks,
   at most 4 ms of them per frame: each frame lays out and draws only what the tasks before it added
   (no long task, no forced reflow of everything at once), so the map keeps drawing frames and
   answering the reader while the panels fill; names and badges stay hidden until they are placed.
   A task runs in the idle time after its frame, at the latest 200 ms after it was asked (a busy
   page); browsers without requestIdleCallback (Safari) use timers. */
var tasks = [
  function () { buildSummary(sections.summary.body); },
  function () { buildGaps(sections.gaps.body); },
  function () { buildLayers(sections.layers.body); },
  function () {
    buildLegend(sections.legend.body);
    Object.keys(themes).forEach(function (k) { showLegend(k, k === activeTheme); });
    D.overlays.forEach(function (o) { showLegend(o.id, !!overlays[o.id] && map.hasLayer(overlays[o.id])); });
    mark("panels");
    if (!O.markers_in_view) { buildItems(null, tasks); }
    tasks.push(function () {  /* the frame before laid the names out: reading their sizes is free */
      booting = false; startup = false;
      sizeItems();
      placeCorners();
      setTheme(activeTheme, false);  /* radio and name colours of the theme */
      placeLabels();
      L.DomUtil.removeClass(mapBox, "cg-placing");
      mark("labels");
      mark("ready");  /* ms since this script started, per phase */
      window.camauGis.ready = true;
    });
  }
];
L.DomUtil.addClass(mapBox, "cg-placing");
var idle = window.requestIdleCallback ? function (fn) { return window.requestIdleCallback(fn, { timeout: 200 }); }
  : function (fn) { return setTimeout(fn, 1); };
function nextTask() {
  if (tasks.length) { requestAnimationFrame(function () { idle(runTask); }); }
}
function runTask(deadline) {  /* one task, and the next ones while they are quick (4 ms in all) */
  var t0 = performance.now();
  do { tasks.shift()(); } while (tasks.length && performance.now() - t0 < 4 && !(deadline && deadline.timeRemaining() < 8));
  nextTask();
}
function afterFirstPaint(fn) {
  var started = false;
  function go() { if (!started) { started = true; fn(); } }
  var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
  if (types && types.indexOf("paint") >= 0) {
    new PerformanceObserver(function (list, obs) { obs.disconnect(); go(); }).observe({ type: "paint", buffered: true });
    setTimeout(go, 3000);  /* a page drawn out of sight (no paint reported) is built all the same */
  } else {
    requestAnimationFrame(function () { requestAnimationFrame(go); });
  }
}
afterFirstPaint(nextTask);
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
