"""The server's former name, kept for one release: `python -m feedback_service …` runs
`python -m helpcenter_server …`. Use `helpcenter_server`; this alias goes in the next release."""
