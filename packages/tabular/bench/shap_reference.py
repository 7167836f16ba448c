"""SHAP's side of `pnpm bench` for @openbox/tabular (benchmark only; SHAP is never a dependency).

Usage: python shap_reference.py <dir>. Reads <dir>/model.json (the Dense layers' kernels and biases exported from
tfjs, the explained rows x and the background), prints one JSON line when ready, then answers one JSON line per
command read from stdin:
  exact N   time shap.explainers.Exact(f, shap.maskers.Independent(background, max_samples=100)) on the first N rows
  kernel N  time shap.KernelExplainer(f, background).shap_values(x[:N], nsamples, l1_reg=False)
  values    the Shapley values of the last exact and kernel runs (and f(x), f(background) in float64)
f is the same MLP written in numpy, float64, returning the logit (the last layer's pre-activation), the output
OpenBox explains with explainedOutput(..., { output: 'logit' }).
"""

import json
import platform
import sys
import time

import numpy as np
import shap


def load(folder):
    with open(f"{folder}/model.json", encoding="utf8") as handle:
        spec = json.load(handle)
    d = spec["features"]
    layers = [
        (
            np.asarray(layer["kernel"], dtype=np.float64).reshape(layer["units_in"], layer["units_out"]),
            np.asarray(layer["bias"], dtype=np.float64),
            layer["activation"],
        )
        for layer in spec["layers"]
    ]
    x = np.asarray(spec["x"], dtype=np.float64).reshape(-1, d)
    background = np.asarray(spec["background"], dtype=np.float64).reshape(-1, d)
    return spec, layers, x, background


ACTIVATIONS = {
    "relu": lambda h: np.maximum(h, 0.0),
    "tanh": np.tanh,
    "linear": lambda h: h,
}


def mlp(layers):
    """f(X) = logit: every Dense layer with its activation, the last one without (its sigmoid is the head)."""

    def f(rows):
        h = np.asarray(rows, dtype=np.float64)
        for i, (kernel, bias, activation) in enumerate(layers):
            h = h @ kernel + bias
            if i < len(layers) - 1:
                h = ACTIVATIONS[activation](h)
        return h[:, 0]

    return f


def main():
    folder = sys.argv[1]
    spec, layers, x, background = load(folder)
    f = mlp(layers)
    last = {}
    print(
        json.dumps(
            {
                "shap": shap.__version__,
                "numpy": np.__version__,
                "python": platform.python_version(),
            }
        ),
        flush=True,
    )
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        command = words[0]
        if command == "values":
            print(
                json.dumps(
                    {
                        **last,
                        "fx": f(x).tolist(),
                        "fBackground": f(background).tolist(),
                    }
                ),
                flush=True,
            )
            continue
        n = int(words[1])
        start, cpu_start = time.perf_counter(), time.process_time()
        if command == "exact":
            explainer = shap.explainers.Exact(f, shap.maskers.Independent(background, max_samples=100))
            result = explainer(x[:n], silent=True)
            values, base = result.values, np.asarray(result.base_values)
        elif command == "kernel":
            np.random.seed(spec["seed"])
            explainer = shap.KernelExplainer(f, background)
            values = explainer.shap_values(x[:n], nsamples=spec["kernelSamples"], l1_reg=False, silent=True)
            base = np.full(n, explainer.expected_value)
        else:
            raise ValueError(f"unknown command {command!r}")
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
        last[command] = {"values": np.asarray(values).reshape(n, -1).tolist(), "base": base.reshape(-1).tolist()}
        print(json.dumps({"seconds": seconds, "cpuSeconds": cpu_seconds}), flush=True)


if __name__ == "__main__":
    main()
