"""Models of the followup app: built by a later issue. Imports point down only (see ARCHITECTURE.md)."""
