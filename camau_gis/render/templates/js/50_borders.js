/* ------------------------------------------------------------ district borders and province outline */
/* Computed in Python (_geometry.border_runs): runs of the communes' ring vertices; a segment
   used by one commune is the province outline, by communes of two districts a district border. */
mark("communes");
var provinceLine, districtLayer;
if (CANVAS) {
  var borders = D.communes.borders;
  var outerL = runLines(borders.outer), innerL = runLines(borders.inner);
  provinceLine = new LinesItem(outerL[0], outerL[1], outerL[2], { color: C.province, weight: 2 }).addTo(map);
  districtLayer = L.layerGroup([new LinesItem(innerL[0], innerL[1], innerL[2],
    { color: C.district, weight: O.district_weight })]);
} else {
  var lineRenderer = L.svg();
  provinceLine = new LinesPath(runVertices(D.communes.borders.outer), { color: C.province, weight: 2,
    interactive: false, renderer: lineRenderer, className: "cg-province", noClip: NO_CLIP }).addTo(map);
  districtLayer = L.layerGroup([
    new LinesPath(runVertices(D.communes.borders.inner), { color: C.district, weight: O.district_weight,
      interactive: false, renderer: lineRenderer, className: "cg-district-line", noClip: NO_CLIP })
  ]);
}
mark("mesh");
