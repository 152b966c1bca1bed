"""Thin adapters that wire the core into a site engine: events in, core calls out, nothing else."""
