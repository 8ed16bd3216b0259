"""Data shipped with camau-gis: code corrections, aliases, criteria, fields, example register."""

from pathlib import Path

#: The folder of the shipped data files (the one place that knows where they are).
FOLDER: Path = Path(__file__).resolve().parent
