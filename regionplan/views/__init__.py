"""Views of the core. Thin: fetch in the region's scope, ask `permissions`, call a service."""
