#!/usr/bin/env python3
"""devinterp's SGLD sampler against `nnid llc` on the same network, data and settings, in one run.

`--write DIR` first writes the network (nnid JSON; every float32 weight written as its shortest
round-trip decimal, which nnid reads exactly) and the inputs (x.npy) that LLCBenchmark reads;
`--nnid PATH` then also times `PATH llc` on them (end to end, best of three) and prints the ratio.
The timed work is devinterp's per-chain loop `devinterp.slt.sampler.sample_single_chain` —
what `devinterp.slt.sample` runs for each chain — with devinterp's `SGLD` optimizer, 4 chains ×
2000 draws, no burn-in, minibatch 256, a per-draw loss callback (what an LLC estimate records).
(devinterp 2.x's top-level `sample` takes token datasets only; its inner loop is model-agnostic.)
Prints `RESULT llc.sgld.steps <best seconds> <steps>` like the Swift side.
"""
import json, math, os, subprocess, sys, tempfile, time

os.environ.setdefault("TQDM_DISABLE", "1")
import numpy as np
import torch
from devinterp.optim import SGLD
from devinterp.slt.sampler import sample_single_chain

WIDTHS = [8, 32, 32, 4]
N, BATCH, CHAINS, DRAWS = 10_000, 256, 4, 2000


def build():
    torch.manual_seed(0)
    layers = []
    for a, b in zip(WIDTHS, WIDTHS[1:]):
        layers += [torch.nn.Linear(a, b), torch.nn.Tanh()]
    return torch.nn.Sequential(*layers[:-1])


def write(model, x, directory):
    os.makedirs(directory, exist_ok=True)
    linears = [m for m in model if isinstance(m, torch.nn.Linear)]
    layers = []
    for k, m in enumerate(linears):
        layers.append({
            "activation": "tanh" if k + 1 < len(linears) else "identity",
            "weights": [[repr(float(v)) for v in row] for row in m.weight.detach().numpy()],
            "bias": [repr(float(v)) for v in m.bias.detach().numpy()],
        })
    with open(os.path.join(directory, "net.json"), "w") as f:
        json.dump({"format": "nnid-network", "version": 1, "name": "tanh-8-32-32-4", "inputs": WIDTHS[0], "layers": layers}, f)
    np.save(os.path.join(directory, "x.npy"), np.ascontiguousarray(x.numpy().astype(np.float64)))


class Pairs(torch.utils.data.Dataset):
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return {"input_ids": self.x[i], "y": self.y[i]}


def evaluate(model, data):
    residual = model(data["input_ids"]) - data["y"]
    return 0.5 * (residual * residual).sum(dim=1), {}


def main():
    model = build()
    x = torch.from_numpy(np.random.default_rng(0).standard_normal((N, WIDTHS[0])).astype(np.float32))
    args = dict(zip(sys.argv[1::2], sys.argv[2::2]))
    directory = args.get("--write") or tempfile.mkdtemp()
    write(model, x, directory)
    with torch.no_grad():
        y = model(x)
    dataset = Pairs(x, y)
    masks = {name: None for name, _ in model.named_parameters()}
    losses = []

    def record(loss, draw, chain, model, optimizer):
        losses.append(float(loss.mean()))

    kwargs = dict(lr=1e-5, localization=100.0, nbeta=N / math.log(N))
    best = math.inf
    for _ in range(2):
        start = time.perf_counter()
        for chain in range(CHAINS):
            sample_single_chain(
                model, dataset, evaluate, masks, num_draws=DRAWS, num_burnin_steps=0, sampling_method=SGLD,
                sampling_method_kwargs=kwargs, chain=chain, seed=chain, device="cpu", callbacks=[record], batch_size=BATCH)
        best = min(best, time.perf_counter() - start)
    steps = CHAINS * DRAWS
    print(f"RESULT llc.sgld.steps {best} {steps}")
    print(f"  devinterp {getattr(__import__('devinterp'), '__version__', '?')}, torch {torch.__version__} (float32, {torch.get_num_threads()} threads): {steps / best:.4g} steps/s")
    if "--nnid" in args:
        command = [args["--nnid"], "llc", os.path.join(directory, "net.json"), "--data", os.path.join(directory, "x.npy"),
                   "--no-interval", "--epsilon", "1e-5", "--gamma", "100", "--nbeta", repr(N / math.log(N)),
                   "--chains", str(CHAINS), "--draws", str(DRAWS), "--burn-in", "0", "--batch-size", str(BATCH), "--seed", "1"]
        ours = math.inf
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            ours = min(ours, time.perf_counter() - start)
        print(f"  nnid llc (end to end, Double): {steps / ours:.4g} steps/s")
        print(f"SGLD steps/s: nnid {steps / ours:.4g}, devinterp {steps / best:.4g}, ratio {best / ours:.2f}")


if __name__ == "__main__":
    main()
