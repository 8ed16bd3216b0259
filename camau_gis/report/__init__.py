"""Reports: Word and HTML documents for report writers."""
