"""The service directory: opening hours (hours), filters (filters), open data (oruk)."""
