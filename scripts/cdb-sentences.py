#!/usr/bin/env python3
"""Writes the cdb newspaper suite of the Alpino Treebank as sentence-model data.

The Alpino Treebank cuts the 1960s newspaper text of cdb at colons and semicolons ("Hij zei:" and
"" Ik kom." are two items); the UD Lassy files keep such a sentence whole. This script joins every
cdb item that ends with : or ; with the item after it (renumbering the token ids; heads are kept
relative, deps dropped), so the text follows the UD convention, and writes the first TRAIN_COUNT
joined sentences to OUT_TRAIN and the rest to OUT_DEV, in treebank order.

Usage: scripts/cdb-sentences.py TREEBANK.conllu OUT_TRAIN OUT_DEV [TRAIN_COUNT (4600)]
"""
import sys


def read_items(path, prefix):
    items, meta, rows = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if rows and any(m.startswith("# sent_id = " + prefix) for m in meta):
                    items.append((meta, rows))
                meta, rows = [], []
            elif line.startswith("#"):
                meta.append(line)
            else:
                rows.append(line.split("\t"))
    if rows and any(m.startswith("# sent_id = " + prefix) for m in meta):
        items.append((meta, rows))
    return items


def text_of(meta):
    for m in meta:
        if m.startswith("# text = "):
            return m[len("# text = "):]
    return ""


def shift(row, off):
    row = list(row)
    if "-" in row[0]:
        a, b = row[0].split("-")
        row[0] = f"{int(a) + off}-{int(b) + off}"
    else:
        row[0] = str(int(row[0]) + off)
        if row[6].isdigit() and row[6] != "0":
            row[6] = str(int(row[6]) + off)
    row[8] = "_"
    return row


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    train_count = int(sys.argv[4]) if len(sys.argv) == 5 else 4600
    items = read_items(sys.argv[1], "cdb")
    joined = []
    i = 0
    while i < len(items):
        meta, rows = items[i]
        text = text_of(meta)
        rows = [shift(r, 0) for r in rows if "." not in r[0]]
        while text.rstrip().endswith((":", ";")) and i + 1 < len(items):
            i += 1
            meta2, rows2 = items[i]
            off = max(int(r[0].split("-")[-1]) for r in rows)
            rows += [shift(r, off) for r in rows2 if "." not in r[0]]
            text += " " + text_of(meta2)
        joined.append((text, rows))
        i += 1
    for path, part in ((sys.argv[2], joined[:train_count]), (sys.argv[3], joined[train_count:])):
        with open(path, "w", encoding="utf-8") as out:
            for n, (text, rows) in enumerate(part, 1):
                out.write(f"# sent_id = cdb-joined-{n}\n# text = {text}\n")
                for r in rows:
                    out.write("\t".join(r) + "\n")
                out.write("\n")
    print(f"{len(items)} cdb items, {len(joined)} sentences: "
          f"{min(train_count, len(joined))} train, {max(0, len(joined) - train_count)} dev")


if __name__ == "__main__":
    main()
