#!/usr/bin/env python3
"""Print what the extractor reads from each article: entities and event reports (for developing rules)."""
import argparse
from pathlib import Path

from kg.corpus import read_corpus
from kg.extract.pipeline import build_pipeline, extract


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--only", default="", help="substring of the article ids to show")
    ap.add_argument("--entities", action="store_true")
    args = ap.parse_args()
    nlp = build_pipeline()
    articles, problems = read_corpus(args.folder)
    for a in articles:
        if args.only not in a.id:
            continue
        rec = extract(a, nlp)
        print(f"=== {a.id} published={a.published} ref={a.reference.date} weak={a.reference.weak}")
        if args.entities:
            for e in rec.entities.values():
                print(f"  E {e.kind:12s} {e.key:28s} {e.label} {sorted(e.names)} rep={e.represents}")
        for i, r in enumerate(rec.events):
            print(f"  [{i}] {r.kind:15s} {r.date} weak={r.date_weak} loc={r.location} planned={r.planned} "
                  f"part_of={r.part_of} {r.participants} {r.label or ''}")
            print(f"       {r.evidence[:160]!r}")


if __name__ == "__main__":
    main()
