/**
 * `scopeAlias`: a graph node addressed by the Keras layer name it was converted from. tensorflowjs_converter names a
 * layer's ops inside its name scope (`StatefulPartitionedCall/model/block1/conv/Conv2D`, `…/block1/conv/BiasAdd`); the
 * layer's output is the scope's last node in topological order, so `block1/conv` (or `conv` when only one scope ends
 * in it) stands for `…/block1/conv/BiasAdd`.
 */
import type { LayerInfo } from './layers-model-view.js';
import { ADAPTER_MESSAGES as MESSAGES } from './messages.js';

/** The scope of `node` that `alias` names (the node name up to the end of the alias' segments), or undefined. */
function scopeOf(node: string, alias: string): string | undefined {
  const segments = node.split('/');
  const want = alias.split('/');
  for (let end = segments.length; end >= want.length; end--) {
    const start = end - want.length;
    if (want.every((w, i) => segments[start + i] === w)) return segments.slice(0, end).join('/');
  }
  return undefined;
}

/**
 * The last node (in `layers`' topological order) of the one name scope that ends in `alias`'s path segments;
 * `undefined` when no node is in such a scope; an error naming `fn` and the candidate scopes when several are.
 * @example scopeAlias(adapter.layers(), 'block2/concat', 'visualize') // the `…/block2/concat/concat` node
 */
export function scopeAlias(layers: readonly LayerInfo[], alias: string, fn: string): LayerInfo | undefined {
  if (alias === '' || alias.startsWith('/') || alias.endsWith('/')) return undefined;
  const byScope = new Map<string, LayerInfo>();
  for (const layer of layers) {
    const scope = scopeOf(layer.name, alias);
    if (scope !== undefined) byScope.set(scope, layer);
  }
  if (byScope.size > 1) throw new Error(MESSAGES.ambiguousScope(fn, alias, [...byScope.keys()]));
  return byScope.values().next().value;
}
