"""The help center's server: the built site with its security headers and nginx's config (web),
votes (votes), search insights (insights) and the staff dashboard (dashboard), over one
database layer (db)."""
