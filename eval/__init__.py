"""Evaluation and benchmark scripts for the HR assistant."""
