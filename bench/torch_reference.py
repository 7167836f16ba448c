"""PyTorch reference for @openbox/runtime's benchmark: the reference CNN on CPU (2 threads), printed as JSON.

Same net as buildReferenceCnn: 28x28x1 -> conv5x5x16 valid + ReLU -> maxpool 2 -> conv5x5x32 valid + ReLU ->
maxpool 2 -> flatten 512 -> dense 10. Adam (lr 1e-3), cross-entropy, batch 64 for training; the gradient of picked
logits with respect to a batch of 8 inputs for the input-gradient rate. Run: /usr/bin/python3 bench/torch_reference.py
"""
import json
import time

import torch
from torch import nn

torch.manual_seed(0)
torch.set_num_threads(2)

net = nn.Sequential(
    nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(512, 10),
)
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(64, 1, 28, 28)
y = torch.randint(0, 10, (64,))


def train_step():
    opt.zero_grad()
    loss = loss_fn(net(x), y)
    loss.backward()
    opt.step()
    return loss.item()


for _ in range(5):
    train_step()
steps = 40
start = time.perf_counter()
for _ in range(steps):
    train_step()
train_rate = steps * 64 / (time.perf_counter() - start)

probe = torch.rand(8, 1, 28, 28)
mask = nn.functional.one_hot(torch.tensor([3, 1, 4, 1, 5, 9, 2, 6]), 10).float()


def input_grad():
    z = probe.clone().requires_grad_(True)
    (net(z) * mask).sum().backward()
    return z.grad


for _ in range(5):
    input_grad()
start = time.perf_counter()
for _ in range(100):
    input_grad()
grad_rate = 100 / (time.perf_counter() - start)

print(json.dumps({"samplesPerSecond": train_rate, "inputGradSteps": grad_rate}))
