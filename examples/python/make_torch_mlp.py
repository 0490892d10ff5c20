#!/usr/bin/env python3
"""Train a small PyTorch MLP and save it as safetensors that `nnid` reads exactly.

    pip install torch safetensors
    python3 make_torch_mlp.py            # writes torch_mlp.safetensors
    nnid info torch_mlp.safetensors

The state dict of `nn.Sequential(Linear, ReLU, Linear, ReLU, Linear)` names its tensors
`0.weight` [out, in], `0.bias`, `2.weight`, …, `4.bias`: the activation modules take indices
1 and 3 but hold no tensors. Activations are not tensors, so they go into the safetensors
metadata as `nnid.activations` (one per Linear layer); `nnid.input_domain` says where inputs
are sampled.
"""
import torch
from torch import nn
from safetensors.torch import save_file

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 1))

# Fit y = |x0| - x1 on [-1, 1]^2 for a few hundred steps.
x = torch.rand(512, 2) * 2 - 1
y = (x[:, :1].abs() - x[:, 1:]).detach()
optimiser = torch.optim.Adam(model.parameters(), lr=1e-2)
for step in range(300):
    optimiser.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimiser.step()
print(f"final training loss {loss.item():.2e}")

save_file(
    {name: tensor.contiguous() for name, tensor in model.state_dict().items()},
    "torch_mlp.safetensors",
    metadata={
        "nnid.activations": "relu,relu,identity",
        "nnid.input_domain": "box:-1,1",
        "nnid.name": "torch-mlp",
    },
)
print("wrote torch_mlp.safetensors")
