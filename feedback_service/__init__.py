"""The help center's server: the built site plus the feedback API."""
