"""What the training questions do for questions other people write: the query adapter learned from dev
and from the training rounds other than the held one, added one at a time in number order, and the held
round's answerable questions searched (re-ranked hit@5 / MRR). Each round was written by other helpers, who
never saw an earlier round, about the same documents: the closest this project gets to the questions of
users about passages that training questions are about. Test is never read.

    .venv/bin/python -m eval.training_rounds --held 2
"""

import argparse
import sys

import numpy as np
import yaml

from assistant.core.config import Settings
from assistant.query_adapter import QueryAdapter
from assistant.service import build_assistant
from eval.fitting import as_asked
from eval.goldset import GOLD
from eval.train_query_adapter import RANKS, SHARES, Case, Searcher, case_of, figures, fit, ranks_of
from eval.training_set import load_training
from eval.tune_retrieval import stored_vectors


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--held", type=int, default=2, help="the round whose questions are searched")
    parser.add_argument("--rank", type=int, default=max(RANKS))
    parser.add_argument("--share", type=float, default=max(SHARES))
    args = parser.parse_args(argv)
    training = [q for q in load_training() if q["answerable"]]
    rounds = sorted({q["round"] for q in training})
    if args.held not in rounds:
        sys.exit(f"Ronde {args.held} bestaat niet; de trainingsvragen hebben rondes {rounds}.")
    assistant = build_assistant(Settings(query_adapter=0.0))  # e5's own vectors; the adapter is fitted here
    retriever = assistant.retriever
    snapshot, collection = retriever.reader.current()
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    # all of dev is asked, so that a follow-up is read with the question it follows; the answerable kept
    asked = {"dev": [q for q in gold if q.get("split") == "dev"]}
    asked |= {r: [q for q in training if q["round"] == r] for r in rounds}

    def cases(questions: list[dict]) -> list[Case]:
        pairs = as_asked(questions, snapshot.speller)
        made = (case_of(retriever, snapshot, q, text) for q, _read, text in pairs if q["answerable"])
        return [c for c in made if len(c.relevant)]

    found = {k: cases(v) for k, v in asked.items()}
    vectors = {k: assistant.embedder.embed_query([c.text for c in v]) for k, v in found.items()}
    matrix = stored_vectors(snapshot, collection)
    searcher = Searcher(retriever, assistant.reranker, snapshot, matrix)
    held = found[args.held]
    others = [r for r in rounds if r != args.held]
    passages = {int(p) for r in others for c in found[r] for p in c.relevant}
    pointed = {i for i, c in enumerate(held) if passages & set(c.relevant.tolist())}
    print(f"Round {args.held}: {len(held)} answerable questions with evidence in the index.")
    rest = [i for i in range(len(held)) if i not in pointed]
    print("| learned from | all | passages another round points at | passages no other round points at |")
    print("|---|---:|---:|---:|")
    for upto in range(-1, len(others) + 1):
        parts = [] if upto < 0 else ["dev", *others[:upto]]
        moved = vectors[args.held]
        if parts:
            down, up = fit(
                np.vstack([vectors[k] for k in parts]),
                [c.relevant for k in parts for c in found[k]],
                matrix,
                args.rank,
            )
            moved = QueryAdapter(assistant.embedder.model_id, down, up, 0.0).apply(moved, args.share)
        ranked = ranks_of(searcher, held, moved)
        label = " + ".join(f"round {k}" if k != "dev" else "dev" for k in parts) or "e5 alone"
        got = figures(ranked, {"all": list(range(len(held))), "pointed": sorted(pointed), "rest": rest})
        cells = (got[f"{g} reranked"] for g in ("all", "pointed", "rest"))
        shown = " | ".join(f"{c['hit@5']:.3f} / {c['mrr']:.3f} ({c['n']})" for c in cells)
        print(f"| {label} | {shown} |", flush=True)


if __name__ == "__main__":
    main()
