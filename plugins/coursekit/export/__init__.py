"""Exporters: the course in other formats, for other platforms. Each uses the core, never an engine or another exporter."""
