/* camau-gis coverage map. Runs inside `(function (map) { ... })(leafletMap)`.
   Every layer is built from the one JSON payload; register text is escaped by esc(). */
"use strict";
var T0 = performance.now(), timings = {};
timings.start = Math.round(T0);  /* ms since navigation start: when this script began */
function mark(name) { timings[name] = Math.round(performance.now() - T0); }
var D = JSON.parse(document.getElementById("camau-gis-data").textContent);
mark("parse");
var T = D.labels, O = D.options, C = O.colors;
/* Canvas maps (large layers) draw the communes and their outlines straight from typed arrays
   (one path per fill colour, no Leaflet object per commune); SVG maps use one L.Polygon each. */
var CANVAS = !!O.canvas;
var geo = null;  /* flat commune geometry: see makeGeo() */
if (D.communes.type === "CompactFeatureCollection") { D.communes = decodeCompact(D.communes); }
var features = D.communes.features;
if (!geo) { geo = geoFromFeatures(features); }  /* the border runs index its rings */
mark("decode");
