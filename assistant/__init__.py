"""The assistant library: retrieval, grounded answers, vacancy drafts, personas. No web code here."""
