/* ------------------------------------------------------------ the list of gaps, by district */
/* The uncovered communes in rank order (district, reasons), each a button that frames the commune
   and opens its popup; a district selector frames the district and filters the list. */
var gapList = null, districtSelect = null;
function buildGaps(body) {
  var gaps = rankFeatures.slice().sort(function (a, b) { return a.properties.uncov_rank - b.properties.uncov_rank; });
  if (D.districts.length > 1) {
    var lab = el("label", "cg-district-filter", body);
    el("span", "", lab).textContent = T.html_district_filter + " ";
    districtSelect = el("select", "", lab);
    var all = el("option", "", districtSelect); all.value = ""; all.textContent = T.html_all_districts;
    var per = {};
    gaps.forEach(function (f) { var k = districtKey(f.properties); per[k] = (per[k] || 0) + 1; });
    D.districts.slice().sort(function (a, b) { return a.order - b.order; })  /* Vietnamese order, from Python */
      .forEach(function (d) {
        var o = el("option", "", districtSelect); o.value = d.code || d.name;
        o.textContent = d.display + " (" + (per[d.code || d.name] || 0) + ")";
      });
    L.DomEvent.on(districtSelect, "change", function () { chooseDistrict(districtSelect.value); });
  }
  gapList = el("ol", "cg-gaplist", body);
  gapList.setAttribute("aria-label", T.html_gaps);
  gapFeatures = gaps;
  renderGaps("");
  if (!gaps.length) { el("p", "cg-note", body).textContent = T.html_no_gaps; }
}
var gapFeatures = [], GAP_ROWS = 300;  /* national maps: the first rows of the province or district */
function renderGaps(key) {
  gapList.innerHTML = "";
  var shown = 0;
  gapFeatures.forEach(function (f) {
    var p = f.properties;
    if ((key && districtKey(p) !== key) || shown >= GAP_ROWS) { return; }
    shown += 1;
    var li = el("li", "", gapList), b = el("button", "cg-gap", li);
    li.setAttribute("data-district", districtKey(p));
    b.type = "button"; b.setAttribute("data-gso", p.gso_code);
    el("span", "cg-gap-rank", b).textContent = String(p.uncov_rank);
    var txt = el("span", "cg-gap-text", b);
    el("span", "cg-gap-name", txt).textContent = p.name;
    el("span", "cg-sub", txt).textContent = distName(p) + (p.uncov_reasons ? " · " + p.uncov_reasons : "");
    L.DomEvent.on(b, "click", function () { select(p.gso_code, { popup: true }); });
  });
}
function districtKey(p) { return p.dist_code || p.district; }
function chooseDistrict(key) {
  if (districtSelect && districtSelect.value !== key) { districtSelect.value = key; }
  if (gapList) { renderGaps(key); }
  if (!key) { fitProvince(true); return; }
  var b = L.latLngBounds([]);
  features.forEach(function (f) {
    if (districtKey(f.properties) === key && byCode[f.properties.gso_code]) { b.extend(byCode[f.properties.gso_code].getBounds()); }
  });
  if (b.isValid()) { map.fitBounds(b, fitOptions({ maxZoom: O.max_zoom })); }
}
