"""Answers: what a question asks, composition from the catalogue, verification, the Answer model."""
