"""Benchmarks of camau-gis against the geopandas baselines, at three scales.

Run ``python -m benchmarks.run`` (or ``--quick`` for Cà Mau only); see
``benchmarks/README.md``.
"""
