#!/usr/bin/env python3
"""Writes the hostile files of Tests/CLITests/Corpus that cannot be typed by hand: sizes that
overflow, ZIP records that lie, archives that would inflate to gigabytes, name collisions.
Run from the repository root; the outputs are committed (CI does not run this)."""
import json, os, struct, zlib

OUT = "Tests/CLITests/Corpus"


def npy(descr, shape, data=b"", version=1, pad_to=None):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, "".join("%d," % d for d in shape) if len(shape) == 1 else ", ".join(str(d) for d in shape))
    prefix = 10 if version == 1 else 12
    total = pad_to or ((prefix + len(header) + 1 + 63) // 64 * 64)
    header = header + " " * (total - prefix - len(header) - 1) + "\n"
    length = struct.pack("<H", len(header)) if version == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + length + header.encode("latin-1") + data


def f64(values):
    return b"".join(struct.pack("<d", v) for v in values)


def zip_archive(files, deflate=False, lie_size=None, truncate_to=None):
    """files: [(name, data)]; stored, or deflated (raw deflate), with optional lies."""
    out, directory = b"", b""
    for name, data in files:
        crc = zlib.crc32(data)
        if deflate:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            body = c.compress(data) + c.flush()
            method = 8
        else:
            body, method = data, 0
        if truncate_to is not None:
            body = body[:truncate_to]
        usize = lie_size if lie_size is not None else len(data)
        n = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(body), usize, len(n), 0) + n + body
        directory += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(body), usize,
                                 len(n), 0, 0, 0, 0, 0, offset) + n
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(files), len(files), len(directory), len(out), 0)
    return out + directory + end


def safetensors(tensors, metadata):
    header, data = {}, b""
    for name, shape, values in tensors:
        raw = f64(values)
        header[name] = {"dtype": "F64", "shape": shape, "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    if metadata is not None:
        header["__metadata__"] = metadata
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


# Class 1: sizes that overflow.
write("npy-descr-width-overflow.npy", npy("<U4611686018427387904", [1]))
write("npz-descr-width-overflow.npz", zip_archive([("meta.npy", npy("<U4611686018427387904", [1]))]))
# A 46-byte archive whose end record says ZIP64, with a locator and no room for a ZIP64 record.
locator = struct.pack("<IIQI", 0x07064B50, 0, 0, 1)
end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
write("npz-zip64-short.npz", b"PK\x03\x04" + locator + end)
# Class 2: 80 entries of 9,999,000 empty strings each (no data bytes at all).
write("npz-many-empty-strings.npz", zip_archive([("s%d.npy" % k, npy("<U0", [9999000])) for k in range(80)]))
# Class 3: a deflated entry whose header claims 500,000,000 doubles; the stream is cut after
# 4 KiB, so an inflate of the whole entry would fail differently — the header is read first.
bomb = npy("<f8", [500000000]) + bytes(1 << 20)
write("npz-bomb-header-first.npz", zip_archive([("W0.npy", bomb)], deflate=True, lie_size=len(bomb) - (1 << 20) + 8 * 500000000, truncate_to=4096))
# A deflated entry whose directory size is far beyond what its small header accounts for.
small = npy("<f8", [1, 1], f64([1.0]))
write("npz-size-beyond-header.npz", zip_archive([("W0.npy", small + bytes(1 << 20))], deflate=True))
# A header of 20,000 bytes (numpy refuses headers over 10,000).
write("npy-header-too-long.npy", npy("<f8", [1, 1], f64([1.0]), version=2, pad_to=20000))
# Class 4: two names for one tensor.
write("npz-name-collision.npz", zip_archive([("W0.npy", npy("<f8", [1, 1], f64([1.0]))), ("W0", npy("<f8", [1, 1], f64([2.0]))),
                                             ("activations.npy", npy("<U8", [1], "identity".encode("utf-32-le")))]))
write("st-name-collision.safetensors", safetensors([("0.weight", [1, 1], [1.0]), ("W0", [1, 1], [2.0])], {"nnid.activations": "identity"}))
write("st-bias-collision.safetensors", safetensors([("0.weight", [1, 1], [1.0]), ("0.bias", [1], [0.0]), ("b0", [1], [3.0])], {"nnid.activations": "identity"}))
