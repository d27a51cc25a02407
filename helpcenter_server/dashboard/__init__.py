"""The staff dashboard at /admin/: feedback per article and language, and search insights."""
