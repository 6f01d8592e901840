"""Models of the reports app: built by a later issue. Imports point down only (see ARCHITECTURE.md)."""
