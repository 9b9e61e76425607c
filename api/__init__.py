"""The FastAPI app: JSON and streaming endpoints and the Dutch web UI."""
