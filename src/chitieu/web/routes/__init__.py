"""Routers by topic; each route parses input, calls one service, renders the result."""
