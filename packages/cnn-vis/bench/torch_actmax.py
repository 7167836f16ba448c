"""The PyTorch side of the cnn-vis benchmark: the same activation-maximization loop as OpenBox's `renderUnits`.

Benchmark-only (Debian's python3-torch). Usage: `torch_actmax.py <dir>`, where `<dir>/<name>.json` holds a network
exported from tfjs (bench/export-net.ts: conv / max-pool layers up to the objective's layer, tfjs weight layouts).
Prints one JSON line at start, then answers one JSON line per command on stdin:

    run <name> <threads> <steps> <units>   → {"seconds", "stepsPerSecond", "maxRssMiB", "objective"}

The loop, per step (as OpenBox's defaults): Lucid's Fourier parameterization (half spectra, 1/f scaling, sd 0.01,
irfft2 / 4), colour decorrelation for RGB, sigmoid; pad → jitter → one random zoom in [0.9, 1.1] per step → a random
rotation in ±10° per image → jitter, pixel amounts × size/224 (grid_sample, bilinear, zeros outside, centre
(n − 1)/2: the same sampling as OpenBox's separable zoom; the rotation is one bilinear sample where OpenBox does three
1-D shears, the same cost class); bilinear resize (align_corners) back to the input size; the channel objective
(mean activation of channel b for image b); Adam(lr 0.05) on −Σ objective.
"""
import json
import math
import resource
import sys
import time

import torch
import torch.nn.functional as F

COLOR = torch.tensor([[0.26, 0.09, 0.02], [0.27, 0.0, -0.05], [0.27, -0.09, 0.03]])


def load(path):
    with open(path) as f:
        spec = json.load(f)
    layers = []
    for layer in spec["layers"]:
        if layer["type"] == "conv":
            kh, kw, cin, cout = layer["shape"]
            kernel = torch.tensor(layer["kernel"], dtype=torch.float32).reshape(kh, kw, cin, cout).permute(3, 2, 0, 1).contiguous()
            layers.append(("conv", kernel, torch.tensor(layer["bias"], dtype=torch.float32), layer["strides"], layer["relu"]))
        else:
            layers.append(("pool", layer["pool"]))
    return spec["input"], layers


def forward(layers, x):
    for layer in layers:
        if layer[0] == "conv":
            _, kernel, bias, strides, relu = layer
            x = F.conv2d(x, kernel, bias, stride=strides)
            x = F.relu(x) if relu else x
        else:
            x = F.max_pool2d(x, layer[1])
    return x


def px(n, size):
    return max(1, round(n * size / 224))


def render(net, steps, units, seed):
    (h, w, c), layers = net
    gen = torch.Generator().manual_seed(seed)
    wf = w // 2 + 1
    fy = torch.fft.fftfreq(h)[:, None]
    fx = torch.fft.rfftfreq(w)[None, :]
    freqs = torch.sqrt(fx * fx + fy * fy)
    scale = math.sqrt(h * w) / torch.clamp(freqs, min=1 / max(h, w))
    params = (torch.randn(2, units, c, h, wf, generator=gen) * 0.01).requires_grad_()
    color = COLOR / COLOR.norm(dim=0).max()
    size = max(h, w)
    pad, jit, final_jit = px(12, size), px(8, size), px(4, size)
    pad_value = 0.5 if c == 3 else 0.0
    optimizer = torch.optim.Adam([params], lr=0.05)
    channels = torch.arange(units)

    def image():
        spectrum = torch.complex(params[0], params[1]) * scale
        t = torch.fft.irfft2(spectrum, s=(h, w)) / 4
        if c == 3:
            t = torch.einsum("bchw,dc->bdhw", t, color)
        return torch.sigmoid(t)

    def crop(x, d):
        oy, ox = torch.randint(0, d + 1, (2,), generator=gen).tolist()
        return x[:, :, oy : x.shape[2] - d + oy, ox : x.shape[3] - d + ox]

    def affine(x, theta):
        grid = F.affine_grid(theta, list(x.shape), align_corners=True)
        return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=True)

    value = None
    for _ in range(steps):
        optimizer.zero_grad()
        x = F.pad(image(), (pad, pad, pad, pad), value=pad_value)
        x = crop(x, jit)
        s = 0.9 + 0.2 * torch.rand((), generator=gen).item()
        zoom = torch.tensor([[1 / s, 0, 0], [0, 1 / s, 0]]).expand(units, 2, 3)
        x = affine(x, zoom)
        phi = (2 * torch.rand(units, generator=gen) - 1) * math.radians(10)
        cos, sin, zero = torch.cos(phi), torch.sin(phi), torch.zeros(units)
        x = affine(x, torch.stack([torch.stack([cos, -sin, zero], 1), torch.stack([sin, cos, zero], 1)], 1))
        x = crop(x, final_jit)
        x = F.interpolate(x, size=(h, w), mode="bilinear", align_corners=True)
        acts = forward(layers, x)
        value = acts[torch.arange(units), channels].mean(dim=(1, 2))
        (-value.sum()).backward()
        optimizer.step()
    return float(value.mean())


def main():
    directory = sys.argv[1]
    nets = {}
    print(json.dumps({"torch": torch.__version__, "python": sys.version.split()[0]}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        _, name, threads, steps, units = words
        torch.set_num_threads(int(threads))
        if name not in nets:
            nets[name] = load(f"{directory}/{name}.json")
        started = time.perf_counter()
        objective = render(nets[name], int(steps), int(units), 0)
        seconds = time.perf_counter() - started
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            json.dumps(
                {"seconds": seconds, "stepsPerSecond": int(steps) / seconds, "maxRssMiB": rss, "objective": objective}
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
