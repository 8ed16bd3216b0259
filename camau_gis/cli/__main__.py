"""``python -m camau_gis.cli`` runs the command-line interface (as ``camau-gis``)."""

from camau_gis.cli import run

run()
