"""Turn what the files hold into the canonical tables (communes, register rows)."""
