"""Systematic work-environment management (SAM): the yearly cycle, safety rounds, risk
assessments, action plans and incident reports come with their issue. Imports point down only
(docs/architecture.md)."""
