"""Data shipped with camau-gis: code corrections, aliases, criteria, fields, example register."""
