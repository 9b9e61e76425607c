"""The assistant as one object: built once (model, index reader, stores) and used by the API and eval."""

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from langchain_core.language_models import BaseChatModel

from assistant.answer import Answer, AnswerEngine
from assistant.conversations import ConversationStore
from assistant.core.config import Settings
from assistant.core.embeddings import Embedder, make_embedder
from assistant.core.errors import InvalidInputError, NotFoundError
from assistant.core.snapshot import DocumentRecord, Snapshot
from assistant.llm import LLMUnavailable, generate_answer, make_chat_model
from assistant.query import read_question, rewrite_follow_up, without_closing_remark
from assistant.rerank import Reranker
from assistant.retrieval import Filters, IndexReader, Mode, Passage, Retriever
from assistant.sentence_vectors import SentenceVectors

MAX_QUESTION_CHARS = 2000


@dataclass
class Assistant:
    settings: Settings
    embedder: Embedder
    retriever: Retriever
    conversations: ConversationStore
    chat_model: BaseChatModel | None = None
    answerer: AnswerEngine | None = None
    reranker: Reranker | None = None  # None: built from the answer engine's passage model

    def __post_init__(self) -> None:
        # The answer engine scores sentences with the assistant's own embedder.
        self.answerer = self.answerer or AnswerEngine(vectors=SentenceVectors(self.embedder))
        passage_model = self.answerer.model.passage
        if self.reranker is None and passage_model is not None and self.settings.rerank_pool:
            settings = self.settings
            self.reranker = Reranker(
                passage_model, self.answerer.lexicon, settings.rerank_weight, settings.rerank_pool
            )

    def search(
        self, query: str, k: int = 8, filters: Filters | None = None, mode: Mode = "hybrid"
    ) -> list[Passage]:
        """The k passages that best match a question or keywords."""
        _check_question(query)
        if mode != "hybrid" or self.reranker is None:
            return self.retriever.search(query, k, filters, mode)
        # a hybrid search re-ranks its first `rerank_pool` passages by their best sentence
        return self.reranker.retrieve(self.retriever, query, k, filters).passages

    def ask(
        self,
        question: str,
        conversation_id: str | None = None,
        filters: Filters | None = None,
        *,
        remember: bool = True,
    ) -> Answer:
        """A grounded, cited answer; follow-ups are read in the light of the conversation's earlier turns."""
        _check_question(question)
        previous: list[str] = []
        if conversation_id:
            previous = [t.rewritten for t in self.conversations.get(conversation_id).turns]
        read, corrections = (
            read_question(self.snapshot().speller, question)
            if self.settings.correct_spelling
            else (question, [])
        )
        rewritten = rewrite_follow_up(without_closing_remark(read), previous)
        # The first stage's passages: the engine judges their sentences itself, and on dev the re-ranked
        # ones made it refuse fewer unanswerable questions (out of fold 72 -> 61 %).
        found = self.retriever.retrieve(rewritten, self.settings.answer_passages, filters)
        idf = found.snapshot.keyword.idf(found.query.answer_terms)
        answer = self._answer(read, rewritten, found.query, found.passages, idf)
        answer.question = question
        answer.read_as = read if corrections else None
        if remember:
            conversation_id = conversation_id or self.conversations.create(question)
            self.conversations.add_turn(conversation_id, question, rewritten, answer.model_dump(mode="json"))
            answer.conversation_id = conversation_id
        return answer

    def snapshot(self) -> Snapshot:
        """The index generation now served (IndexNotReadyError when there is none)."""
        snapshot, _ = self.retriever.reader.current()
        return snapshot

    def documents(self) -> list[DocumentRecord]:
        """The documents of the index generation now served, by title."""
        snapshot = self.snapshot()
        return sorted(snapshot.documents.values(), key=lambda d: d.title.lower())

    def document(self, document_id: str) -> DocumentRecord:
        snapshot = self.snapshot()
        document = snapshot.documents.get(document_id)
        if document is None:
            raise NotFoundError(f"Document {document_id!r} bestaat niet.")
        return document

    def is_core(self, document: DocumentRecord) -> bool:
        """One of the documents shipped in the corpus folder (not an upload)."""
        return Path(document.source_path).is_relative_to(self.settings.corpus_dir.resolve())

    def _answer(self, question: str, rewritten: str, query, passages, idf) -> Answer:
        """The LLM when one is configured, checked against the sources; the extractive engine otherwise
        or when the LLM fails."""
        extractive = partial(
            self.answerer.compose, question, rewritten, query, passages, idf, self.settings.abstain_below
        )
        if self.chat_model is None:
            return extractive()
        try:
            return generate_answer(self.chat_model, question, rewritten, query, passages)
        except LLMUnavailable as exc:
            answer = extractive()
            answer.notice = f"Standaardantwoord uit de documenten: {exc}."
            return answer


def _check_question(text: str) -> None:
    if not text or not text.strip():
        raise InvalidInputError("De vraag is leeg: typ een vraag.")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidInputError(f"De vraag is te lang ({len(text)} tekens, maximaal {MAX_QUESTION_CHARS}).")


def build_assistant(
    settings: Settings, embedder: Embedder | None = None, chat_model: BaseChatModel | None = None
) -> Assistant:
    """Wire the components once; the model loads lazily on first use. Tests pass a `FakeEmbedder` and a
    LangChain fake chat model; without them the configured ones are used."""
    embedder = embedder or make_embedder(settings)
    retriever = Retriever(settings, embedder, IndexReader(settings))
    conversations = ConversationStore(settings.data_dir / "conversations.sqlite")
    chat_model = chat_model if chat_model is not None else make_chat_model(settings)
    return Assistant(settings, embedder, retriever, conversations, chat_model)
