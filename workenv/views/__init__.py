"""SAM's views, one module per part; thin: rules in workenv/rules_*.py, permissions through
regionplan.permissions."""
