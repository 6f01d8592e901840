"""Models of the internal_control app: built by a later issue. Imports point down only (see ARCHITECTURE.md)."""
