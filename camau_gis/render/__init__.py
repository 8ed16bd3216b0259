"""Renderers: interactive Folium HTML maps and static matplotlib images."""
