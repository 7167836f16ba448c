/** `noGradientGraphArtifacts`: a tiny graph model whose last op (DepthToSpace) has no gradient in TensorFlow.js. */
import { GraphBuilder, type GraphModelArtifacts } from './graph-builder.js';
import { graphAttrs as a } from './graph-def.js';

/** Node names of {@link noGradientGraphArtifacts}. */
export const NO_GRADIENT_GRAPH_NODES = {
  input: 'x',
  conv: 'mix/Conv2D',
  noGradient: 'up/DepthToSpace',
  output: 'Identity',
} as const;

/**
 * `x` `[-1, 2, 2, 4]` → `mix/Conv2D` (1×1, 4 → 4, fixed weights) → `up/DepthToSpace` (block 2; tfjs-core 4.22
 * registers no gradient for DepthToSpace) → `Identity` `[-1, 4, 4, 1]`. Runs forward; `tf.grad` through the output
 * fails with "Cannot compute gradient: gradient function not found for DepthToSpace.", through `mix/Conv2D` it works.
 * @example const graph = await tfc.loadGraphModel(tf.io.fromMemory(noGradientGraphArtifacts()));
 */
export function noGradientGraphArtifacts(): GraphModelArtifacts {
  const n = NO_GRADIENT_GRAPH_NODES;
  const g = new GraphBuilder();
  g.raw({
    name: n.input,
    op: 'Placeholder',
    attr: { dtype: a.dtype('DT_FLOAT'), shape: a.shape([-1, 2, 2, 4]) },
  });
  const w = g.constant(
    'mix/Conv2D/ReadVariableOp',
    [1, 1, 4, 4],
    Float32Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 1 : 0.1)),
  );
  g.op(n.conv, 'Conv2D', [n.input, w], {
    strides: a.ints([1, 1, 1, 1]),
    padding: a.str('SAME'),
    data_format: a.str('NHWC'),
    dilations: a.ints([1, 1, 1, 1]),
  });
  g.op(n.noGradient, 'DepthToSpace', [n.conv], { block_size: a.int(2), data_format: a.str('NHWC') });
  g.op(n.output, 'Identity', [n.noGradient]);
  const info = (name: string, dims: number[]) => ({
    name,
    dtype: 'DT_FLOAT' as const,
    tensorShape: { dim: dims.map((d) => ({ size: String(d) })) },
  });
  return g.build({
    inputs: { x: info('x:0', [-1, 2, 2, 4]) },
    outputs: { out: info('Identity:0', [-1, 4, 4, 1]) },
  });
}
