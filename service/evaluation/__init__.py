"""Evaluation tooling for `shien eval` and the benchmarks (not used when serving)."""
