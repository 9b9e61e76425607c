"""The query adapter of the dense side (assistant/query_adapter.py), trained on the dev split.

Each answerable dev question's e5 vector, as the product searches it (typing errors put right, a follow-up
rewritten), and the passages holding its gold evidence; besides them the training questions of
eval/training/ (written from the documents, never scored), which join every fold's training except those
about a sentence the fold measures. A low-rank correction of the question vector is
trained with a contrastive loss over every passage of the index. Out of fold (the five dev folds of the
other models) a small grid of ranks and shares is measured, at the first stage and after re-ranking, for
all answerable questions, the other writers', the English ones, and the "unseen" ones: questions whose
evidence passages no question of the training folds pointed at, which tell whether the adapter merely
learned where the gold answers lie. The setting chosen is the best one that loses at most one unseen
question after re-ranking. The test split is never read.

    python -m eval.train_query_adapter            # the grid, then train on all dev and write the adapter
    python -m eval.train_query_adapter --dry-run  # the grid only; writes nothing
"""

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import numpy as np
import yaml

from assistant.core.config import Settings
from assistant.core.sentences import split_sentences
from assistant.core.snapshot import Snapshot
from assistant.query import analyse_query
from assistant.query_adapter import ADAPTER_PATH, QueryAdapter, save_query_adapter
from assistant.rerank import Reranker
from assistant.retrieval import Retrieval, Retriever
from assistant.service import build_assistant
from eval.fitting import as_asked, dev_folds
from eval.goldset import GOLD
from eval.metrics import _letters, first_relevant_rank, is_relevant
from eval.training_set import load_training
from eval.tune_retrieval import dense_from, stored_vectors

REPORT = Path(__file__).parent / "query_adapter.md"
# Each dev question's adapter trained without its fold: the other training scripts retrieve with these,
# so the models they train never see retrieval that learned the answer (eval/train_sentence_model.py).
FOLDS_PATH = Path(__file__).parent / "query_adapter_folds.npz"
RANKS = (32, 64)
SHARES = (0.3, 0.5)
# On the adapter's weights: a larger correction learns the dev passages, not the wording. 0.03 with the
# dev questions alone; with the training questions (eval/training/) over every part of the corpus, dev
# out of fold at rank 32 / 64, share 0.5: 0.03 -> 0.789 / 0.599, 0.01 -> 0.792 / 0.616 and 0.796 / 0.608,
# 0.003 -> 0.785 / 0.610 and 0.796 / 0.619, the questions no dev question of the training folds points at
# best at 0.01.
PENALTY = 0.01
TEMPERATURE = 0.05
STEPS = 300
POOL = 12  # first-stage passages measured and re-ranked
DENSE_WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)


@dataclass
class Case:
    gold: dict
    text: str  # as searched
    keyword: np.ndarray  # BM25 of every passage
    relevant: np.ndarray  # positions of the passages holding the evidence


def fit(
    vectors: np.ndarray, relevant: list[np.ndarray], candidates: np.ndarray | list[np.ndarray], rank: int
) -> tuple[np.ndarray, np.ndarray]:
    """(down, up) minimising the cross-entropy of each question's relevant candidates among its candidates:
    one matrix for all questions (every passage of the index), or one per question (the sentences an
    answer read for it); `relevant` holds row positions in them."""
    import torch  # only here: once imported, torch's OpenMP slows every e5 embedding of the process

    torch.manual_seed(0)
    shared = isinstance(candidates, np.ndarray)
    rows = [candidates] * len(vectors) if shared else candidates
    width = max(len(r) for r in rows)
    positive = torch.zeros(len(vectors), width, dtype=torch.bool)
    present = torch.zeros(len(vectors), width, dtype=torch.bool)
    for row, (positions, matrix) in enumerate(zip(relevant, rows, strict=True)):
        positive[row, positions] = True
        present[row, : len(matrix)] = True
    if shared:
        matrix = torch.tensor(candidates)
    else:  # padded to the longest list; the padding is masked out of the softmax
        matrix = torch.zeros(len(vectors), width, candidates[0].shape[1])
        for row, sentences in enumerate(candidates):
            matrix[row, : len(sentences)] = torch.tensor(sentences)
    dims = matrix.shape[-1]
    up = torch.zeros(dims, rank, requires_grad=True)
    down = (0.01 * torch.randn(dims, rank)).requires_grad_()
    optimiser = torch.optim.Adam([up, down], lr=0.01)
    query = torch.tensor(vectors)
    for _ in range(STEPS):
        moved = torch.nn.functional.normalize(query + (query @ down) @ up.T, dim=1)
        logits = (moved @ matrix.T if shared else torch.einsum("nd,nmd->nm", moved, matrix)) / TEMPERATURE
        logits = logits.masked_fill(~present, -1e9)
        evidence = torch.logsumexp(logits.masked_fill(~positive, -1e9), dim=1)
        loss = (torch.logsumexp(logits, dim=1) - evidence).mean() + PENALTY * (
            (up**2).sum() + (down**2).sum()
        )
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    return down.detach().numpy(), up.detach().numpy()


def case_of(retriever: Retriever, snapshot: Snapshot, q: dict, text: str) -> Case:
    relevant = [i for i, chunk in enumerate(snapshot.chunks) if is_relevant(chunk, q["evidence"])]
    keyword = retriever.keyword_scores(snapshot, analyse_query(text))
    return Case(q, text, keyword, np.array(relevant, dtype=int))


_MIN_SENTENCE_LETTERS = 20  # a shared sentence shorter than this ("Ja.") says nothing about the answer


@cache  # every training question is compared with the same evidence texts, fold after fold
def _pieces(text: str) -> tuple[str, tuple[str, ...]]:
    """An evidence text in letters only, whole and as its sentences."""
    parts = [_letters(s.text) for s in split_sentences(text)]
    return _letters(text), tuple(p for p in parts if len(p) >= _MIN_SENTENCE_LETTERS)


def shares_evidence(question: dict, measured: list[str]) -> bool:
    """The question's evidence and one of the `measured` evidence texts share a sentence: one lies within
    the other (letters only), or a sentence of one lies within the other."""
    own = [_pieces(e["text"]) for e in question["evidence"]]
    other = [_pieces(text) for text in measured]
    return any(
        a in b or b in a or any(p in b for p in a_parts) or any(p in a for p in b_parts)
        for a, a_parts in own
        for b, b_parts in other
    )


def evidence_of(cases: list, held: list[int] | np.ndarray) -> list[str]:
    """The evidence texts of the cases a fold holds (anything with a `gold` question)."""
    return [e["text"] for i in held for e in cases[int(i)].gold.get("evidence") or []]


def apart_from(extra: list, cases: list, held: list[int] | np.ndarray) -> list:
    """The `extra` (training) cases about no sentence of the evidence the `held` cases measure: what a
    fold holding them may learn from."""
    measured = evidence_of(cases, held)
    return [e for e in extra if not shares_evidence(e.gold, measured)]


@dataclass
class Searcher:
    """The product's first stage on cached BM25 scores and a given question vector, and its re-ranker."""

    retriever: Retriever
    reranker: Reranker | None
    snapshot: Snapshot
    matrix: np.ndarray  # every passage's vector


def ranks_of(
    searcher: Searcher, cases: list[Case], vectors: np.ndarray
) -> list[tuple[int | None, int | None]]:
    """Rank of the first evidence passage at the first stage and after re-ranking, per question."""
    retriever, reranker, snapshot, matrix = (
        searcher.retriever,
        searcher.reranker,
        searcher.snapshot,
        searcher.matrix,
    )
    allowed = np.ones(len(snapshot.chunks), dtype=bool)
    out = []
    for case, vector in zip(cases, vectors, strict=True):
        query = analyse_query(case.text)
        scores = retriever.rank(snapshot, query, case.keyword, dense_from(matrix, vector), allowed)
        passages = retriever._select(
            snapshot, retriever.typed(snapshot, query, scores, allowed), allowed, POOL
        )
        evidence = case.gold["evidence"]
        reranked = (
            reranker.rerank(case.text, Retrieval(query, passages, snapshot)).passages if reranker else []
        )
        out.append((first_relevant_rank(passages, evidence), first_relevant_rank(reranked, evidence)))
    return out


def figures(ranked: list[tuple], groups: dict[str, list[int]]) -> dict[str, dict[str, float]]:
    out = {}
    for name, members in groups.items():
        for stage, label in ((0, "first"), (1, "reranked")):
            got = [ranked[i][stage] for i in members]
            out[f"{name} {label}"] = {
                "n": len(got),
                "hit@5": round(sum(r is not None and r <= 5 for r in got) / max(len(got), 1), 3),
                "mrr": round(sum(1 / r for r in got if r) / max(len(got), 1), 3),
            }
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="report dev figures, write nothing")
    args = parser.parse_args(argv)
    settings = Settings(query_adapter=0.0)  # the vectors as e5 gives them; the adapter is what is trained
    assistant = build_assistant(settings)
    retriever = assistant.retriever
    snapshot, collection = retriever.reader.current()
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    dev = [q for q in gold if q.get("split") == "dev"]
    if not dev:
        sys.exit("Geen dev-vragen in eval/gold/questions.yaml (veld split: dev).")
    cases, dev_index = [], {}
    for n, (q, _read, text) in enumerate(as_asked(dev, snapshot.speller)):
        if q["answerable"]:
            dev_index[n] = len(cases)
            cases.append(case_of(retriever, snapshot, q, text))
    # the training questions join every fold's training, never its measuring
    extra = [
        case
        for q, _read, text in as_asked([q for q in load_training() if q["answerable"]], snapshot.speller)
        if len((case := case_of(retriever, snapshot, q, text)).relevant)
    ]
    print(
        f"[adapter] {len(cases)} answerable dev questions, {len(extra)} training questions",
        file=sys.stderr,
        flush=True,
    )
    vectors = assistant.embedder.embed_query([c.text for c in cases])
    extra_vectors = assistant.embedder.embed_query([c.text for c in extra]) if extra else vectors[:0]
    matrix = stored_vectors(snapshot, collection)
    model_id = assistant.embedder.model_id

    # the folds of the other models (stratified over all dev questions), their answerable questions
    labels = np.array([bool(q["answerable"]) for q in dev])
    folds = [
        ([dev_index[i] for i in train if i in dev_index], [dev_index[i] for i in held if i in dev_index])
        for train, held in dev_folds(labels)
    ]
    # not a training question about a sentence a fold measures: that would be its answer
    measured_in = [evidence_of(cases, held) for _, held in folds]
    joined_in = [
        [n for n, c in enumerate(extra) if not shares_evidence(c.gold, measured)] for measured in measured_in
    ]
    unseen = []
    for (train, held), joined in zip(folds, joined_in, strict=True):
        seen = {int(p) for i in train for p in cases[i].relevant} | {
            int(p) for n in joined for p in extra[n].relevant
        }
        unseen += [i for i in held if len(cases[i].relevant) and not seen & set(cases[i].relevant.tolist())]
    groups = {
        "all": list(range(len(cases))),
        "other writers": [i for i, c in enumerate(cases) if c.gold.get("writer") == "other"],
        "English": [i for i, c in enumerate(cases) if c.gold.get("language") == "en"],
        "unseen": sorted(unseen),
    }
    searcher = Searcher(retriever, assistant.reranker, snapshot, matrix)
    rows = [{"rank": 0, "share": 0.0} | figures(ranks_of(searcher, cases, vectors), groups)]
    moved_by = {(0, 0.0): vectors}
    fold_fits: dict[int, list[tuple[np.ndarray, np.ndarray]]] = {}
    for rank in RANKS:
        adapters = {}
        for (train, held), joined in zip(folds, joined_in, strict=True):
            trainable = [i for i in train if len(cases[i].relevant)]
            down, up = fit(
                np.vstack([vectors[trainable], extra_vectors[joined]]),
                [*(cases[i].relevant for i in trainable), *(extra[n].relevant for n in joined)],
                matrix,
                rank,
            )
            adapters.update({i: QueryAdapter(model_id, down, up, 0.0) for i in held})
            fold_fits.setdefault(rank, []).append((down, up))
        for share in SHARES:
            moved = np.stack([adapters[i].apply(vectors[i : i + 1], share)[0] for i in range(len(cases))])
            moved_by[rank, share] = moved
            ranked = ranks_of(searcher, cases, moved)
            rows.append({"rank": rank, "share": share} | figures(ranked, groups))
            print(f"[adapter] rank {rank} share {share}: {rows[-1]['all reranked']}", file=sys.stderr)
    # one unseen question either way is noise; more would mean it learned the answers' places
    floor = rows[0]["unseen reranked"]["hit@5"] - 1.0 / max(len(unseen), 1) - 1e-9
    eligible = [r for r in rows[1:] if r["unseen reranked"]["hit@5"] >= floor]
    best = max(eligible, key=lambda r: r["all reranked"]["hit@5"] + r["all reranked"]["mrr"], default=None)
    # the adapter makes the dense side stronger: the fusion weight is measured again with it, out of fold
    weights = []
    for key in {(0, 0.0), (best["rank"], best["share"]) if best else (0, 0.0)}:
        for weight in DENSE_WEIGHTS:
            moved = Searcher(replace(retriever, dense_weight=weight), assistant.reranker, snapshot, matrix)
            ranked = ranks_of(moved, cases, moved_by[key])
            weights.append(
                {"rank": key[0], "share": key[1], "dense weight": weight} | figures(ranked, groups)
            )
    text = render(rows, best, len(cases), weights, retriever.dense_weight)
    print(text)
    if args.dry_run:
        return
    REPORT.write_text(text, encoding="utf-8")
    if best is None:
        ADAPTER_PATH.unlink(missing_ok=True)
        print("[adapter] no setting keeps the unseen questions: no adapter written", file=sys.stderr)
        return
    trainable = [i for i in range(len(cases)) if len(cases[i].relevant)]
    down, up = fit(
        np.vstack([vectors[trainable], extra_vectors]),
        [*(cases[i].relevant for i in trainable), *(c.relevant for c in extra)],
        matrix,
        best["rank"],
    )
    save_query_adapter(QueryAdapter(model_id, down, up, best["share"]))
    fold_of = {str(dev[n]["id"]): f for f, (_, held) in enumerate(dev_folds(labels)) for n in held}
    save_fold_adapters(model_id, fold_fits[best["rank"]], fold_of, best["share"])
    print(f"[adapter] wrote {ADAPTER_PATH} (rank {best['rank']}, share {best['share']})", file=sys.stderr)


def save_fold_adapters(
    model_id: str, fits: list[tuple[np.ndarray, np.ndarray]], fold_of: dict[str, int], share: float
) -> None:
    ids = sorted(fold_of)
    np.savez_compressed(
        FOLDS_PATH,
        model_id=np.array(model_id),
        down=np.stack([d for d, _ in fits]),
        up=np.stack([u for _, u in fits]),
        ids=np.array(ids),
        fold=np.array([fold_of[i] for i in ids]),
        share=np.array(share),
    )


def fold_retrievers(retriever: Retriever) -> Callable[[dict], Retriever]:
    """Each dev question's retriever, with the query adapter of its fold: one trained without it. A
    question the folds do not know (or no fold file for this model) gets the retriever as it is."""
    if not FOLDS_PATH.exists():
        return lambda _q: retriever
    with np.load(FOLDS_PATH) as stored:
        if str(stored["model_id"]) != retriever.embedder.model_id:
            return lambda _q: retriever
        share = float(stored["share"])
        by_fold = [
            replace(retriever, adapter=QueryAdapter(str(stored["model_id"]), d, u, share))
            for d, u in zip(stored["down"], stored["up"], strict=True)
        ]
        fold_of = dict(zip(stored["ids"].tolist(), stored["fold"].tolist(), strict=True))
    return lambda q: by_fold[fold_of[q["id"]]] if q["id"] in fold_of else retriever


def _table(rows: list[dict], keys: tuple[str, ...]) -> list[str]:
    scopes = [k for k in rows[0] if k not in keys]
    lines = [
        "| " + " | ".join(keys) + " | " + " | ".join(f"{s} hit@5 / MRR" for s in scopes) + " |",
        "|" + "---:|" * (len(keys) + len(scopes)),
    ]
    for row in rows:
        cells = [str(row[k]) for k in keys] + [f"{row[s]['hit@5']:.3f} / {row[s]['mrr']:.3f}" for s in scopes]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render(rows: list[dict], best: dict | None, questions: int, weights: list[dict], weight: float) -> str:
    scopes = [k for k in rows[0] if k not in ("rank", "share")]
    lines = [
        "# Query adapter, dev out of fold",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {questions} answerable dev questions, written by "
        "`python -m eval.train_query_adapter`. Each question is searched with an adapter trained on the "
        'other four folds; re-ranking uses the shipped passage model. Rank 0 is e5 alone. "unseen": '
        "questions whose evidence passages no question of the training folds pointed at.",
        "",
        *_table(rows, ("rank", "share")),
    ]
    counts = ", ".join(f"{s.rsplit(' ', 1)[0]} {rows[0][s]['n']}" for s in scopes[::2])
    lines += ["", f"Questions: {counts}.", ""]
    chosen = (
        f"rank {best['rank']}, share {best['share']}"
        if best
        else "none (every setting lost more than one unseen question)"
    )
    lines.append(
        f"Chosen (best re-ranked hit@5 + MRR among settings losing at most one unseen question): {chosen}."
    )
    lines += [
        "",
        f"## Dense weight of the hybrid search (the product's: {weight}), with and without the adapter",
        "",
        *_table(
            sorted(weights, key=lambda r: (r["rank"], r["dense weight"])), ("rank", "share", "dense weight")
        ),
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
