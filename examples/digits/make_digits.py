"""Writes the digits example: the scikit-learn digits inputs and a small ReLU network on them.

    python3 examples/digits/make_digits.py

- digits.npy: the 1797 × 64 inputs of sklearn.datasets.load_digits(), divided by 16 (pixel
  values 0…16 become k/16, exact in float16, which is how they are stored);
- digits-64-6-1.json: a 64 → 6 relu → 1 identity network with weights k/8 and biases
  m/8 + 1/1000 (so no pre-activation is ever exactly 0 on the data: a sum of multiples of
  1/128 cannot equal a multiple of 1/8 plus 1/1000);
- expected.json: the rank of the Jacobian of θ ↦ (f_θ(x₁), …, f_θ(x_N)) stacked over exactly
  these points, computed here with numpy from the closed form of the one-hidden-layer gradient
  (an independent check of `nnid rank --data`).
"""
import json
import os
from fractions import Fraction

import numpy as np
from sklearn.datasets import load_digits

here = os.path.dirname(os.path.abspath(__file__))
x = (load_digits().data / 16).astype(np.float16)
assert np.all(x.astype(np.float64) * 16 == load_digits().data)  # exact
np.save(os.path.join(here, "digits.npy"), np.ascontiguousarray(x))

rng = np.random.default_rng(13)
hidden = 6
W = rng.integers(-8, 9, size=(hidden, 64))  # weights W/8
b = rng.integers(-8, 9, size=hidden)  # biases b/8 + 1/1000
v = rng.integers(-8, 9, size=hidden)
v[v == 0] = 1
c = 1


def q(k, d=8):
    return str(Fraction(int(k), d))


bias = [str(Fraction(int(k), 8) + Fraction(1, 1000)) for k in b]
net = {
    "format": "nnid-network",
    "version": 1,
    "name": "digits-64-6-1",
    "description": "A 64 → 6 relu → 1 network for the scikit-learn digits inputs (examples/digits/digits.npy): its functional dimension on that data set.",
    "inputs": 64,
    "layers": [
        {"activation": "relu", "weights": [[q(w) for w in row] for row in W], "bias": bias},
        {"activation": "identity", "weights": [[q(k) for k in v]], "bias": [q(c)]},
    ],
}
with open(os.path.join(here, "digits-64-6-1.json"), "w") as f:
    json.dump(net, f, indent=1, ensure_ascii=False)
    f.write("\n")

X = x.astype(np.float64)
Wf = W / 8
bf = np.array([float(Fraction(int(k), 8) + Fraction(1, 1000)) for k in b])
vf = v / 8
Z = X @ Wf.T + bf
assert np.all(np.abs(Z) > 1e-6)  # no point on a kink
active = (Z > 0).astype(np.float64)
# ∂f/∂W_ij = v_i·[z_i > 0]·x_j, ∂f/∂b_i = v_i·[z_i > 0], ∂f/∂v_i = relu(z_i), ∂f/∂c = 1.
J = np.hstack([
    (vf * active)[:, :, None].repeat(64, axis=2).reshape(len(X), -1) * np.tile(X, hidden),
    vf * active,
    np.maximum(Z, 0),
    np.ones((len(X), 1)),
])
rank = int(np.linalg.matrix_rank(J))
zero_pixels = int(np.sum(np.all(X == 0, axis=0)))
with open(os.path.join(here, "expected.json"), "w") as f:
    json.dump({"points": len(X), "parameters": J.shape[1], "rank": rank, "always_zero_pixels": zero_pixels}, f, indent=1)
    f.write("\n")
print(len(X), J.shape, rank, zero_pixels)
