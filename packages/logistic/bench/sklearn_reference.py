"""scikit-learn's side of `pnpm bench` for @openbox/logistic (benchmark only; scikit-learn is never a dependency).

Usage: python sklearn_reference.py. Prints one JSON line when ready, then answers one JSON line per command read
from stdin:
  breast <prefix>                       write scikit-learn's breast-cancer data, standardized (population sd), as raw
                                        float64 <prefix>.x (569 x 30, row-major) and <prefix>.y; answer {n, d}
  load <name> <prefix> <n> <d>          read <prefix>.x / <prefix>.y (raw little-endian float64) as data set <name>
  fit <name> <solver> <l2> <tol> <max_iter> <threads>
                                        time LogisticRegression(C = 1/l2, solver, tol, max_iter).fit on <name> with
                                        BLAS limited to <threads>; answer {seconds, iterations, gradientNorm, coef,
                                        intercept}
  gradnorm <name> <l2> <prefix>        ||grad|| (as below) at OpenBox's parameters, raw float64 <prefix>.theta holding
                                        K rows of (intercept, coefficients); answer {gradientNorm}
The gradient norm is computed here in numpy on the fitted coefficients for OpenBox's objective,
sum_i log-loss_i + (l2/2) sum_k ||w_k||^2 (intercepts unpenalized): scikit-learn minimizes the same objective divided
by n (C = 1/l2, its loss is the mean), so both sides' figures are comparable.
"""

import json
import platform
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.datasets import load_breast_cancer
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_info, threadpool_limits

warnings.filterwarnings("ignore", category=ConvergenceWarning)


def gradient_norm(x, y, coef, intercept, l2):
    """||grad|| of sum log-loss + (l2/2)||W||^2 at (intercept, coef): binary when coef has one row, else softmax."""
    eta = x @ coef.T + intercept
    if coef.shape[0] == 1:
        r = 1.0 / (1.0 + np.exp(-eta[:, 0])) - y
        g = np.concatenate([[r.sum()], x.T @ r + l2 * coef[0]])
        return float(np.linalg.norm(g))
    eta -= eta.max(axis=1, keepdims=True)
    p = np.exp(eta)
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y.astype(np.int64)] -= 1.0
    g = np.concatenate([p.sum(axis=0)[:, None], (x.T @ p).T + l2 * coef], axis=1)
    return float(np.linalg.norm(g))


def main():
    data = {}
    blas = [{"api": i.get("internal_api"), "threads": i.get("num_threads")} for i in threadpool_info()]
    print(
        json.dumps(
            {
                "sklearn": sklearn.__version__,
                "numpy": np.__version__,
                "python": platform.python_version(),
                "blas": blas,
            }
        ),
        flush=True,
    )
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        command = words[0]
        if command == "breast":
            x, y = load_breast_cancer(return_X_y=True)
            x = (x - x.mean(axis=0)) / x.std(axis=0)
            np.ascontiguousarray(x, dtype="<f8").tofile(words[1] + ".x")
            np.ascontiguousarray(y, dtype="<f8").tofile(words[1] + ".y")
            answer = {"n": int(x.shape[0]), "d": int(x.shape[1])}
        elif command == "load":
            name, prefix, n, d = words[1], words[2], int(words[3]), int(words[4])
            x = np.fromfile(prefix + ".x", dtype="<f8").reshape(n, d)
            y = np.fromfile(prefix + ".y", dtype="<f8")
            data[name] = (x, y)
            answer = {"n": n, "d": d}
        elif command == "fit":
            name, solver = words[1], words[2]
            l2, tol, max_iter, threads = float(words[3]), float(words[4]), int(words[5]), int(words[6])
            x, y = data[name]
            model = LogisticRegression(C=1.0 / l2, solver=solver, tol=tol, max_iter=max_iter)
            with threadpool_limits(limits=threads):
                start = time.perf_counter()
                model.fit(x, y)
                seconds = time.perf_counter() - start
            answer = {
                "seconds": seconds,
                "iterations": int(np.max(model.n_iter_)),
                "gradientNorm": gradient_norm(x, y, model.coef_, model.intercept_, l2),
                "coef": model.coef_.ravel().tolist(),
                "intercept": model.intercept_.tolist(),
            }
        elif command == "gradnorm":
            x, y = data[words[1]]
            theta = np.fromfile(words[3] + ".theta", dtype="<f8").reshape(-1, x.shape[1] + 1)
            norm = gradient_norm(x, y, theta[:, 1:], theta[:, 0], float(words[2]))
            answer = {"gradientNorm": norm}
        else:
            answer = {"error": f"unknown command {command}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
