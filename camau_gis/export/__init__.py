"""Export stage: every file writer of the package (tables, XLSX, GeoPackage, crosswalk outputs).

Renderers make maps; this stage writes analysis results to files, atomically
(:mod:`camau_gis._atomic`). ``cli`` and ``crosswalk`` write nothing themselves.
"""
