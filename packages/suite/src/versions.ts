/** Versions recorded in a run's manifest: Node, TensorFlow.js, and OpenBox's packages. */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';

const require = createRequire(import.meta.url);

function packageVersion(name: string): string | undefined {
  try {
    return (require(`${name}/package.json`) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** `{ node, tfjs, '@openbox/suite', ... }` for the packages that resolve from here. */
export function collectVersions(): Record<string, string> {
  const versions: Record<string, string> = { node: process.version, 'tfjs-core': tf.version_core };
  for (const name of [
    '@openbox/suite',
    '@openbox/runtime',
    '@openbox/cnn-vis',
    '@openbox/logistic',
    '@openbox/datasets',
  ]) {
    const version = packageVersion(name);
    if (version !== undefined) versions[name] = version;
  }
  return versions;
}
