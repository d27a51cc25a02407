"""Developer tools: the Pyodide asset compiler and a local runner for the built help center."""
