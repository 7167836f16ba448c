/** GraphDef JSON as tensorflowjs_converter writes it: nodes, attrs (base64 strings, int64 as strings), Const nodes. */

/** One attr value of a GraphDef node, in protobuf's JSON mapping (what tfjs-converter's operation mapper reads). */
export type GraphAttr =
  | { readonly s: string }
  | { readonly i: string }
  | { readonly f: number }
  | { readonly b: boolean }
  | { readonly type: string }
  | { readonly list: { readonly i?: readonly string[]; readonly s?: readonly string[] } }
  | { readonly shape: { readonly dim: readonly { readonly size: string }[] } }
  | {
      readonly tensor: {
        readonly dtype: string;
        readonly tensorShape: { readonly dim?: readonly { readonly size: string }[] };
      };
    };

/** One node of a GraphDef: `name`, `op`, its inputs by node name, its attrs. */
export interface GraphNode {
  readonly name: string;
  readonly op: string;
  readonly input?: readonly string[];
  readonly attr?: Readonly<Record<string, GraphAttr>>;
  readonly device?: string;
}

/** A GraphDef JSON (`modelTopology` of a `graph-model` model.json). */
export interface GraphDef {
  readonly node: readonly GraphNode[];
  readonly versions: { readonly producer: number };
  readonly library?: Record<string, unknown>;
}

/** A string attr: base64 of its (ASCII) bytes (`padding`, `data_format`). */
export const str = (value: string): GraphAttr => ({ s: btoa(value) });
/** A list of ints (int64 in protobuf, so strings in JSON): `strides`, `ksize`, `dilations`. */
export const ints = (values: readonly number[]): GraphAttr => ({ list: { i: values.map(String) } });
/** A list of strings, each base64 (`fused_ops`). */
export const strs = (values: readonly string[]): GraphAttr => ({
  list: { s: values.map((v) => btoa(v)) },
});
/** One int (`num_args`, `N`). */
export const int = (value: number): GraphAttr => ({ i: String(value) });
/** One float (`epsilon`). */
export const float = (value: number): GraphAttr => ({ f: value });
/** One bool (`keep_dims`, `transpose_a`). */
export const bool = (value: boolean): GraphAttr => ({ b: value });
/** A dtype (`T`, `dtype`). */
export const dtype = (value: 'DT_FLOAT' | 'DT_INT32'): GraphAttr => ({ type: value });
/** A shape (`shape` of a Placeholder); `-1` for an unknown size. */
export const shape = (dims: readonly number[]): GraphAttr => ({
  shape: { dim: dims.map((d) => ({ size: String(d) })) },
});

/** A Const node whose value lives in the weights manifest under the node's name (as the converter writes them). */
export function constNode(name: string, dims: readonly number[], type: 'float32' | 'int32'): GraphNode {
  const dt = type === 'float32' ? 'DT_FLOAT' : 'DT_INT32';
  return {
    name,
    op: 'Const',
    attr: {
      value: { tensor: { dtype: dt, tensorShape: { dim: dims.map((d) => ({ size: String(d) })) } } },
      dtype: dtype(dt),
    },
  };
}

/** The attr encoders in one object, for tests that write a GraphDef by hand: `graphAttrs.ints([1, 2, 2, 1])`. */
export const graphAttrs = { str, ints, strs, int, float, bool, dtype, shape } as const;
