"""PyTorch peer of @openbox/runtime's benchmark: the reference CNN on CPU, one JSON line per command (a LinePeer).

Same net as buildReferenceCnn: 28x28x1 -> conv5x5x16 valid + ReLU -> maxpool 2 -> conv5x5x32 valid + ReLU ->
maxpool 2 -> flatten 512 -> dense 10 (-> softmax), Glorot-uniform kernels and zero biases as tfjs initializes them.
Tasks, each timed after `warmup` untimed steps at `threads` threads (torch.set_num_threads per command):
  train          Adam (lr 1e-3), cross-entropy, batch 64: samples/s. OpenBox's loss is categorical cross-entropy of the
                 softmax output; here the same loss is nn.CrossEntropyLoss of the logits (log-softmax fused into it, as
                 PyTorch users write it), and loss.item() reads the loss back each step as tfjs's trainOnBatch does.
  inputGradient  steps/s of d(sum_i softmax(net(x))[i, label_i]) / dx for a batch of 8 (labels picked by a one-hot
                 mask). BOTH sides differentiate the SOFTMAX OUTPUT (probabilities), not the logits: OpenBox's
                 measureInputGradientRate differentiates model.apply(x), whose last layer is the softmax dense layer.
  inference      samples/s of softmax(net(x)) at batch 64 without autograd.
  matmul         GFLOP/s of a size x size float32 matrix product (2 size^3 FLOP per product), the machine's ceiling:
                 "kernel": "onednn" (default; oneDNN's GEMM, which PyTorch's convolutions use) or "blas" (torch.mm).
Run: /usr/bin/python3 bench/torch_reference.py (Debian's python3-torch), then one JSON command per stdin line, e.g.
{"task": "train", "threads": 2, "steps": 40} -> {"rate": ..., "seconds": ..., "threads": 2}.
"""
import json
import sys
import time

import torch
import torch.utils.mkldnn
from torch import nn

torch.manual_seed(0)


def build():
    net = nn.Sequential(
        nn.Conv2d(1, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(512, 10),
    )
    for m in net:
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return net


net = build()
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
x = torch.rand(64, 1, 28, 28)
y = torch.randint(0, 10, (64,))
probe = torch.rand(8, 1, 28, 28)
mask = nn.functional.one_hot(torch.randint(0, 10, (8,)), 10).float()


def train_step():
    opt.zero_grad()
    loss = loss_fn(net(x), y)
    loss.backward()
    opt.step()
    return loss.item()


def input_gradient_step():
    z = probe.clone().requires_grad_(True)
    (torch.softmax(net(z), 1) * mask).sum().backward()
    return z.grad


def inference_step():
    with torch.no_grad():
        return torch.softmax(net(x), 1).numpy()


def matmul(n, kernel):
    """One n x n product: 'onednn' through oneDNN's GEMM (what PyTorch's convolutions run on), 'blas' through torch.mm,
    which is the BLAS Debian links (BLAS_INFO=generic: the reference BLAS unless an optimized one is installed)."""
    a, b = torch.rand(n, n), torch.rand(n, n)
    if kernel == "blas":
        return lambda: torch.mm(a, b)
    linear = torch.utils.mkldnn.to_mkldnn(nn.Linear(n, n, bias=False))
    with torch.no_grad():
        linear.weight = b.to_mkldnn()  # the same product a @ b.T in oneDNN's layout
    am = a.to_mkldnn()

    def product():
        with torch.no_grad():
            return linear(am)

    return product


STEPS = {"train": (train_step, 64), "inputGradient": (input_gradient_step, 1), "inference": (inference_step, 64)}


def timed(step, steps, warmup):
    for _ in range(warmup):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return time.perf_counter() - start


def answer(command):
    torch.set_num_threads(int(command.get("threads", 1)))
    task = command["task"]
    warmup = int(command.get("warmup", 3))
    if task == "matmul":
        n, reps = int(command.get("size", 2048)), int(command.get("steps", 10))
        seconds = timed(matmul(n, command.get("kernel", "onednn")), reps, warmup)
        return {"rate": 2 * n**3 * reps / seconds / 1e9, "seconds": seconds}
    step, per_step = STEPS[task]
    steps = int(command.get("steps", 20))
    seconds = timed(step, steps, warmup)
    return {"rate": steps * per_step / seconds, "seconds": seconds}


print(json.dumps({"torch": torch.__version__, "python": sys.version.split()[0], "maxThreads": torch.get_num_threads()}), flush=True)
for line in sys.stdin:
    if line.strip() == "":
        continue
    command = json.loads(line)
    try:
        result = answer(command)
        result["threads"] = torch.get_num_threads()
    except Exception as error:  # the benchmark names the failing command
        result = {"error": f"{type(error).__name__}: {error}"}
    print(json.dumps(result), flush=True)
