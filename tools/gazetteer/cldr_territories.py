#!/usr/bin/env python3
"""Convert CLDR's Bengali + English territory names into assets/gazetteer/territories.json.

Input (not committed): the npm package `cldr-localenames-full` (Unicode licence), e.g.
    npm install --prefix /tmp/cldr cldr-localenames-full
    python3 tools/gazetteer/cldr_territories.py /tmp/cldr/node_modules/cldr-localenames-full \
        > assets/gazetteer/territories.json

Codes that are not places a news reader would look for (the world, pseudo-locales, "unknown
region", the eurozone) are skipped; everything else is kept verbatim. Corrections, extra spellings,
demonyms and kinds live in assets/gazetteer/territory_overlay.toml, not here, so re-running this
script on a newer CLDR never loses them.
"""
import json
import sys

SKIP = {"001", "EZ", "QO", "XA", "XB", "ZZ", "UN", "EU"}


def names(root, lang):
    with open(f"{root}/main/{lang}/territories.json", encoding="utf-8") as f:
        return json.load(f)["main"][lang]["localeDisplayNames"]["territories"]


def split_parenthesis(name):
    """`মায়ানমার (বার্মা)` is two names, `কঙ্গো (প্রজাতন্ত্র)` one qualified name: keep both parts."""
    if not name:
        return []
    if "(" not in name:
        return [name.strip()]
    head, _, rest = name.partition("(")
    inner = rest.split(")")[0]
    return [part.strip() for part in (head, inner) if part.strip() and "প্রজাতন্ত্র" not in part]


def main():
    root = sys.argv[1]
    bn, en = names(root, "bn"), names(root, "en")
    out = []
    for code, name in bn.items():
        base = code.split("-alt-")[0]
        if base in SKIP or "-alt-" in code:
            continue
        forms = []
        for raw in (name, bn.get(f"{code}-alt-short"), bn.get(f"{code}-alt-variant")):
            for form in split_parenthesis(raw):
                if form not in forms:
                    forms.append(form)
        english = en.get(code, code)
        out.append({"code": code, "en": english, "bn": forms})
    json.dump(out, sys.stdout, ensure_ascii=False, indent=0)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
