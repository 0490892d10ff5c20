#!/usr/bin/env python3
"""Regenerates the tensor-file fixtures of NetworkFormatsTests with the real writers.

    pip install numpy safetensors
    python3 Tests/NetworkFormatsTests/Fixtures/make_fixtures.py

Valid files are written by `safetensors` (its Rust serializer, also for bfloat16, which numpy
lacks) and by numpy (`np.save`, `np.lib.format.write_array`, `np.savez`, `np.savez_compressed`).
`expected.json` records every tensor's shape and exact values as fractions (Python's
`fractions.Fraction(float)` is the exact value of the float), which the tests compare with the
rationals the reader produces.

`Malformed/` holds files that break one rule each; most start from a real writer's output and
damage it, the rest are assembled byte by byte where no writer would produce them.
"""
import io
import json
import os
import struct
import zipfile
from fractions import Fraction

import numpy as np
import safetensors.numpy as stnp
from safetensors._safetensors_rust import TensorSpec, serialize

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(HERE, "Malformed")
os.makedirs(BAD, exist_ok=True)
rng = np.random.default_rng(20240607)
expected = {}


def exact(values):
    return [str(Fraction(float(v))) for v in values]


def record(file, name, array, values=None):
    expected.setdefault(file, {})[name] = {
        "shape": list(array.shape),
        "values": exact(array.reshape(-1) if values is None else values),
    }


def mlp_arrays(dtype):
    """A 2-3-1 network with awkward values: subnormals, -0, extremes, full-precision randoms."""
    info = np.finfo(dtype)
    w0 = rng.standard_normal((3, 2)).astype(dtype)
    w0[0, 0] = info.smallest_subnormal
    w0[0, 1] = -np.asarray(0.0, dtype=dtype)
    b0 = rng.standard_normal(3).astype(dtype)
    b0[2] = info.max
    w2 = rng.standard_normal((1, 3)).astype(dtype)
    w2[0, 2] = -info.tiny  # smallest normal
    b2 = np.array([1 / 3], dtype=dtype)
    return {"0.weight": w0, "0.bias": b0, "2.weight": w2, "2.bias": b2}


META = {"nnid.activations": "relu,identity", "nnid.input_domain": "box:-1,1", "nnid.name": "tiny"}

# --- safetensors, float dtypes numpy has -------------------------------------------------
for tag, dtype in [("f64", np.float64), ("f32", np.float32), ("f16", np.float16)]:
    file = f"mlp_{tag}.safetensors"
    arrays = mlp_arrays(dtype)
    stnp.save_file(arrays, os.path.join(HERE, file), metadata=META)
    for name, a in arrays.items():
        record(file, name, a)

# --- bfloat16: raw bit patterns through the Rust serializer ------------------------------
def bf16_bits(x):
    """Round float32 to bfloat16 (ties to even) and return the 16-bit patterns."""
    b = np.asarray(x, dtype=np.float32).view(np.uint32).astype(np.uint64)
    rounded = (b + 0x7FFF + ((b >> 16) & 1)) >> 16
    return rounded.astype(np.uint16)


def bf16_values(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32)


bf = {}
for name, a in mlp_arrays(np.float32).items():
    bits = bf16_bits(a)
    if name == "0.weight":
        bits.reshape(-1)[0] = 0x0001  # smallest bfloat16 subnormal, 2^-133
    if name == "0.bias":
        bits[2] = 0x7F7F  # largest finite bfloat16 (float32's max rounds to infinity)
    bf[name] = bits
specs = {
    name: TensorSpec(dtype="bfloat16", shape=list(bits.shape), data_ptr=bits.ctypes.data, data_len=bits.nbytes)
    for name, bits in bf.items()
}
with open(os.path.join(HERE, "mlp_bf16.safetensors"), "wb") as f:
    f.write(bytes(serialize(specs, metadata=META)))
for name, bits in bf.items():
    record("mlp_bf16.safetensors", name, bits, bf16_values(bits.reshape(-1)))

# --- integer and boolean dtypes ----------------------------------------------------------
ints = {
    "i8": np.array([-128, -1, 0, 127], dtype=np.int8),
    "i16": np.array([-32768, 32767], dtype=np.int16),
    "i32": np.array([[-(2**31), 2**31 - 1], [5, -7]], dtype=np.int32),
    "i64": np.array([-(2**63), 2**63 - 1], dtype=np.int64),
    "u8": np.array([0, 255], dtype=np.uint8),
    "u16": np.array([65535], dtype=np.uint16),
    "u32": np.array([2**32 - 1], dtype=np.uint32),
    "u64": np.array([2**64 - 1, 0], dtype=np.uint64),
    "bool": np.array([True, False, True]),
}
stnp.save_file(ints, os.path.join(HERE, "ints.safetensors"))
for name, a in ints.items():
    expected.setdefault("ints.safetensors", {})[name] = {"shape": list(a.shape), "values": [str(int(v)) for v in a.reshape(-1)]}

# --- npy: versions, byte orders, Fortran order -------------------------------------------
def write_npy(file, array, version=None):
    with open(os.path.join(HERE, file), "wb") as f:
        if version is None:
            np.save(f, array)
        else:
            np.lib.format.write_array(f, array, version=version)
    record(file, "array", np.ascontiguousarray(array))


m = rng.standard_normal((2, 3))
write_npy("v1_f8.npy", m)
write_npy("v2_f4.npy", m.astype(np.float32), version=(2, 0))
write_npy("v3_f2.npy", m.astype(np.float16), version=(3, 0))
write_npy("big_endian_f8.npy", m.astype(">f8"))
write_npy("fortran_f8.npy", np.asfortranarray(rng.standard_normal((2, 3, 4))))
write_npy("int32.npy", np.array([[1, -2, 3], [-4, 5, -6]], dtype="<i4"))
write_npy("uint8.npy", np.array([0, 7, 255], dtype="|u1"))
write_npy("big_endian_i8.npy", np.array([-(2**63), 12345], dtype=">i8"))
write_npy("bool.npy", np.array([[True, False]]))

# --- npz: stored and deflated ------------------------------------------------------------
npz = {
    "W0": rng.standard_normal((3, 2)),
    "b0": rng.standard_normal(3),
    "W1": rng.standard_normal((1, 3)).astype(np.float32),
    "b1": np.array([0.25], dtype=np.float32),
}
np.savez(os.path.join(HERE, "mlp_stored.npz"), activations=np.array(["tanh", "identity"]), **npz)
np.savez_compressed(os.path.join(HERE, "mlp_deflated.npz"), activations=np.array(["tanh", "identity"]),
                    input_domain=np.array("gaussian:0,1"), **npz)
for file in ["mlp_stored.npz", "mlp_deflated.npz"]:
    for name, a in npz.items():
        record(file, name, a)
layers = {"layers.0.weight": npz["W0"], "layers.0.bias": npz["b0"], "layers.1.weight": npz["W1"]}
np.savez(os.path.join(HERE, "mlp_layers.npz"), **layers)
for name, a in layers.items():
    record("mlp_layers.npz", name, a)

with open(os.path.join(HERE, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write("\n")

# --- malformed safetensors ---------------------------------------------------------------
def raw_safetensors(header, data, length=None):
    h = header if isinstance(header, bytes) else json.dumps(header).encode()
    return struct.pack("<Q", len(h) if length is None else length) + h + data


def bad(file, content):
    with open(os.path.join(BAD, file), "wb") as f:
        f.write(content)


two = np.array([1.5, -2.0]).tobytes()  # 16 bytes of F64
bad("truncated_length.safetensors", b"\x10\x00\x00\x00\x00")
bad("header_too_large.safetensors", struct.pack("<Q", 200_000_000) + b"{}")
bad("header_past_end.safetensors", struct.pack("<Q", 1000) + b'{"a": 1}')
bad("header_not_utf8.safetensors", raw_safetensors(b'{"\xff\xfe": {"dtype": "F64", "shape": [0], "data_offsets": [0, 0]}}', b""))
bad("header_not_json.safetensors", raw_safetensors(b'{"a": {"dtype": "F64", ', b""))
bad("header_not_object.safetensors", raw_safetensors(b"[1, 2]", b""))
bad("duplicate_name.safetensors", raw_safetensors(
    b'{"a": {"dtype": "F64", "shape": [2], "data_offsets": [0, 16]}, "a": {"dtype": "F64", "shape": [2], "data_offsets": [16, 32]}}',
    two + two))
bad("overlapping_offsets.safetensors", raw_safetensors(
    {"a": {"dtype": "F64", "shape": [2], "data_offsets": [0, 16]}, "b": {"dtype": "F64", "shape": [2], "data_offsets": [8, 24]}},
    two + two[:8]))
bad("gap_in_data.safetensors", raw_safetensors(
    {"a": {"dtype": "F64", "shape": [2], "data_offsets": [0, 16]}, "b": {"dtype": "F64", "shape": [2], "data_offsets": [24, 40]}},
    two + b"\0" * 8 + two))
bad("trailing_data.safetensors", raw_safetensors({"a": {"dtype": "F64", "shape": [2], "data_offsets": [0, 16]}}, two + b"\0" * 8))
bad("shape_size_mismatch.safetensors", raw_safetensors({"a": {"dtype": "F64", "shape": [2, 2], "data_offsets": [0, 16]}}, two))
bad("offsets_reversed.safetensors", raw_safetensors({"a": {"dtype": "F64", "shape": [2], "data_offsets": [16, 0]}}, two))
bad("offsets_out_of_range.safetensors", raw_safetensors({"a": {"dtype": "F64", "shape": [8], "data_offsets": [0, 64]}}, two))
bad("unknown_dtype.safetensors", raw_safetensors({"a": {"dtype": "C64", "shape": [2], "data_offsets": [0, 16]}}, two))
bad("metadata_not_strings.safetensors", raw_safetensors(
    {"__metadata__": {"nnid.activations": 3}, "a": {"dtype": "F64", "shape": [2], "data_offsets": [0, 16]}}, two))
bad("missing_dtype.safetensors", raw_safetensors({"a": {"shape": [2], "data_offsets": [0, 16]}}, two))
stnp.save_file({"0.weight": np.array([[1.0, np.nan]]), "0.bias": np.array([0.0])}, os.path.join(BAD, "nan_weight.safetensors"),
               metadata={"nnid.activations": "identity"})
stnp.save_file({"0.weight": np.array([[1.0], [-np.inf]], dtype=np.float32)}, os.path.join(BAD, "inf_weight.safetensors"),
               metadata={"nnid.activations": "identity"})
# Valid files whose tensors are not a network the reader can build.
good = mlp_arrays(np.float64)
stnp.save_file(good, os.path.join(BAD, "no_activations.safetensors"))
stnp.save_file({k: (v.T.copy() if v.ndim == 2 else v) for k, v in good.items()}, os.path.join(BAD, "weights_in_out.safetensors"),
               metadata={"nnid.activations": "relu,identity"})
stnp.save_file({**good, "1.running_mean": np.zeros(3)}, os.path.join(BAD, "unknown_tensor.safetensors"),
               metadata={"nnid.activations": "relu,identity"})
stnp.save_file(good, os.path.join(BAD, "wrong_activation_count.safetensors"), metadata={"nnid.activations": "relu"})
stnp.save_file(good, os.path.join(BAD, "unknown_activation.safetensors"), metadata={"nnid.activations": "relu,swish"})

# --- malformed npy / npz -----------------------------------------------------------------
def npy_bytes(array, version=None):
    f = io.BytesIO()
    if version is None:
        np.save(f, array, allow_pickle=True)
    else:
        np.lib.format.write_array(f, array, version=version)
    return f.getvalue()


ok = npy_bytes(np.arange(6, dtype=np.float64).reshape(2, 3))
bad("bad_magic.npy", b"\x93NUMPX" + ok[6:])
bad("truncated_data.npy", ok[:-5])
bad("truncated_header.npy", ok[:40])
bad("unsupported_version.npy", ok[:6] + b"\x04\x00" + ok[8:])
bad("unsupported_descr.npy", npy_bytes(np.array([1 + 2j, 3j])))
bad("object_array.npy", npy_bytes(np.array([{"a": 1}, None], dtype=object)))
bad("structured.npy", npy_bytes(np.zeros(2, dtype=[("x", "<f4"), ("y", "<i4")])))
bad("nan.npy", npy_bytes(np.array([0.5, np.nan], dtype=np.float32)))

with zipfile.ZipFile(os.path.join(BAD, "entry_not_npy.npz"), "w") as z:
    z.writestr("W0.npy", ok)
    z.writestr("readme.txt", b"weights of my network\n")
with zipfile.ZipFile(os.path.join(BAD, "unsupported_method.npz"), "w", compression=zipfile.ZIP_BZIP2) as z:
    z.writestr("W0.npy", ok)
stored = io.BytesIO()
with zipfile.ZipFile(stored, "w") as z:
    z.writestr("W0.npy", ok)
damaged = bytearray(stored.getvalue())
damaged[len(damaged) - 22 - 56 - 10] ^= 0x01  # a data byte of the only entry
bad("bad_crc.npz", bytes(damaged))
bad("truncated.npz", stored.getvalue()[: len(stored.getvalue()) // 2])
deflated = io.BytesIO()
with zipfile.ZipFile(deflated, "w", compression=zipfile.ZIP_DEFLATED) as z:
    z.writestr("W0.npy", ok * 20)
d = bytearray(deflated.getvalue())
start = 30 + len("W0.npy")
for k in range(start + 4, start + 24):
    d[k] ^= 0x5A  # scramble the deflate stream
bad("corrupt_deflate.npz", bytes(d))
print("fixtures written to", HERE)
