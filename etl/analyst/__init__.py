"""What analysts use on top of the warehouse: layered views, full-text search, the daily
briefing page and exports for people who have only DuckDB."""
