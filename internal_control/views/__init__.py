"""Internal control's pages, one module per part: categories (the region's lists), the
matrix, the risk analysis, controls and results, the heat maps and the Excel files."""
