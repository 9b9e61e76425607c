"""Ingestion: load -> clean -> chunk -> embed -> Chroma + Dutch keyword index."""
