#!/usr/bin/env python3
"""Per-class entity figures (PER, ORG, LOC) with score.py's own matching.

usage: by_class.py GOLD_DIR EXTRACT.jsonl

score.py prints only the totals. This walks the predictions exactly as it does (same name matching,
one prediction per gold entity, optional entities neither credited nor penalised) and splits them:
precision counts each prediction under the kind the extractor gave it, recall each required gold
entity under its gold class. Typed: the kind must equal the gold class; untyped: any kind.
Only aggregate figures are printed, so it is safe on held-out sets.
"""
import collections
import json
import os
import sys

from score import KIND, load_out, match

CLASSES = ("PER", "ORG", "LOC")


def ratio(a, b):
    return a / b if b else 0.0


def main(gold_dir, out_path):
    out = load_out(out_path)
    # [typed?][class] -> count; predictions by their kind, gold entities by their class
    pred_ok = {True: collections.Counter(), False: collections.Counter()}
    pred_n = collections.Counter()
    gold_ok = {True: collections.Counter(), False: collections.Counter()}
    gold_n = collections.Counter()
    for name in sorted(os.listdir(gold_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(gold_dir, name), encoding="utf-8") as f:
            g = json.load(f)
        gold = g["entities"]
        matched = [False] * len(gold)
        typed_ok = [False] * len(gold)
        for e in out.get(g["file"], {}).get("entities", []):
            kind = KIND.get(str(e.get("kind", "")).lower(), "?")
            hits = match(e, gold)
            if hits and all(gold[i].get("optional") for i in hits):
                continue
            pred_n[kind] += 1
            hit = next((i for i in hits if not matched[i] and not gold[i].get("optional")), None)
            if hit is None:
                continue
            matched[hit] = True
            pred_ok[False][kind] += 1
            if kind == gold[hit]["type"]:
                typed_ok[hit] = True
                pred_ok[True][kind] += 1
        for i, ge in enumerate(gold):
            if ge.get("optional"):
                continue
            gold_n[ge["type"]] += 1
            gold_ok[False][ge["type"]] += matched[i]
            gold_ok[True][ge["type"]] += typed_ok[i]
    for typed in (True, False):
        for c in CLASSES:
            p = ratio(pred_ok[typed][c], pred_n[c])
            r = ratio(gold_ok[typed][c], gold_n[c])
            f = ratio(2 * p * r, p + r)
            label = "typed  " if typed else "untyped"
            print(f"{c} {label} P={p:.3f} R={r:.3f} F1={f:.3f} "
                  f"(predicted {pred_n[c]}, gold {gold_n[c]})")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    main(sys.argv[1], sys.argv[2])
