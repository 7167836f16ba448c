/** Receptive fields of conv/pool units: which input pixels a unit at (y, x) of a layer can see. */
import { requireLayersModel, type ImageModel } from '@openbox/runtime';

/** A rectangle in input pixels, clipped to the image: rows `y0..y1 − 1`, columns `x0..x1 − 1`. */
export interface InputBox {
  readonly y0: number;
  readonly x0: number;
  readonly y1: number;
  readonly x1: number;
}

interface Geometry {
  /** Input pixels between neighbouring units. */
  jump: number;
  /** Receptive-field side in input pixels. */
  size: number;
  /** Input coordinate of the first unit's field start (may be negative with 'same' padding). */
  start: number;
}

function layerGeometry(
  config: Record<string, unknown>,
  className: string,
): { k: number; s: number; same: boolean } | undefined {
  const first = (v: unknown, fallback: number): number =>
    Array.isArray(v) ? Number(v[0]) : v === undefined || v === null ? fallback : Number(v);
  if (className === 'Conv2D' || className === 'DepthwiseConv2D' || className === 'SeparableConv2D') {
    const dilation = first(config.dilationRate, 1);
    return {
      k: (first(config.kernelSize, 1) - 1) * dilation + 1,
      s: first(config.strides, 1),
      same: config.padding === 'same',
    };
  }
  if (className === 'MaxPooling2D' || className === 'AveragePooling2D') {
    const k = first(config.poolSize, 2);
    return { k, s: first(config.strides, k), same: config.padding === 'same' };
  }
  return undefined;
}

/**
 * The input box seen by unit (y, x) of `layer`, from the chain of conv/pool layers before it (jump, size, start per
 * axis; square kernels; 'same' padding offsets the start by ⌊(k−1)/2⌋). Layers that keep spatial positions
 * (activations, batch norm) pass through. Square images assumed in both axes' geometry.
 * @example receptiveField(adapter, 'conv2', 3, 3) // { y0: 12, x0: 12, y1: 28, x1: 28 } for the MNIST CNN
 */
export function receptiveField(adapter: ImageModel, layer: string, y: number, x: number): InputBox {
  adapter.layer(layer, 'receptiveField');
  const g: Geometry = { jump: 1, size: 1, start: 0 };
  for (const l of requireLayersModel(adapter, 'receptiveField').layers) {
    const geo = layerGeometry(l.getConfig() as Record<string, unknown>, l.getClassName());
    if (geo !== undefined) {
      const padBefore = geo.same ? Math.floor((geo.k - 1) / 2) : 0;
      g.start += -padBefore * g.jump;
      g.size += (geo.k - 1) * g.jump;
      g.jump *= geo.s;
    }
    if (l.name === layer) break;
  }
  const [h, w] = adapter.inputShape;
  const y0 = g.start + y * g.jump;
  const x0 = g.start + x * g.jump;
  return {
    y0: Math.max(0, y0),
    x0: Math.max(0, x0),
    y1: Math.min(h, y0 + g.size),
    x1: Math.min(w, x0 + g.size),
  };
}
