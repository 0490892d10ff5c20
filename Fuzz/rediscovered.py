#!/usr/bin/env python3
"""Which checks the fuzzers reach: replays the generated inputs (libFuzzer's SHA-1 names, not
copied seeds) of each corpus in .build-fuzz/corpus through `nnid info` and counts those whose
message is one of the checks that replaced a class of bad input. Usage: Fuzz/rediscovered.py NAME…"""
import io, os, re, subprocess, sys, tempfile, zipfile

def wrapped(pickle):
    """The checkpoint the pytorch harness builds around a data.pkl (stored entries)."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, 'w', zipfile.ZIP_STORED) as z:
        z.writestr('archive/data.pkl', pickle)
        for k in range(4):
            z.writestr('archive/data/%d' % k, bytes(((i * 37 + k) & 0xFF) for i in range(64)))
        z.writestr('archive/byteorder', b'little')
    return b.getvalue()
from collections import Counter
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
nnid = os.environ.get('NNID', os.path.join(root, '.build/debug/nnid'))
classes = [
    ('1 size overflow', r'too large|beyond 64 bits|needs more than \d+ data bytes|widths? above|overflow'),
    ('2/3 limit before work (parameters, tensors)', r'more than \d+ (numbers|parameters)|the limit is|see --max-parameters|holds \d+ entries; the limit'),
    ('2/3 pickle bomb bounds', r'pickle bomb|memo exceeds|stack exceeds|nest deeper'),
    ('3 ONNX counted before decoding', r'protobuf (messages|values)'),
    ('4 name collision / unknown key', r'same layer|collid|both name|appears twice|unknown key|not a key'),
    ('7 escaped control characters', r'\\u\{|\\n|\\r|\\t'),
    ('view outside storage', r'outside its storage|beyond its storage|past the end of (its|the) storage|storage of'),
]
for name in sys.argv[1:]:
    d = os.path.join(root, '.build-fuzz/corpus', name)
    files = [f for f in os.listdir(d) if re.fullmatch(r'[0-9a-f]{40}', f)]
    counts = Counter()
    for f in files:
        path = os.path.join(d, f)
        data = open(path, 'rb').read()
        if name == 'pytorch' and not data.startswith(b'PK'):
            t = tempfile.NamedTemporaryFile(delete=False, suffix='.pt'); t.write(wrapped(data)); t.close(); path = t.name
        p = subprocess.run([nnid, 'info', path, '--activations', 'relu,identity'], capture_output=True, text=True, timeout=30)
        if path.startswith(tempfile.gettempdir()): os.unlink(path)
        msg = p.stderr
        for label, rx in classes:
            if re.search(rx, msg): counts[label] += 1
    print(name, len(files), dict(counts))
