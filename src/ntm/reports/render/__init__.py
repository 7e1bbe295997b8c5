"""Renderers: one module per output format, all fed the same report structures."""
