"""HTTP around the content: the built site's files, security headers, nginx's config, connection
limits, and the checks every JSON endpoint makes."""
