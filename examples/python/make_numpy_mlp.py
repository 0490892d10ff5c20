#!/usr/bin/env python3
"""Build a small MLP with numpy (as JAX/flax users often hold weights) and save it as an .npz
that `nnid` reads exactly.

    pip install numpy
    python3 make_numpy_mlp.py            # writes numpy_mlp.npz
    nnid info numpy_mlp.npz

Conventions nnid reads: entries `W0, b0, W1, b1, …`, with every `W{i}` stored **[out, in]**
(like PyTorch). Code that computes `x @ W` holds W as [in, out]: save `W.T`. Activations go in
a string array entry `activations`, one per layer; `input_domain` is optional.
"""
import numpy as np

rng = np.random.default_rng(0)
widths = [3, 5, 2]
params = {}
for i, (n_in, n_out) in enumerate(zip(widths, widths[1:])):
    w_in_out = rng.standard_normal((n_in, n_out)).astype(np.float32) / np.sqrt(n_in)  # used as x @ W
    params[f"W{i}"] = w_in_out.T.copy()  # stored [out, in]
    params[f"b{i}"] = np.zeros(n_out, dtype=np.float32)


def forward(x):
    h = np.tanh(x @ params["W0"].T + params["b0"])
    return h @ params["W1"].T + params["b1"]


print("f(1, 0, -1) =", forward(np.array([1.0, 0.0, -1.0], dtype=np.float32)))
np.savez(
    "numpy_mlp.npz",
    activations=np.array(["tanh", "identity"]),
    input_domain=np.array("gaussian:0,1"),
    **params,
)
print("wrote numpy_mlp.npz")
