"""PyTorch peer of @openbox/attribution's benchmark: the same reference CNN, weights and computations, on CPU.

bench/run.ts exports the trained tfjs weights (and the fully re-initialized ones of the model-randomization cascade),
the digits, the targets and its own results to a folder as raw little-endian float32 (NHWC, tfjs kernel layouts) with
a manifest.json. This script loads them into an equivalent nn.Module (NHWC -> NCHW, kernels [kh, kw, in, out] ->
[out, in, kh, kw], the dense rows reordered from tfjs's h, w, c flatten order to PyTorch's c, h, w) and computes, written
out by hand (Captum's IntegratedGradients is timed beside them, "run captum-ig", where Captum imports):
  - integrated gradients, Gauss-Legendre nodes from numpy's leggauss (as Captum), zero baseline, batched gradients,
    and the completeness delta (as OpenBox computes it);
  - Grad-CAM on conv2 (post-ReLU activations), ReLU, bilinear upsampling with half-pixel centres;
  - occlusion, 4x4 windows at stride 2 (Captum's window count), baseline 0, mean drop over covering windows;
  - the cascade of Adebayo et al.: saliency (signed gradient) of the model with the top k weighted layers replaced by
    the re-initialized weights, compared with the trained maps by Spearman's rho of |phi| and phi, and SSIM.
Usage: python3 torch_attribution.py DIR THREADS, then one command per stdin line ("run TASK", "check"), one JSON line
out per command; or python3 torch_attribution.py DIR THREADS --memory TASK (peak RSS increase of one run, fresh process).
"""
import json
import resource
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

DIR, THREADS = sys.argv[1], int(sys.argv[2])
torch.set_num_threads(THREADS)
torch.set_grad_enabled(False)
M = json.load(open(f"{DIR}/manifest.json"))


def load(name):
    shape = M["shapes"][name]
    return torch.from_numpy(np.fromfile(f"{DIR}/{name}.f32", dtype="<f4").reshape(shape).copy())


class Net(nn.Module):
    """conv5x5x16 + ReLU -> pool 2 -> conv5x5x32 + ReLU -> pool 2 -> flatten -> dense 10 (logits). Every method explains
    the logit of the label, as OpenBox does by default (output: 'logits', the softmax of the tfjs model stripped)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 5)
        self.conv2 = nn.Conv2d(16, 32, 5)
        self.probs = nn.Linear(512, 10)

    def set_weights(self, prefix, layers):
        with torch.no_grad():
            for name in layers:
                kernel, bias = load(f"{prefix}{name}.kernel"), load(f"{prefix}{name}.bias")
                layer = getattr(self, name)
                if name == "probs":  # tfjs rows are (h, w, c) of the NHWC [4, 4, 32] map; torch flattens (c, h, w)
                    kernel = kernel.reshape(4, 4, 32, 10).permute(2, 0, 1, 3).reshape(512, 10)
                    layer.weight.copy_(kernel.T)
                else:
                    layer.weight.copy_(kernel.permute(3, 2, 0, 1))
                layer.bias.copy_(bias)

    def features(self, x):
        return F.relu(self.conv2(F.max_pool2d(F.relu(self.conv1(x)), 2)))

    def head(self, a):
        return self.probs(torch.flatten(F.max_pool2d(a, 2), 1))

    def forward(self, x):
        return self.head(self.features(x))


DTYPE = torch.float32
LAYERS = ["conv1", "conv2", "probs"]
net = Net()
net.set_weights("", LAYERS)
X = load("x").permute(0, 3, 1, 2).contiguous()  # NCHW
TARGETS = torch.tensor(M["targets"], dtype=torch.long)
BATCH = M["batchRows"]
N = {"ig": M["n"]["ig"], "gradcam": M["n"]["gradcam"], "occlusion": M["n"]["occlusion"], "cascade": M["n"]["cascade"]}


def picked(model, x, t):
    return model(x).gather(1, t[:, None])[:, 0]


def input_grad(model, x, t):
    with torch.enable_grad():
        z = x.detach().requires_grad_(True)
        picked(model, z, t).sum().backward()
        return z.grad


def integrated_gradients(n, steps):
    nodes, w = np.polynomial.legendre.leggauss(steps)
    alphas, weights = torch.tensor((nodes + 1) / 2, dtype=torch.float32), torch.tensor(w / 2, dtype=torch.float32)
    x, t = X[:n], TARGETS[:n]
    rows = steps * n  # step-major rows, as OpenBox: row k*n + i is input i at node k
    total = torch.zeros_like(x)
    for start in range(0, rows, BATCH):
        idx = torch.arange(start, min(rows, start + BATCH))
        k, i = idx // n, idx % n
        a = alphas[k].view(-1, 1, 1, 1)
        g = input_grad(net, a * x[i], t[i])
        total.index_add_(0, i, weights[k].view(-1, 1, 1, 1) * g)
    ig = x * total
    # The completeness delta, as OpenBox returns it: sum IG - (f(x) - f(0)), from one forward of x and the baseline.
    ends = picked(net, torch.cat([x, torch.zeros_like(x)]), torch.cat([t, t]))
    ig.delta = ig.flatten(1).sum(1) - (ends[:n] - ends[n:])
    return ig


def grad_cam(n):
    x, t = X[:n], TARGETS[:n]
    with torch.enable_grad():
        a = net.features(x).detach().requires_grad_(True)
        net.head(a).gather(1, t[:, None]).sum().backward()
    layer = (a.grad.mean((2, 3), keepdim=True) * a).sum(1, keepdim=True)
    up = F.interpolate(F.relu(layer), size=(28, 28), mode="bilinear", align_corners=False)
    return layer, up


def window_masks(h, w, win, stride):
    starts = lambda size: range(0, 1 + -(-(size - win) // stride) * stride, stride)  # 1 + ceil((size - win)/stride)
    masks = []
    for y0 in starts(h):
        for x0 in starts(w):
            m = torch.zeros(h, w)
            m[y0 : y0 + win, x0 : x0 + win] = 1
            masks.append(m.flatten())
    return torch.stack(masks)


MASKS = window_masks(28, 28, 4, 2)


def occlusion(n):
    x, t = X[:n], TARGETS[:n]
    full = picked(net, x, t)
    count = MASKS.shape[0]
    keep = (1 - MASKS).view(count, 1, 28, 28)
    rows = n * count  # input-major: row i*count + j is input i with window j at the baseline
    occluded = torch.empty(rows, dtype=X.dtype)
    for start in range(0, rows, BATCH):
        idx = torch.arange(start, min(rows, start + BATCH))
        i, j = idx // count, idx % count
        occluded[start : start + len(idx)] = picked(net, x[i] * keep[j], t[i])
    drops = full[:, None] - occluded.view(n, count)
    return ((drops @ MASKS) / MASKS.sum(0)).view(n, 1, 28, 28)


def average_ranks(v):
    s = v.sort(1).values
    lo = torch.searchsorted(s, v, right=False).float()
    hi = torch.searchsorted(s, v, right=True).float()
    return (lo + hi + 1) / 2


def spearman(a, b):
    ra, rb = average_ranks(a.flatten(1)), average_ranks(b.flatten(1))
    ca, cb = ra - ra.mean(1, keepdim=True), rb - rb.mean(1, keepdim=True)
    return (ca * cb).sum(1) / torch.sqrt((ca * ca).sum(1) * (cb * cb).sum(1))


K = torch.exp(-((torch.arange(11.0) - 5) ** 2) / (2 * 1.5**2))


def local_mean(x):
    blur = lambda t: F.conv2d(F.conv2d(t, K.view(1, 1, 1, 11), padding=(0, 5)), K.view(1, 1, 11, 1), padding=(5, 0))
    return blur(x) / blur(torch.ones_like(x[:1]))


def ssim(x, y):
    both = torch.cat([x, y], 2)
    rng = both.amax((1, 2, 3)) - both.amin((1, 2, 3))
    L = torch.where(rng > 0, rng, torch.ones_like(rng)).view(-1, 1, 1, 1)
    c1, c2 = (L * 0.01) ** 2, (L * 0.03) ** 2
    gx, gy = x.mean((1, 2, 3), keepdim=True), y.mean((1, 2, 3), keepdim=True)
    dx, dy = x - gx, y - gy
    ux, uy = local_mean(dx), local_mean(dy)
    vx, vy = local_mean(dx * dx) - ux * ux, local_mean(dy * dy) - uy * uy
    cxy = local_mean(dx * dy) - ux * uy
    mx, my = ux + gx, uy + gy
    num = (2 * mx * my + c1) * (2 * cxy + c2)
    return (num / ((mx * mx + my * my + c1) * (vx + vy + c2))).mean((1, 2, 3))


def compare_maps(a, b):
    unit = lambda t: t.abs() / torch.where(t.abs().amax((1, 2, 3), keepdim=True) > 0, t.abs().amax((1, 2, 3), keepdim=True), 1.0)
    ua, ub = unit(a), unit(b)
    return torch.stack([spearman(ua, ub), spearman(a, b), ssim(ua, ub)])


def cascade(n):
    x, t = X[:n], TARGETS[:n]
    original = input_grad(net, x, t)
    sims = [compare_maps(original, original)]
    top_down = LAYERS[::-1]
    for k in range(1, len(top_down) + 1):
        copy = Net().to(DTYPE)
        copy.load_state_dict(net.state_dict())
        copy.set_weights("random.", top_down[:k])
        sims.append(compare_maps(original, input_grad(copy, x, t)))
    return torch.stack(sims)  # [steps + 1, 3, n]


TASKS = {
    "ig": lambda: integrated_gradients(N["ig"], M["steps"]),
    "gradcam": lambda: grad_cam(N["gradcam"]),
    "occlusion": lambda: occlusion(N["occlusion"]),
    "cascade": lambda: cascade(N["cascade"]),
}


def in_float64(task):
    """The task in float64 (net, digits, windows, SSIM window), the arbiter where float32 rounding meets a kink."""
    global net, X, MASKS, K, DTYPE
    saved = net, X, MASKS, K, DTYPE
    net, X, MASKS, K, DTYPE = net.double(), X.double(), MASKS.double(), K.double(), torch.float64
    try:
        return task()
    finally:
        net, X, MASKS, K, DTYPE = saved
        net.float()


def compare(ours, name, reference, tolerance, nhwc=True):
    """max |torch - OpenBox|, the scale max |OpenBox|, how many entries differ by more than tolerance x scale, and
    both sides' max |delta| from the float64 arbiter."""
    theirs = load(name)
    if nhwc and theirs.dim() == 4:
        theirs = theirs.permute(0, 3, 1, 2)
    theirs = theirs.reshape(ours.shape)
    scale = float(theirs.abs().max())
    d = (ours - theirs).abs()
    ref = reference.reshape(ours.shape)
    return {
        "maxAbs": float(d.max()),
        "scale": scale,
        "beyond": int((d > tolerance * scale).sum()),
        "count": d.numel(),
        "openboxVs64": float((theirs.double() - ref).abs().max()),
        "torchVs64": float((ours.double() - ref).abs().max()),
    }


def check(tolerance):
    nodes, w = np.polynomial.legendre.leggauss(M["steps"])
    openbox_nodes = np.fromfile(f"{DIR}/nodes.f64", dtype="<f8").reshape(2, -1)
    ig = lambda: integrated_gradients(N["ig"], M["steps"])
    cam = lambda: grad_cam(N["gradcam"])
    occ = lambda: occlusion(N["occlusion"])
    cas = lambda: cascade(N["cascade"])
    (layer, up), (layer64, up64) = cam(), in_float64(cam)
    return {
        "nodes": float(max(abs((nodes + 1) / 2 - openbox_nodes[0]).max(), abs(w / 2 - openbox_nodes[1]).max())),
        "ig": compare(ig(), "openbox.ig", in_float64(ig), tolerance),
        "gradcamLayer": compare(layer, "openbox.gradcamLayer", layer64, tolerance),
        "gradcam": compare(up, "openbox.gradcam", up64, tolerance),
        "occlusion": compare(occ(), "openbox.occlusion", in_float64(occ), tolerance),
        "cascade": compare(cas(), "openbox.cascade", in_float64(cas), tolerance, nhwc=False),
    }


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


if len(sys.argv) > 4 and sys.argv[3] == "--memory":
    before = rss_bytes()
    TASKS[sys.argv[4]]()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"peakBytes": max(0, peak - before)}), flush=True)
    sys.exit(0)

try:
    import captum
    from captum.attr import IntegratedGradients

    CAPTUM, CAPTUM_MISSING = captum.__version__, None

    def captum_ig():
        """Captum's IntegratedGradients on the same logits, nodes (Gauss-Legendre) and internal batch."""
        with torch.enable_grad():
            return IntegratedGradients(net).attribute(
                X[: N["ig"]], target=TARGETS[: N["ig"]], n_steps=M["steps"], method="gausslegendre",
                internal_batch_size=BATCH,
            )

    TASKS["captum-ig"] = captum_ig
except ImportError as error:
    CAPTUM, CAPTUM_MISSING = None, str(error)
print(json.dumps({"ready": True, "torch": torch.__version__, "threads": torch.get_num_threads(), "captum": CAPTUM,
                  "captumMissing": CAPTUM_MISSING}), flush=True)
for line in sys.stdin:
    command, *args = line.split()
    if command == "run":
        start = time.perf_counter()
        TASKS[args[0]]()
        print(json.dumps({"seconds": time.perf_counter() - start}), flush=True)
    elif command == "check":
        print(json.dumps(check(float(args[0]))), flush=True)
