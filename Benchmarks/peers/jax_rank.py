#!/usr/bin/env python3
"""JAX-style peer for the rank benchmarks: the numeric rank of the Jacobian of an MLP saved as
nnid JSON (by make_net.py), inputs uniform in its box, the way a JAX user would compute it:
jax.jacrev of the flattened parameters, then numpy's matrix_rank (SVD) of a ceil(r·P) x P
Jacobian (r = rows_per_P, default 1.25) -- or, with --gram, J^T J accumulated over blocks and
eigvalsh (for P where J does not fit). With --digits-data the points are the first inputs of
scikit-learn's load_digits() scaled by 1/16 (the data the digits model was trained on) instead
of uniform points in the box. With --points FILE the points are the rows of a float64 .npy array
(e.g. the batch nnid computed its rank on: `nnid check net.json --save-batch FILE`), and
rows_per_P is ignored. With --per-point the Jacobian is jacrev of one point's outputs, vmapped
over the points (the same matrix, without jacrev's n*K x n intermediates on the whole batch).

    python3 jax_rank.py net.json [rows_per_P] [--gram] [--digits-data] [--points FILE] [--per-point]
"""
import math
import sys
import time

import jax
import jax.numpy as jnp
import numpy as np

jax.config.update("jax_enable_x64", True)

import json

points_file = None
argv = sys.argv[1:]
if "--points" in argv:
    i = argv.index("--points")
    points_file = argv[i + 1]
    argv = argv[:i] + argv[i + 2:]
args = [a for a in argv if not a.startswith("--")]
net = json.load(open(args[0]))
rows_per_p = float(args[1]) if len(args) > 1 else 1.25
gram = "--gram" in sys.argv
digits_data = "--digits-data" in sys.argv
act = {"relu": jax.nn.relu, "tanh": jnp.tanh}[net["layers"][0]["activation"]]
lo, hi = (float(v) for v in net["input_domain"]["box"])
rng = np.random.default_rng(2026)
params = []
for layer in net["layers"]:
    params.append(np.array([[float(x) for x in row] for row in layer["weights"]]))
    params.append(np.array([float(x) for x in layer["bias"]]))
shapes = [p.shape for p in params[0::2]]
widths = [shapes[0][1]] + [s[0] for s in shapes]
flat = np.concatenate([p.ravel() for p in params])
P = flat.size
K = widths[-1]


def unflatten(theta):
    out, k = [], 0
    for (o, i) in shapes:
        out.append(theta[k:k + o * i].reshape(o, i)); k += o * i
        out.append(theta[k:k + o]); k += o
    return out


def f(theta, x):
    ps = unflatten(theta)
    h = x
    for l in range(len(shapes)):
        h = h @ ps[2 * l].T + ps[2 * l + 1]
        if l < len(shapes) - 1:
            h = act(h)
    return h.ravel()


if "--per-point" in sys.argv:
    # jacrev of one point's K outputs, vmapped over the points: K cotangents per point instead
    # of n*K cotangents through the whole batch (whose intermediates are n*K x n x width).
    one = jax.vmap(jax.jacrev(lambda theta, x: f(theta, x[None, :])), in_axes=(None, 0))
    jac = jax.jit(lambda theta, X: one(theta, X).reshape(-1, theta.size))
else:
    jac = jax.jit(jax.jacrev(f))
given = np.load(points_file) if points_file else None
n_points = given.shape[0] if points_file else math.ceil(rows_per_p * P / K)
start = time.time()
theta = jnp.asarray(flat)
if points_file:
    X = given
elif digits_data:
    from sklearn.datasets import load_digits
    data = load_digits().data / 16
    X = data[np.arange(n_points) % len(data)]
if not gram:
    if not digits_data and not points_file:
        X = rng.uniform(lo, hi, (n_points, widths[0]))
    J = np.asarray(jac(theta, jnp.asarray(X)))
    rank = np.linalg.matrix_rank(J)
    shape = J.shape
else:
    G = np.zeros((P, P))
    block = max(1, (P // 4) // K)
    done = 0
    while done < n_points:
        count = min(block, n_points - done)
        X = given[done:done + count] if points_file else rng.uniform(lo, hi, (count, widths[0]))
        Jb = np.asarray(jac(theta, jnp.asarray(X)))
        G += Jb.T @ Jb
        done += X.shape[0]
    w = np.linalg.eigvalsh(G)
    tol = w.max() * P * np.finfo(float).eps
    rank = int((w > tol).sum())
    shape = (n_points * K, P)
elapsed = time.time() - start
key = net["name"]
print(f"RESULT peer.{key} {elapsed:.6f} {rank}")
print(f"  JAX {'vmap(jacrev)' if '--per-point' in sys.argv else 'jacrev'} + {'Gram eigvalsh' if gram else 'matrix_rank'}: P = {P}, J {shape[0]}x{shape[1]}, rank {rank}, {elapsed:.1f} s")
