/** `bench/torch-python.ts`: the skip reason when the PyTorch python is missing or lacks torch. */
import { describe, expect, it } from 'vitest';
import { torchPython } from '../../bench/torch-python.js';

describe('torchPython', () => {
  it('names a missing python and the package to install', () => {
    const py = torchPython({ OPENBOX_TORCH_PYTHON: '/nonexistent/python3' });
    expect(py).toEqual({
      skipped:
        "/nonexistent/python3 cannot import torch (spawnSync /nonexistent/python3 ENOENT); install Debian's python3-torch",
    });
  });

  it('names the import error of a python without torch', () => {
    const py = torchPython({ OPENBOX_TORCH_PYTHON: process.execPath }); // node: `-c` is not a node option
    expect('skipped' in py && py.skipped.startsWith(`${process.execPath} cannot import torch (`)).toBe(true);
  });
});
