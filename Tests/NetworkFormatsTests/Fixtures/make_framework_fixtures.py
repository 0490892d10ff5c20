"""Writes the PyTorch, ONNX, numpy-object and .nnet fixtures with the real writers, plus a
safetensors copy of every network's values for the tests to compare bit for bit.

Not run by CI (it needs torch, onnx, numpy, safetensors); the files it writes are committed.
Run from this folder:  python3 make_framework_fixtures.py
Versions used: torch 2.13.0+cpu, onnx 1.23.2, numpy, safetensors (see the commit).

Also writes the hostile inputs of the bad-input corpus (Tests/CLITests/Corpus): pickles that
would run os.system / builtins.eval / subprocess.Popen if unpickled by Python (each would create
a marker file under /tmp), pickle bombs, a checkpoint with a `../x` entry, and hostile ONNX
models.
"""
import collections
import io
import os
import pickle
import struct
import subprocess
import zipfile

import numpy as np
import torch
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "CLITests", "Corpus")
OUT = os.path.join(HERE, "Frameworks")
os.makedirs(OUT, exist_ok=True)


def reference(tensors, name):
    """A safetensors copy of the values (C order: see the safetensors.numpy gotcha)."""
    save_file({k: np.ascontiguousarray(v) for k, v in tensors.items()}, os.path.join(OUT, name))


def mlp(widths, seed):
    torch.manual_seed(seed)
    layers = []
    for i, (a, b) in enumerate(zip(widths, widths[1:])):
        layers.append(torch.nn.Linear(a, b))
        if i < len(widths) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def as_numpy(t):
    if t.dtype == torch.bfloat16:  # numpy has no bfloat16: keep its bits, widened exactly
        return t.float().numpy()
    return t.detach().numpy()


# 1. The 784-128-10 ReLU MLP: torch.save(state_dict) and torch.onnx.export.
big = mlp([784, 128, 10], seed=784)
torch.save(big.state_dict(), os.path.join(OUT, "mlp784.pt"))
reference({k: as_numpy(v) for k, v in big.state_dict().items()}, "mlp784.safetensors")
torch.onnx.export(big, torch.zeros(1, 784), os.path.join(OUT, "mlp784.onnx"), dynamo=False)

# 2. Small networks: dtypes, wrappers, named modules, views.
small = mlp([3, 4, 2], seed=3)
for dtype, tag in [(torch.float64, "f64"), (torch.float32, "f32"), (torch.float16, "f16"), (torch.bfloat16, "bf16")]:
    sd = collections.OrderedDict((k, v.to(dtype)) for k, v in small.state_dict().items())
    torch.save(sd, os.path.join(OUT, f"small_{tag}.pt"))
    reference({k: as_numpy(v) for k, v in sd.items()}, f"small_{tag}.safetensors")
sd32 = small.state_dict()
torch.save({"model": sd32, "epoch": 7, "optimizer": {"lr": 0.1}}, os.path.join(OUT, "wrapped_model.pt"))
torch.save({"state_dict": sd32, "ema": sd32}, os.path.join(OUT, "wrapped_two.pt"))


class Named(torch.nn.Module):
    """Modules named so that alphabetical order is not definition order."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(5)
        self.encoder = torch.nn.Linear(3, 4)
        self.decoder = torch.nn.Linear(4, 2)

    def forward(self, x):
        return self.decoder(torch.relu(self.encoder(x)))


named = Named()
torch.save(named.state_dict(), os.path.join(OUT, "named.pt"))
reference({"0.weight": as_numpy(named.encoder.weight), "0.bias": as_numpy(named.encoder.bias),
           "1.weight": as_numpy(named.decoder.weight), "1.bias": as_numpy(named.decoder.bias)}, "named.safetensors")

# Views: a transposed weight and a bias sliced out of a larger storage (offset 2).
torch.manual_seed(9)
stored = torch.randn(3, 4)          # kept [in, out]; the state dict holds its transpose
big_bias = torch.randn(8)
views = collections.OrderedDict([
    ("0.weight", stored.t()), ("0.bias", big_bias[2:6]),
    ("2.weight", torch.randn(2, 4)), ("2.bias", big_bias[6:8]),
])
torch.save(views, os.path.join(OUT, "views.pt"))
reference({k: v.contiguous().numpy() for k, v in views.items()}, "views.safetensors")
torch.save(small, os.path.join(OUT, "whole_module.pt"))

# 3. numpy object array [weights, biases], weights [in, out] (the extraction convention).
rng = np.random.default_rng(11)
ws = [rng.standard_normal((3, 4)), rng.standard_normal((4, 2))]
bs = [rng.standard_normal(4), rng.standard_normal(2)]
arr = np.empty(2, dtype=object)
arr[0], arr[1] = ws, bs
np.save(os.path.join(OUT, "extraction.npy"), arr, allow_pickle=True)
reference({"W0": ws[0].T, "b0": bs[0], "W1": ws[1].T, "b1": bs[1]}, "extraction.safetensors")

# 4. A .nnet file (the ACAS Xu text format, written here by hand from its documentation).
nnet = """// A 2-3-1 network in the .nnet format
// Neural Network File Format by Kyle Julian, Stanford 2016
2,2,1,3,
2,3,1,
0,
-1.0,0.0,
1.0,2.0,
0.5,1.0,0.0,
2.0,4.0,1.0,
1.0,-2.0,
0.5,0.25,
-1.5,3.0,
0.0,
1.0,
-1.0,
1.0,-1.0,2.0,
0.5,
"""
with open(os.path.join(OUT, "small.nnet"), "w") as f:
    f.write(nnet)


# 5. Hostile pickles for the bad-input corpus. Each REDUCE would run a command creating a marker.
class Reduce:
    def __init__(self, fn, args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return self.fn, self.args


def marker(name):
    return f"/tmp/nnid-pickle-marker-{name}"


hostile = {
    "pickle-os-system.pkl": Reduce(os.system, (f"touch {marker('os-system')}",)),
    "pickle-builtins-eval.pkl": Reduce(eval, (f"open('{marker('eval')}', 'w')",)),
    "pickle-subprocess-popen.pkl": Reduce(subprocess.Popen, (["touch", marker("popen")],)),
}
for name, obj in hostile.items():
    with open(os.path.join(CORPUS, name), "wb") as f:
        f.write(pickle.dumps([[obj], []], protocol=4))

# The same os.system pickle as a checkpoint's data.pkl.
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as z:
    z.writestr("m/data.pkl", pickle.dumps(Reduce(os.system, (f"touch {marker('pt')}",)), protocol=2))
    z.writestr("m/byteorder", "little")
open(os.path.join(CORPUS, "pt-os-system.pt"), "wb").write(buf.getvalue())

# Pickle bombs: 10^5 nested lists; a memo of 1,000,001 entries; a billion-laughs doubling.
deep = b"\x80\x04" + b"]" * 100_000 + b"a" * 99_999 + b"."
open(os.path.join(CORPUS, "pickle-deep-nesting.pkl"), "wb").write(deep)
memo = b"\x80\x04N" + b"\x94" * 1_000_001 + b"."
open(os.path.join(CORPUS, "pickle-huge-memo.pkl"), "wb").write(memo)
laughs = b"\x80\x04]" + b"2\x86" * 200 + b"."  # each level a pair of the level below
open(os.path.join(CORPUS, "pickle-laughs.pkl"), "wb").write(laughs)

# A checkpoint with an entry named ../x beside a valid state dict.
buf = io.BytesIO()
with zipfile.ZipFile(os.path.join(OUT, "small_f32.pt")) as src, zipfile.ZipFile(buf, "w") as z:
    for item in src.infolist():
        z.writestr(item.filename, src.read(item.filename))
    z.writestr("../x", "outside")
open(os.path.join(CORPUS, "pt-entry-dotdot.pt"), "wb").write(buf.getvalue())

# The checkpoint format before PyTorch 1.6 (not read; refused with a hint).
torch.save({"0.weight": torch.ones(1, 1)}, os.path.join(CORPUS, "pt-legacy-format.pt"), _use_new_zipfile_serialization=False)

# 6. ONNX beyond the big MLP: the torch.export-based exporter, and a graph written by hand with
#    MatMul + Add, a skip connection and no-op Flatten/Reshape.
import onnx
from onnx import TensorProto, helper, numpy_helper

torch.manual_seed(13)
mixed = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.LeakyReLU(), torch.nn.Linear(4, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2))
torch.onnx.export(mixed, (torch.zeros(1, 3),), os.path.join(OUT, "mixed_dynamo.onnx"), dynamo=True, external_data=False)
reference({k: as_numpy(v) for k, v in mixed.state_dict().items()}, "mixed.safetensors")

rng = np.random.default_rng(17)
A = rng.standard_normal((3, 4)).astype(np.float32)   # MatMul weight [in, out]
b = rng.standard_normal(4).astype(np.float32)
B = rng.standard_normal((2, 4)).astype(np.float32)   # Gemm weight [out, in], transB = 1
c = rng.standard_normal((1, 2)).astype(np.float32)
S = rng.standard_normal((3, 2)).astype(np.float64)   # skip connection from the input, [in, out]
inits = [numpy_helper.from_array(A, "A"), numpy_helper.from_array(b, "b"), numpy_helper.from_array(B, "B"),
         numpy_helper.from_array(c, "c"), numpy_helper.from_array(S.astype(np.float32), "S"),
         numpy_helper.from_array(np.array([1, -1], dtype=np.int64), "shape")]
nodes = [
    helper.make_node("Flatten", ["x"], ["xf"], axis=1),
    helper.make_node("MatMul", ["xf", "A"], ["xa"]),
    helper.make_node("Add", ["xa", "b"], ["z1"]),
    helper.make_node("Relu", ["z1"], ["h1"]),
    helper.make_node("Reshape", ["h1", "shape"], ["h1r"]),
    helper.make_node("Gemm", ["h1r", "B", "c"], ["y1"], transB=1, alpha=0.5, beta=2.0),
    helper.make_node("MatMul", ["x", "S"], ["y2"]),
    helper.make_node("Add", ["y1", "y2"], ["y"]),
]
graph = helper.make_graph(nodes, "residual", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2])], inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(model)
onnx.save(model, os.path.join(OUT, "residual.onnx"))
S32 = S.astype(np.float32)
reference({"W1": A.T, "b1": b, "W2": (np.float32(0.5) * B), "b2": (np.float32(2.0) * c.reshape(2)), "S": S32.T}, "residual.safetensors")

# Hostile ONNX models.
def hostile_model(nodes, inits, name):
    graph = helper.make_graph(nodes, "hostile", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    open(os.path.join(CORPUS, name), "wb").write(model.SerializeToString())

huge = TensorProto(name="W", data_type=TensorProto.FLOAT, dims=[1 << 20, 1 << 20], raw_data=b"\0\0\0\0")
hostile_model([helper.make_node("Gemm", ["x", "W"], ["y"], transB=1)], [huge], "onnx-huge-initializer.onnx")
W = numpy_helper.from_array(np.ones((3, 3), dtype=np.float32), "W")
hostile_model([helper.make_node("Add", ["x", "c"], ["a"], name="add"), helper.make_node("Relu", ["a"], ["c"], name="relu"),
               helper.make_node("Gemm", ["c", "W"], ["y"], name="out")], [W], "onnx-cycle.onnx")
hostile_model([helper.make_node("Conv", ["x", "W"], ["y"], name="conv0")], [W], "onnx-unknown-op.onnx")
# A Relu straight on a 10⁵-wide input: the identity connection would need 10¹⁰ weights.
graph = helper.make_graph([helper.make_node("Relu", ["x"], ["y"], name="relu")], "wide",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 100_000])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 100_000])])
open(os.path.join(CORPUS, "onnx-wide-identity.onnx"), "wb").write(helper.make_model(graph).SerializeToString())
print("wrote", sorted(os.listdir(OUT)))
