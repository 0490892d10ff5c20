#!/usr/bin/env python3
"""Writes the rank benchmarks' networks as nnid JSON (weights as the decimal of each double).

    python3 make_net.py relu 8,40,40,8 out.json     # weights N(0, 1/fan_in), biases N(0, 1/4), seed 2026
    python3 make_net.py digits out.json             # scikit-learn MLPClassifier(hidden_layer_sizes=(16,),
                                                    # random_state=0) fit on load_digits().data / 16
"""
import json
import sys

import numpy as np


def layers_json(weights, biases, hidden):
    out = []
    for k, (w, b) in enumerate(zip(weights, biases)):
        act = hidden if k < len(weights) - 1 else "identity"
        out.append({"activation": act, "weights": [[repr(float(x)) for x in row] for row in w],
                    "bias": [repr(float(x)) for x in b]})
    return out


def random_net(act, widths):
    rng = np.random.default_rng(2026)
    ws, bs = [], []
    for i, o in zip(widths[:-1], widths[1:]):
        ws.append(rng.normal(0, 1 / np.sqrt(i), (o, i)))
        bs.append(rng.normal(0, 0.5, o))
    return ws, bs, [-1, 1]


def digits_net():
    from sklearn.datasets import load_digits
    from sklearn.neural_network import MLPClassifier
    X, y = load_digits(return_X_y=True)
    clf = MLPClassifier(hidden_layer_sizes=(16,), random_state=0).fit(X / 16, y)
    return [c.T for c in clf.coefs_], list(clf.intercepts_), [0, 1]


if sys.argv[1] == "digits":
    ws, bs, box = digits_net()
    act, out, name = "relu", sys.argv[2], "digits-64-16-10"
else:
    act, widths, out = sys.argv[1], [int(w) for w in sys.argv[2].split(",")], sys.argv[3]
    ws, bs, box = random_net(act, widths)
    name = f"{act}-" + "-".join(map(str, widths))
doc = {"format": "nnid-network", "version": 1, "name": name, "inputs": int(ws[0].shape[1]),
       "input_domain": {"box": [str(box[0]), str(box[1])]}, "layers": layers_json(ws, bs, act)}
with open(out, "w") as f:
    json.dump(doc, f)
print(f"{out}: {name}, P = {sum(w.size + len(b) for w, b in zip(ws, bs))}")
