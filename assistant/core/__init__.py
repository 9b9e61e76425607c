"""What every part stands on: settings, errors, embeddings, vector store, index, Dutch text, the quote
check, redaction."""
