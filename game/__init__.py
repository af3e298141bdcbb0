"""Sail & Keel: a team simulation game about vision versus execution."""
