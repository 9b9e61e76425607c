"""The dense search is as wide as the product needs on every index, old or new: a real Chroma on disk."""

from pathlib import Path

from assistant.core.config import Settings
from assistant.core.vector_store import EF_SEARCH, connect, create_collection, get_collection


def test_new_collections_search_wide_and_old_ones_are_widened(tmp_path: Path) -> None:
    client = connect(Settings(data_dir=tmp_path))
    assert create_collection(client, "nieuw").configuration["hnsw"]["ef_search"] == EF_SEARCH
    # an index made before the setting: Chroma's default width
    client.create_collection("oud", embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
    assert client.get_collection("oud").configuration["hnsw"]["ef_search"] != EF_SEARCH
    assert get_collection(client, "oud").configuration["hnsw"]["ef_search"] == EF_SEARCH
    # the change is stored: another client sees it
    again = connect(Settings(data_dir=tmp_path))
    assert again.get_collection("oud").configuration["hnsw"]["ef_search"] == EF_SEARCH
    assert again.get_collection("oud").configuration["hnsw"]["space"] == "cosine"
