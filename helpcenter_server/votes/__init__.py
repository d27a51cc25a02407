"""Readers' votes: the API, their validation, their store and the one aggregation of them."""
