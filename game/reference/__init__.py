"""Management's reference modes, played through real games (see docs/model.md)."""
