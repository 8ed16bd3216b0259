"""Reading inputs: boundary files, upstream downloads and registers, as they are."""
