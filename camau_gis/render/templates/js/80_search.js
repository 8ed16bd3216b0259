/* ------------------------------------------------------------ search as people type */
/* A query is folded (no diacritics, case or punctuation; "p1" -> "p 1"; "01" -> "1"), a leading
   unit word ("P.", "P", "TT.", "X.", "TP.", "phuong", "ward": D.search_prefixes, from Python) is
   read as the unit type, and the rest matched against names: exact, prefix, word, then small
   typos (optimal string alignment distance), then the district; a number of 4+ digits is a GSO
   code. Results are ranked, each with its unit type and district. */
function qnorm(s) {
  return fold(s).replace(/([a-z])(\d)/g, "$1 $2").replace(/(\d)([a-z])/g, "$1 $2")
    .split(" ").filter(Boolean).map(function (w) { return /^\d+$/.test(w) ? String(parseInt(w, 10)) : w; }).join(" ");
}
function parseQuery(q) {
  var w = qnorm(q).split(" ").filter(Boolean), type = null, P = D.search_prefixes || {};
  if (w.length > 2 && P[w[0] + " " + w[1]]) { type = P[w[0] + " " + w[1]]; w = w.slice(2); }
  else if (w.length > 1 && P[w[0]]) { type = P[w[0]]; w = w.slice(1); }
  return { type: type, name: w.join(" "), all: qnorm(q) };
}
function osa(a, b, limit) {  /* optimal string alignment distance, or limit + 1 when above it */
  if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
  var prev2 = null, prev = [], cur, i, j;
  for (j = 0; j <= b.length; j++) { prev.push(j); }
  for (i = 1; i <= a.length; i++) {
    cur = [i];
    var best = i;
    for (j = 1; j <= b.length; j++) {
      var cost = a[i - 1] === b[j - 1] ? 0 : 1;
      var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { v = Math.min(v, prev2[j - 2] + 1); }
      cur.push(v);
      if (v < best) { best = v; }
    }
    if (best > limit) { return limit + 1; }
    prev2 = prev; prev = cur;
  }
  return prev[b.length];
}
var index = null;  /* built on the first search */
function searchIndex() {
  return features.map(function (f) {
    var p = f.properties, d = districtBy[p.dist_code] || districtBy[p.district];
    var nm = qnorm(p.short_name), w = nm.split(" "), P = D.search_prefixes || {};
    /* a short name that kept its unit word ("Phường 1" in some files): matched without it */
    if (w.length > 2 && P[w[0] + " " + w[1]]) { nm = w.slice(2).join(" "); }
    else if (w.length > 1 && P[w[0]] && w[0].length > 2) { nm = w.slice(1).join(" "); }
    return { code: p.gso_code, num: parseInt(p.gso_code, 10), f: f, type: p.unit_type,
             name: nm, full: qnorm(p.name),
             dist: qnorm(d ? d.label : p.district) };
  });
}
function scoreOf(it, q) {
  var nm = q.name, s = null;
  if (!nm) { return null; }
  if (/^\d{4,}$/.test(q.all.replace(/ /g, "")) && !q.type) {
    return parseInt(q.all.replace(/ /g, ""), 10) === it.num ? 0 : null;
  }
  if (nm === it.name || nm === it.full) { s = 10; }
  else if (it.name.indexOf(nm) === 0) { s = 20; }
  else if ((" " + it.name).indexOf(" " + nm) >= 0 || (" " + it.full).indexOf(" " + nm) >= 0) { s = 25; }
  else if (!/\d/.test(nm) && nm.length >= 4) {
    var lim = nm.length <= 6 ? 1 : 2, d = osa(nm, it.name, lim);
    if (d <= lim) { s = 40 + 5 * d; }
    else {
      var dp = osa(nm, it.name.substr(0, nm.length), lim);
      if (dp <= lim) { s = 50 + 5 * dp; }
    }
  }
  if (s === null && nm.length >= 3 && (it.dist === nm || it.dist.indexOf(nm) === 0)) { s = 70; }
  if (s === null) { return null; }
  if (q.type && q.type !== it.type) {
    s += (q.type === "thành phố" || q.type === "huyện") ? (s >= 70 ? 0 : 8) : 30;
  }
  return s;
}
function search(text) {
  var q = parseQuery(text);
  if (!q.all) { return []; }
  index = index || searchIndex();
  var hits = [];
  index.forEach(function (it) { var s = scoreOf(it, q); if (s !== null) { hits.push([s, it]); } });
  hits.sort(function (a, b) { return a[0] - b[0] || a[1].name.localeCompare(b[1].name); });
  return hits.map(function (h) { return h[1].f; });
}
/* ------------------------------------------------------------ selecting a commune */
var highlightLayer = L.layerGroup().addTo(map);
function select(code, opts) {
  var layer = byCode[code];
  if (!layer) { return false; }
  opts = opts || {};
  highlighted = code; pinned = code;
  highlightLayer.clearLayers();
  /* a black outline on a white halo: distinct from every fill and overlay */
  [["#ffffff", 8], [C.highlight, 4]].forEach(function (st) {
    L.polygon(layer.getLatLngs(), { renderer: overRenderer, interactive: false, color: st[0], weight: st[1],
      fill: false, opacity: 1, className: "cg-selected" }).addTo(highlightLayer);
  });
  if (!layoutWide) { sectionOrder.forEach(function (s) { if (s.open) { setOpen(s, false); } }); layoutChanged(); }
  /* framed in the free part of the map, close enough that its name shows (pinned above others) */
  map.fitBounds(layer.getBounds(), fitOptions({ maxZoom: Math.min(O.max_zoom, 14), animate: false }));
  closeSelectedTip();
  var p = layer.feature.properties, at = p.label_pt ? L.latLng(p.label_pt[1], p.label_pt[0]) : layer.getBounds().getCenter();
  if (opts.popup) { openPopupFor(layer.feature, at); }
  else {
    selectedTip = L.tooltip({ direction: "top", className: "cg-selected-tip", offset: [0, -12] })
      .setLatLng(at).setContent(tooltipHtml(p)).addTo(map);
  }
  placeLabels();
  return true;
}
var selectedTip = null;
function closeSelectedTip() { if (selectedTip) { map.removeLayer(selectedTip); selectedTip = null; } }
function clearSelection() {
  highlightLayer.clearLayers();
  showFocusRing(null);
  highlighted = null; pinned = null;
  closeSelectedTip();
  clearClass();
  map.closePopup();
  if (searchInput) { searchInput.value = ""; renderResults(); }
  placeLabels();
}
map.on("click", closeSelectedTip);
communes.on("mouseover click", closeSelectedTip);
var searchInput, resultList;  /* set by buildSearch (called early, from 05_ui.js) */
function renderResults() {
  var list = resultList, inp = searchInput;
  list.innerHTML = "";
  inp.removeAttribute("aria-activedescendant");
  showFocusRing(null);
  if (!qnorm(inp.value)) { inp.setAttribute("aria-expanded", "false"); list.hidden = true; layoutChanged(); return; }
  list.hidden = false;
  inp.setAttribute("aria-expanded", "true");
  var hits = search(inp.value).slice(0, 10);
  if (!hits.length) {
    var none = el("li", "cg-none", list); none.textContent = T.search_none;
    none.setAttribute("role", "option"); none.setAttribute("aria-disabled", "true"); layoutChanged(); return;
  }
  hits.forEach(function (f, i) {
    var p = f.properties, li = el("li", "", list);
    li.id = "cg-opt-" + i;
    li.setAttribute("role", "option");
    li.setAttribute("data-gso", p.gso_code);
    el("span", "cg-res-name", li).textContent = p.name + " ";
    el("span", "cg-sub", li).textContent = p.unit_label + " · " + distName(p) + " · " + p.gso_code;
    L.DomEvent.on(li, "click", function () { choose(li); });
  });
  activate(list.querySelector("li[data-gso]"));
  layoutChanged();
}
function activate(li) {
  var cur = resultList.querySelector("li.cg-active");
  if (cur) { L.DomUtil.removeClass(cur, "cg-active"); cur.setAttribute("aria-selected", "false"); }
  if (!li) { showFocusRing(null); return; }
  L.DomUtil.addClass(li, "cg-active");
  li.setAttribute("aria-selected", "true");
  searchInput.setAttribute("aria-activedescendant", li.id);
  if (li.scrollIntoView) { li.scrollIntoView({ block: "nearest" }); }
  if (document.activeElement === searchInput) { showFocusRing(li.getAttribute("data-gso")); }
}
function choose(li) {
  var code = li.getAttribute("data-gso");
  resultList.innerHTML = ""; resultList.hidden = true;
  searchInput.setAttribute("aria-expanded", "false");
  showFocusRing(null);  /* the selection's outline takes over */
  layoutChanged();
  select(code);
}
function buildSearch(div) {
  var lab = el("label", "cg-visually-hidden", div);
  lab.htmlFor = "cg-search-input"; lab.textContent = T.html_search_label;
  var inp = searchInput = el("input", "", div);
  inp.id = "cg-search-input";
  inp.type = "search"; inp.placeholder = T.html_search_hint; inp.autocomplete = "off";
  inp.setAttribute("role", "combobox"); inp.setAttribute("aria-autocomplete", "list");
  inp.setAttribute("aria-expanded", "false"); inp.setAttribute("aria-controls", "cg-results");
  var list = resultList = el("ul", "cg-results", div);
  list.id = "cg-results"; list.hidden = true;
  list.setAttribute("role", "listbox"); list.setAttribute("aria-label", T.html_search_results);
  L.DomEvent.on(inp, "input", renderResults);
  L.DomEvent.on(inp, "keydown", function (e) {
    var opts = list.querySelectorAll("li[data-gso]"), cur = list.querySelector("li.cg-active");
    var at = Array.prototype.indexOf.call(opts, cur);
    if (e.key === "Enter") {
      if (cur) { choose(cur); }
    } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && opts.length) {
      L.DomEvent.preventDefault(e);
      activate(opts[(at + (e.key === "ArrowDown" ? 1 : opts.length - 1)) % opts.length]);
    }
  });
  L.DomEvent.disableClickPropagation(div);
  L.DomEvent.disableScrollPropagation(div);
}
/* Esc anywhere: the selection, highlighted classes, popup and search are cleared */
document.addEventListener("keydown", function (e) { if (e.key === "Escape" || e.key === "Esc") { clearSelection(); } });
