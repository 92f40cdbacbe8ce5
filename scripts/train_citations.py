#!/usr/bin/env python3
"""Trains the citation model with python-crfsuite.

Run by `cargo run --release --example train_citations`, which computes every
token's features in Rust (vitae::parse::citation::features, the tagger's own)
and writes them as lines `LABEL<TAB>FEATURE<TAB>FEATURE...`, a blank line
after each reference.

Usage: train_citations.py FEATURES MODEL [--c1 X] [--c2 X] [--iterations N]
"""
import argparse
import sys

import pycrfsuite


def sequences(path):
    xs, ys = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if xs:
                    yield xs, ys
                xs, ys = [], []
                continue
            label, *feats = line.split("\t")
            ys.append(label)
            xs.append(feats)
    if xs:
        yield xs, ys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("features")
    ap.add_argument("model")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=200)
    a = ap.parse_args()
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for xs, ys in sequences(a.features):
        trainer.append(xs, ys)
        n += 1
    trainer.set_params({
        "c1": a.c1,
        "c2": a.c2,
        "max_iterations": a.iterations,
        "feature.possible_transitions": True,
    })
    print(f"training on {n} sequences (c1={a.c1}, c2={a.c2}, {a.iterations} iterations)", file=sys.stderr)
    trainer.train(a.model)
    last = trainer.logparser.last_iteration
    if last:
        print(f"last iteration: {last.get('num')}, loss {last.get('loss'):.1f}", file=sys.stderr)


if __name__ == "__main__":
    main()
