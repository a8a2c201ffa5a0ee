#!/usr/bin/env python3
"""Typed entity mentions of `claimgraph extract` against CoNLL-2003 gold.

Each CoNLL document becomes one JSON Lines record (tokens joined by spaces, one
sentence per line), every record is analysed by each given binary, and the entity
mentions are scored conlleval-style (exact boundaries and type, micro P/R/F1):
PERSON -> PER, ORG -> ORG, GPE and LOC -> LOC. MISC is ignored on both sides: gold
MISC spans are not expected, and a predicted mention that is exactly a gold MISC span
(a demonym such as "German") is neither right nor wrong.

  scripts/conll_entities.py --binary build/claimgraph [--binary other/claimgraph ...]
      [--data /work/shared/data/conll2003/eng.testa.iob2.txt] [--errors N]

Give two binaries (say, one without the recogniser merge and one with it) to compare.
Mind that eng.testa is the development set the recogniser (models/ner) was tuned on, so
figures with the recogniser are somewhat optimistic there. Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter

TYPE_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}


def read_conll(path):
    """Documents as (text, gold spans, MISC spans); spans are (start, end, type)."""
    docs = []
    text, gold, misc = [], [], []
    state = {"len": 0, "open": None}

    def close():
        if state["open"]:
            start, typ = state["open"]
            (misc if typ == "MISC" else gold).append((start, state["len"], typ))
        state["open"] = None

    def flush():
        close()
        if text:
            docs.append(("".join(text), list(gold), set(misc)))
        text.clear(), gold.clear(), misc.clear()
        state["len"] = 0

    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.split()
            if not cols:
                close()
                if text and not text[-1].endswith("\n"):
                    text.append("\n")
                    state["len"] += 1
                continue
            if cols[0] == "-DOCSTART-":
                flush()
                continue
            word, tag = cols[0], cols[-1]
            if tag == "O" or tag.startswith("B-") or (state["open"] and tag[2:] != state["open"][1]):
                close()
            if text and not text[-1].endswith("\n"):
                text.append(" ")
                state["len"] += 1
            if tag != "O" and state["open"] is None:
                state["open"] = (state["len"], tag[2:])
            text.append(word)
            state["len"] += len(word)
    flush()
    return docs


def run(binary, docs):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "conll.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for i, (text, _, _) in enumerate(docs):
                f.write(json.dumps({"id": f"doc{i}", "text": text, "published": "1996-08-30"}) + "\n")
        started = time.perf_counter()
        out = subprocess.run([binary, "extract", "--format", "json", path], capture_output=True, text=True)
        seconds = time.perf_counter() - started
    if out.returncode != 0:
        sys.exit(f"{binary} failed ({out.returncode}): {out.stderr.strip()}")
    results = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    if len(results) != len(docs):
        sys.exit(f"{binary}: {len(results)} documents out for {len(docs)} in")
    return results, seconds


def score(docs, results, errors):
    tally = {t: Counter() for t in ("PER", "ORG", "LOC")}
    spans = Counter()
    shown = 0
    for (text, gold, misc), result in zip(docs, results):
        g = set(gold)
        p = set()
        for e in result.get("entities", []):
            typ = TYPE_MAP.get(e.get("type"))
            if not typ:
                continue
            for m in e.get("mentions", []):
                key = (m["start"], m["end"])
                if any(key == (s, t) for s, t, _ in misc):
                    continue
                p.add((m["start"], m["end"], typ))
        for x in p:
            tally[x[2]]["tp" if x in g else "fp"] += 1
            if x not in g and shown < errors:
                print(f"  FP {x[2]:3} {text[x[0]:x[1]]!r}")
                shown += 1
        for x in g - p:
            tally[x[2]]["fn"] += 1
            if shown < errors:
                print(f"  FN {x[2]:3} {text[x[0]:x[1]]!r}")
                shown += 1
        gs, ps = {x[:2] for x in g}, {x[:2] for x in p}
        spans["tp"] += len(gs & ps)
        spans["fp"] += len(ps - gs)
        spans["fn"] += len(gs - ps)
    return tally, spans


def prf(c):
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", action="append", required=True, help="claimgraph binary (repeatable)")
    ap.add_argument("--data", default="/work/shared/data/conll2003/eng.testa.iob2.txt")
    ap.add_argument("--errors", type=int, default=0, help="print up to N wrong mentions per binary")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON as well")
    args = ap.parse_args()
    docs = read_conll(args.data)
    words = sum(len(t.split()) for t, _, _ in docs)
    figures = {}
    for binary in args.binary:
        results, seconds = run(binary, docs)
        print(f"{binary}: {len(docs)} documents, {words} words, {seconds:.1f} s ({words / seconds:,.0f} words/s, "
              f"model loading included)")
        tally, spans = score(docs, results, args.errors)
        total = sum(tally.values(), Counter())
        rows = {"typed": prf(total), "spans": prf(spans)}
        rows.update({t: prf(c) for t, c in tally.items()})
        for name, (p, r, f) in rows.items():
            print(f"  {name:6} P {p:.4f}  R {r:.4f}  F1 {f:.4f}")
        figures[binary] = {k: {"p": v[0], "r": v[1], "f1": v[2]} for k, v in rows.items()}
        figures[binary]["seconds"] = seconds
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
