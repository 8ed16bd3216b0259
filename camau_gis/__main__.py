"""``python -m camau_gis`` runs the command-line interface."""

from camau_gis.cli import run

run()
