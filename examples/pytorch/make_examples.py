#!/usr/bin/env python3
"""Writes the safetensors files of examples/pytorch/ with the real safetensors writer, laid out
as `safetensors.torch.save_file(model.state_dict(), path, metadata=...)` lays out

    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))

(tensor names 0.weight [out, in], 0.bias, 2.weight, 2.bias; float32). Needs numpy and
safetensors, not torch:

    python3 examples/pytorch/make_examples.py
"""
import os

import numpy as np
from safetensors.numpy import save_file

HERE = os.path.dirname(os.path.abspath(__file__))

# float32 values, as training would leave them: 0.1 is the float32 nearest to 1/10.
tensors = {
    "0.weight": np.array([[0.5, -0.1], [1.25, 0.75], [-1.0, 0.3]], dtype=np.float32),
    "0.bias": np.array([0.1, -0.25, 0.5], dtype=np.float32),
    "2.weight": np.array([[1.5, -0.5, 2.0]], dtype=np.float32),
    "2.bias": np.array([0.0], dtype=np.float32),
}

save_file(tensors, os.path.join(HERE, "relu-2-3-1.safetensors"), metadata={
    "nnid.activations": "relu,identity",
    "nnid.name": "relu-2-3-1-pytorch",
    "nnid.input_domain": "box:-1,1",
})
save_file(tensors, os.path.join(HERE, "relu-2-3-1-bare.safetensors"))
