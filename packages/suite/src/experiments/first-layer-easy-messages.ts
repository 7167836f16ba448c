/** User-facing error messages of `first-layer-easy-deeper-hard` and its composite filter (each names the function). */
import { escapeForMessage } from '@openbox/safe-io';

const show = (value: unknown): string => escapeForMessage(String(value), 60);

export const FIRST_LAYER_EASY_MESSAGES = {
  unknownLayer: (fn: string, layer: string, layers: readonly string[]) =>
    `${fn}: layer must be one of the model's layers (${layers.map(show).join(', ')}), got ${show(layer)}.`,
  notConv: (fn: string, layer: string, className: string) =>
    `${fn}: layer ${show(layer)} must be a Conv2D layer, got a ${show(className)}.`,
  notSpatial: (fn: string, layer: string, shape: readonly (number | null)[]) =>
    `${fn}: layer ${show(layer)} must have a [batch, height, width, channels] output, got [${shape.join(', ')}].`,
  badUnit: (
    fn: string,
    layer: string,
    channel: number,
    y: number,
    x: number,
    size: { h: number; w: number; c: number },
  ) =>
    `${fn}: the unit must lie in layer ${show(layer)} (channel 0..${size.c - 1}, y 0..${size.h - 1}, x 0..${size.w - 1}), got channel ${show(channel)} at y=${show(y)}, x=${show(x)}.`,
  notReadable: (why: string) =>
    `The weights-alone reading of a deep unit pushes its kernel back to the pixels through a sequential chain of Conv2D, pooling and pass-through layers; this model's chain cannot be inverted that way (${why}).`,
  unsupportedLayer: (fn: string, layer: string, what: string) =>
    `${fn}: cannot push weights back through layer ${show(layer)} (${show(what)}); supported: Conv2D without dilation, MaxPooling2D, AveragePooling2D, activations and dropout.`,
  tooFewConvLayers: (fn: string, found: number) =>
    `${fn}: the model must have at least two Conv2D layers (a first and a deeper one to compare), got ${found}.`,
} as const;
