"""Search: dense and keyword retrieval fused, with language detection and the glossary."""
