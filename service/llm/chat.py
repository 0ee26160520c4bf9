"""The optional chat model, built with LangChain: an OpenAI-compatible endpoint, Ollama,
or a GGUF file served in-process by llama.cpp (xllamacpp) and reached the OpenAI way."""

from __future__ import annotations

import logging
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from langchain_core.language_models import BaseChatModel

from service.settings import Settings

log = logging.getLogger(__name__)


class LLMConfigError(ValueError):
    """The LLM settings cannot work; the message says which setting to fix."""


class LocalLlamaServer:
    """llama.cpp's OpenAI-compatible server for a GGUF file, in this process, on 127.0.0.1.

    One thread and one generation at a time: on 2 cores more of either collapses throughput.
    """

    def __init__(self, model_path: str, context: int = 4096) -> None:
        import xllamacpp

        params = xllamacpp.CommonParams()
        params.model.path = model_path
        params.n_ctx = context
        params.n_parallel = 1
        params.cpuparams.n_threads = 1
        params.cpuparams_batch.n_threads = 1
        params.port = 0  # a free port
        params.verbosity = -1  # llama.cpp logs to stdout otherwise, which would corrupt --json output
        self._server = xllamacpp.Server(params)
        self.base_url = str(self._server.listening_address).rstrip("/") + "/v1"


@dataclass
class ChatModel:
    """The configured chat model and how to reach it; `lock` serialises local generation."""

    model: BaseChatModel
    provider: str
    endpoint: str
    lock: threading.Lock | None = None

    def reachable(self, timeout: float = 3.0) -> tuple[bool, str]:
        """Whether the endpoint answers (GET its models list); the reason when it does not."""
        url = self.endpoint.rstrip("/") + ("/api/tags" if self.provider == "ollama" else "/models")
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                return response.status < 500, f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            return exc.code < 500, f"HTTP {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            return False, str(getattr(exc, "reason", exc))


_local_servers: dict[str, LocalLlamaServer] = {}
_local_lock = threading.Lock()


def _local_server(model_path: str) -> LocalLlamaServer:
    with _local_lock:
        if model_path not in _local_servers:
            _local_servers[model_path] = LocalLlamaServer(model_path)
        return _local_servers[model_path]


def make_chat_model(settings: Settings) -> ChatModel | None:
    """The chat model the settings name, or None for the default (no LLM)."""
    from langchain.chat_models import init_chat_model

    provider = settings.llm_provider
    if provider == "none":
        return None
    common: dict[str, Any] = {
        "temperature": settings.llm_temperature,
        "timeout": settings.llm_timeout_s,
        "max_retries": 0,
    }

    def openai_compatible(name: str, base_url: str, api_key: str) -> BaseChatModel:
        model: BaseChatModel = init_chat_model(
            name,
            model_provider="openai",
            base_url=base_url,
            api_key=api_key,
            max_tokens=settings.llm_max_tokens,
            **common,
        )
        return model

    if provider == "local":
        path = settings.llm_model_path
        if path is None or not path.is_file():
            raise LLMConfigError(f"SHIEN_LLM_MODEL_PATH must name a GGUF file (got {path})")
        server = _local_server(str(path))
        model = openai_compatible(settings.llm_model or "local", server.base_url, "local")
        return ChatModel(model, provider, server.base_url, threading.Lock())
    if provider == "openai":
        if not settings.llm_model:
            raise LLMConfigError("SHIEN_LLM_MODEL must name the model for the openai provider")
        base_url = settings.llm_base_url or "https://api.openai.com/v1"
        model = openai_compatible(settings.llm_model, base_url, settings.llm_api_key.get_secret_value() or "none")
        return ChatModel(model, provider, base_url)
    if provider == "ollama":
        if not settings.llm_model:
            raise LLMConfigError("SHIEN_LLM_MODEL must name the model for the ollama provider")
        base_url = settings.llm_base_url or "http://127.0.0.1:11434"
        model = init_chat_model(
            settings.llm_model,
            model_provider="ollama",
            base_url=base_url,
            temperature=settings.llm_temperature,
            num_predict=settings.llm_max_tokens,
        )
        return ChatModel(model, provider, base_url)
    raise LLMConfigError(f"unknown SHIEN_LLM_PROVIDER {provider!r}")
