#!/usr/bin/env python3
"""Writes the articles of an evaluation set out as khobor text files.

usage: materialize.py DATA_DIR OUT_DIR [--gold GOLD_DIR] [--candidates N] [--international N]

DATA_DIR holds the news archives (`../shared/data/news/`); OUT_DIR (use /tmp) receives one file per
gold JSON in GOLD_DIR (default: `eval/domestic/` next to this script's repo): the headline, the date
line, a blank line, then the body. The gold names the dataset and row; the texts stay out of the repo.

With --candidates N it instead prints, per dataset, the first N eligible rows in selection order
(see eval/README.md): the deterministic list the domestic sets were drawn from. With
--international N it prints the list `eval/international-dev/` was drawn from: the eligible rows in
an order of their own (salt `khobor-international`), without the rows of the domestic sets.
"""
import argparse
import csv
import hashlib
import json
import os
import re
import sys

csv.field_size_limit(1 << 30)

# dataset file -> (headline field, date field, body field)
CSV_FIELDS = {
    "prothomalo-2024.csv": ("Headline", "Date Published", "Article Body"),
    "jugantor-2024.csv": ("Headline", "Date", "Body"),
    "prothomalo-bangladesh-2026.csv": ("Title", "Date_Time", "Body"),
    "ittefaq-2026.csv": ("Title", "Date_Time", "Body"),
}
JSON_DATASET = "bdnewspapers-2025.json"
DATASETS = list(CSV_FIELDS) + [JSON_DATASET]
# the sets under eval/ whose rows the international candidate list leaves out
DOMESTIC_SETS = ("domestic", "domestic-test", "domestic-dev2")

MIN_WORDS, MAX_WORDS = 80, 350


def rows(data_dir, dataset):
    """(row, headline, date, body) for every article of a dataset; row is the 0-based record
    index (CSV: data rows after the header; JSON: array index)."""
    path = os.path.join(data_dir, dataset)
    if dataset == JSON_DATASET:
        with open(path, encoding="utf-8") as f:
            for i, a in enumerate(json.load(f)):
                yield i, a.get("headline") or "", a.get("publication_date") or "", a.get("article") or ""
        return
    title, date, body = CSV_FIELDS[dataset]
    with open(path, encoding="utf-8", newline="") as f:
        for i, r in enumerate(csv.DictReader(f)):
            yield i, r.get(title) or "", r.get(date) or "", r.get(body) or ""


def bengali_share(text):
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum("\u0980" <= c <= "\u09ff" for c in letters) / len(letters)


def eligible(headline, body):
    words = len(body.split())
    return MIN_WORDS <= words <= MAX_WORDS and bengali_share(headline + body) >= 0.8


def order_key(dataset, row, salt="khobor-domestic"):
    return hashlib.sha256(f"{salt}:{dataset}:{row}".encode()).hexdigest()


def file_name(dataset, row):
    return f"{dataset.split('.')[0]}-{row:04d}.txt"


def one_line(s):
    return re.sub(r"\s+", " ", s).strip()


def gold_rows(gold_dirs):
    """(dataset, row) of every gold JSON in the given directories."""
    taken = set()
    for gold_dir in gold_dirs:
        for name in os.listdir(gold_dir):
            if name.endswith(".json"):
                with open(os.path.join(gold_dir, name), encoding="utf-8") as f:
                    g = json.load(f)
                taken.add((g["dataset"], g["row"]))
    return taken


def candidates(data_dir, n, salt="khobor-domestic", taken=frozenset()):
    for dataset in DATASETS:
        chosen = sorted(
            (order_key(dataset, row, salt), row, headline)
            for row, headline, _, body in rows(data_dir, dataset)
            if eligible(headline, body) and (dataset, row) not in taken
        )[:n]
        for _, row, headline in chosen:
            print(f"{dataset}\t{row}\t{one_line(headline)}")


def materialize(data_dir, out_dir, gold_dir):
    wanted = {}
    for name in sorted(os.listdir(gold_dir)):
        if name.endswith(".json"):
            with open(os.path.join(gold_dir, name), encoding="utf-8") as f:
                g = json.load(f)
            wanted.setdefault(g["dataset"], {})[g["row"]] = g["file"]
    os.makedirs(out_dir, exist_ok=True)
    written = 0
    for dataset, by_row in wanted.items():
        for row, headline, date, body in rows(data_dir, dataset):
            if row in by_row:
                text = f"{one_line(headline)}\n{one_line(date)}\n\n{body.strip()}\n"
                with open(os.path.join(out_dir, by_row[row]), "w", encoding="utf-8") as f:
                    f.write(text)
                written += 1
                del by_row[row]
        for row in by_row:
            print(f"{dataset}: row {row} not found", file=sys.stderr)
    print(f"{written} articles written to {out_dir}", file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", help="the news archives (../shared/data/news)")
    parser.add_argument("out_dir", nargs="?", help="where to write the articles (under /tmp)")
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--gold", default=os.path.join(repo, "eval", "domestic"))
    parser.add_argument("--candidates", type=int, metavar="N",
                        help="print the first N eligible rows of each dataset instead")
    parser.add_argument("--international", type=int, metavar="N",
                        help="print the first N rows of each dataset in the international set's "
                             "order, without the domestic sets' rows, instead")
    a = parser.parse_args()
    if a.candidates:
        candidates(a.data_dir, a.candidates)
    elif a.international:
        domestic = gold_rows(os.path.join(repo, "eval", d) for d in DOMESTIC_SETS)
        candidates(a.data_dir, a.international, "khobor-international", domestic)
    elif a.out_dir:
        materialize(a.data_dir, a.out_dir, a.gold)
    else:
        parser.error("OUT_DIR is required unless --candidates is given")


if __name__ == "__main__":
    main()
