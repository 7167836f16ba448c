/** Range checks on a layer's channels and positions, shared by the adapters. */
import type { LayerInfo } from './layers-model-view.js';
import { ADAPTER_MESSAGES as MESSAGES } from './messages.js';

/** Throws a message naming the layer's channel range when `channel` is outside it. */
export function checkChannelOf(info: LayerInfo, layerName: string, channel: number, fn: string): void {
  if (!Number.isInteger(channel) || channel < 0 || channel >= info.channels)
    throw new Error(MESSAGES.channelOutOfRange(fn, layerName, channel, info.channels));
}

/** Throws a message naming the layer's spatial extent when (x, y) is outside it (or the layer is not spatial). */
export function checkPositionOf(info: LayerInfo, layerName: string, x: number, y: number, fn: string): void {
  const { outputShape } = info;
  if (outputShape.length !== 4) throw new Error(MESSAGES.notSpatial(fn, layerName, outputShape));
  const height = outputShape[1] as number;
  const width = outputShape[2] as number;
  if (!Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= width || y >= height)
    throw new Error(MESSAGES.positionOutOfRange(fn, layerName, x, y, width, height));
}
