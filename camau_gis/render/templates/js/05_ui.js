/* ------------------------------------------------------------ page shell: panels around the map */
/* The panels live in one layer above the map, before it in the document (focus order: search,
   panels, then the map). Wide windows: a column on each side (left: title, search, summary, list
   of gaps; right: layers, legend), each section folding under its heading. Narrow windows
   (phones, tablets upright): a bar on top (title, search, one button per section) and at most
   one section open below it. The map's first view and every framing leave the panels' space. */
var WIDE = 900;  /* px: from this window width on, the two columns */
var provinceBounds = L.latLngBounds(D.bounds);
var mapBox = map.getContainer();
mapBox.setAttribute("aria-label", T.html_map_label);
mapBox.setAttribute("role", "region");
document.documentElement.lang = D.lang;
if (!document.title) { document.title = D.title; }
var ui = el("div", "cg-ui");
ui.setAttribute("role", "region");
ui.setAttribute("aria-label", T.html_panels);
document.body.insertBefore(ui, mapBox);
var colL = el("div", "cg-col cg-col-left", ui), colR = el("div", "cg-col cg-col-right", ui);
var titleBox = el("header", "cg-panel cg-titlebox", colL);
el("h1", "", titleBox).textContent = D.title;
if (D.subtitle) { el("div", "cg-subtitle", titleBox).textContent = D.subtitle; }
var badge = null;
if (D.summary.illustrative) {
  badge = el("div", "cg-badge", titleBox);
  badge.textContent = T.illustrative;
  badge.title = T.illustrative_note;
}
var searchBox = el("div", "cg-panel cg-search", colL);
searchBox.setAttribute("role", "search");
var tabs = el("div", "cg-tabs", colL);  /* narrow windows: one button per section */
var sheet = el("div", "cg-sheet", ui);   /* narrow windows: the open section */
var sections = {}, sectionOrder = [];
/* a folding section: heading button (aria-expanded) and body; col: "L" or "R" on wide windows */
function section(id, title, col, open, short) {
  var box = el("section", "cg-panel cg-sec", col === "L" ? colL : colR);
  box.id = "cg-sec-" + id;
  var head = el("h2", "cg-sec-head", box), btn = el("button", "cg-sec-btn", head);
  btn.type = "button"; btn.textContent = title;
  btn.setAttribute("aria-controls", "cg-body-" + id);
  var body = el("div", "cg-body", box);
  body.id = "cg-body-" + id;
  body.setAttribute("role", "region"); body.setAttribute("aria-label", title);
  var tab = el("button", "cg-tab", tabs);
  tab.type = "button"; tab.textContent = short || title; tab.title = title; tab.setAttribute("aria-controls", "cg-body-" + id);
  tab.setAttribute("data-section", id);
  var s = { id: id, box: box, btn: btn, tab: tab, body: body, col: col, wideOpen: !!open, open: false };
  sections[id] = s; sectionOrder.push(s);
  L.DomEvent.on(btn, "click", function () { openSection(id, !s.open); });
  L.DomEvent.on(tab, "click", function () { openSection(id, !s.open); });
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);
  return s;
}
function isWide() { return window.innerWidth >= WIDE; }
var layoutWide = null;
function openSection(id, on) {
  var s = sections[id];
  if (!s) { return; }
  if (!layoutWide && on) {  /* one section at a time below the bar; a popup would hide it */
    sectionOrder.forEach(function (o) { if (o !== s && o.open) { setOpen(o, false); } });
    map.closePopup();
  }
  setOpen(s, on);
  if (layoutWide) { s.wideOpen = on; }
  layoutChanged();
}
function setOpen(s, on) {
  s.open = on;
  s.body.hidden = !on;
  s.btn.setAttribute("aria-expanded", on ? "true" : "false");
  s.tab.setAttribute("aria-expanded", on ? "true" : "false");
  L.DomUtil[on ? "addClass" : "removeClass"](s.box, "cg-open");
  L.DomUtil[on ? "addClass" : "removeClass"](s.tab, "cg-open");
}
/* place the sections for the window's width (columns, or bar + sheet) */
function layout() {
  var wide = isWide();
  if (wide === layoutWide) { sizeColumns(); layoutChanged(); return; }
  layoutWide = wide;
  sizeColumns();
  L.DomUtil[wide ? "addClass" : "removeClass"](ui, "cg-wide");
  L.DomUtil[wide ? "removeClass" : "addClass"](ui, "cg-narrow");
  sectionOrder.forEach(function (s) {
    if (wide) { (s.col === "L" ? colL : colR).appendChild(s.box); s.box.insertBefore(s.btn.parentNode, s.box.firstChild); }
    else { sheet.appendChild(s.box); }
    setOpen(s, wide ? s.wideOpen : false);
  });
  layoutChanged();
}
/* Wide windows: the columns take the width the province leaves beside it at the zoom where
   its height fills the window (a tall province on a wide screen: wider, more readable panels). */
function sizeColumns() {
  if (!layoutWide) { colL.style.width = colR.style.width = ""; return; }
  /* Leaflet's size of the map (read when it was made, renewed on resize): no reflow for it */
  var W = map.getSize().x, b = provinceBounds;
  var z = map.getBoundsZoom(b, false, L.point(0, 38));
  var pw = map.project(b.getNorthEast(), z).x - map.project(b.getSouthWest(), z).x;
  var cw = Math.max(260, Math.min(520, Math.floor((W - pw - 44 - 50) / 2)));
  colL.style.width = cw + "px";
  colR.style.width = Math.max(250, cw - 10) + "px";
}
/* the free part of the map: padding [left, top, right, bottom] in px left by the visible panels;
   while the page starts, measured once after the layout (no forced reflow between its steps) */
var startup = true, padMemo = null;
function freePadding() {
  if (startup && padMemo) { return padMemo.slice(); }
  var pad = measurePadding();
  if (startup) { padMemo = pad.slice(); }
  return pad;
}
function measurePadding() {
  var W = mapBox.clientWidth, H = mapBox.clientHeight, m = mapBox.getBoundingClientRect();
  var pad = [10, 10, 10, 28];  /* the scale bar and credits along the bottom */
  if (printing) {  /* the printed page: the legend at the right of the map */
    var lg = document.getElementById("cg-sec-legend");
    if (lg) { pad[2] = Math.max(pad[2], m.right - lg.getBoundingClientRect().left + 10); }
    return [10, 10, pad[2], 28];
  }
  function box(e) { var r = e.getBoundingClientRect(); return r.width && r.height ? r : null; }
  if (layoutWide) {
    var l = box(colL), r = box(colR);
    if (l) { pad[0] = Math.max(pad[0], l.right - m.left + 10); }
    if (r) { pad[2] = Math.max(pad[2], m.right - r.left + 10); }
  } else {
    var b = box(colL), sh = box(sheet);
    if (b) { pad[1] = Math.max(pad[1], b.bottom - m.top + 10); }
    if (sh && sectionOrder.some(function (s) { return s.open; })) { pad[1] = Math.max(pad[1], sh.bottom - m.top + 10); }
  }
  if (layoutWide) { pad[0] += 44; }  /* the zoom and view buttons beside the free part (phones: over it) */
  if (pad[0] + pad[2] > W - 120) { pad[0] = pad[2] = 10; }
  if (pad[1] + pad[3] > H - 120) { pad[1] = 10; }
  return pad;
}
function fitOptions(extra) {
  var p = freePadding();
  return L.extend({ paddingTopLeft: [p[0], p[1]], paddingBottomRight: [p[2], p[3]] }, extra || {});
}
/* Leaflet's own corners (zoom, scale, credits) beside the panels, never under them */
function placeCorners() {
  var c = map._controlCorners, p = freePadding();
  if (!c) { return; }
  var left = (p[0] - (layoutWide ? 44 : 0)) + "px";
  if (printing) { left = "0px"; }
  c.topleft.style.left = left;
  c.topleft.style.top = (p[1] - 10) + "px";
  c.bottomleft.style.left = left;
  c.bottomright.style.right = (p[2] - 10) + "px";
  c.topright.style.right = (p[2] - 10) + "px";
}
var layoutHooks = [];
function layoutChanged() {
  padMemo = null;
  sheet.style.top = layoutWide ? "" : colL.offsetHeight + "px";
  placeCorners();
  layoutHooks.forEach(function (fn) { fn(); });
}
/* popups: at most the free part of the map wide and high, scrolled inside, panned clear of panels */
function popupOptions() {
  var p = freePadding(), W = mapBox.clientWidth, H = mapBox.clientHeight;
  return { maxWidth: Math.max(200, Math.min(380, W - p[0] - p[2] - 30)), minWidth: 0,
           maxHeight: Math.max(160, Math.min(420, H - p[1] - p[3] - 50)),
           autoPanPaddingTopLeft: L.point(p[0] + 4, p[1] + 4),
           autoPanPaddingBottomRight: L.point(p[2] + 4, p[3] + 4), className: "cg-popup-box" };
}
function fitProvince(animate) { map.fitBounds(provinceBounds, fitOptions({ animate: !!animate })); }
/* zoom limits from the data: the province (one step out) to about zoom 16 */
function setZoomLimits() {
  var p = freePadding(), z = map.getBoundsZoom(provinceBounds, false, L.point(p[0] + p[2], p[1] + p[3]));
  map.setMinZoom(Math.max(0, Math.floor(10 * z) / 10 - 1));
  map.setMaxZoom(Math.max(O.max_zoom, 16));
}
buildSearch(searchBox);
section("summary", (D.summary.heading || T.summary) + (D.summary.year ? " " + D.summary.year : ""), "L", true, T.html_tab_summary);
section("gaps", T.html_gaps, "L", true, T.html_tab_gaps);
section("layers", T.layers, "R", false, T.html_tab_layers);
section("legend", T.legend, "R", true, T.html_tab_legend);
mark("shell");
layout();
/* the first view is set at once, before any layer is drawn (one draw, settled when "ready") */
fitProvince(false);
setZoomLimits();
/* print: the map is laid out for the page (print stylesheet), the province fitted beside the legend */
var printing = false;
function onPrint(on) {
  if (on === printing) { return; }
  printing = on;
  L.DomUtil[on ? "addClass" : "removeClass"](document.documentElement, "cg-printing");
  map.invalidateSize({ animate: false, pan: false });
  placeCorners();
  fitProvince(false);
}
if (window.matchMedia) {
  var printQuery = window.matchMedia("print");
  if (printQuery.addEventListener) { printQuery.addEventListener("change", function (e) { onPrint(e.matches); }); }
}
window.addEventListener("beforeprint", function () { onPrint(true); });
window.addEventListener("afterprint", function () { onPrint(false); });
var resizeTimer = null;
window.addEventListener("resize", function () {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(function () { layout(); map.invalidateSize(); placeCorners(); setZoomLimits(); }, 100);
});
mark("ui");
