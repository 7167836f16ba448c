/** `openbox attribute`: why did the network decide this? Any registered attribution method over images, as JSON and overlay PNGs. */
import * as tf from '@tensorflow/tfjs-core';
import { attribute, METHODS, type AttributionResult } from '@openbox/attribution';
import { type ImageModel, initBackend } from '@openbox/runtime';
import { escapeForMessage } from '@openbox/safe-io';
import { parseOptions } from '../args.js';
import { ATTRIBUTE_OPTIONS, ATTRIBUTE_USAGE, type AttributeArgs } from '../attribute/attribute-options.js';
import { resolveBaseline } from '../attribute/baseline.js';
import { checkMethodRuns } from '../attribute/layers-only.js';
import { methodOptions } from '../attribute/method-options.js';
import { classCount, disposeModel } from '../attribute/model-helpers.js';
import { outputFiles, summaryLines } from '../attribute/outputs.js';
import { attributionReport, type InputDescription } from '../attribute/report.js';
import { checkSources, resolveInputs, type AttributedInputs } from '../attribute/resolve-inputs.js';
import { parseTargets, targetsPerInput, type TargetsSpec } from '../attribute/targets.js';
import { writeFilesAtomic } from '../attribute/write-files.js';
import type { Command } from '../command.js';
import { CommandError, UsageError } from '../errors.js';
import { MESSAGES } from '../messages.js';
import { loadCliModel } from '../model-option.js';

export { ATTRIBUTE_OPTIONS, MAX_INPUTS } from '../attribute/attribute-options.js';

/** What is known of each input, named by the classes when they name the model's classes; none for a JSON file. */
function describeInputs(
  inputs: AttributedInputs,
  targets: readonly number[],
  classes: number,
): InputDescription[] | undefined {
  const { labels, classNames, files } = inputs;
  if (labels === undefined && files === undefined) return undefined;
  const named = classNames !== undefined && classNames.length === classes;
  return targets.map((t, i) => {
    const label = labels?.[i];
    return {
      ...(files?.[i] === undefined ? {} : { file: files[i] }),
      ...(label === undefined || classNames?.[label] === undefined ? {} : { class: classNames[label] }),
      ...(label === undefined ? {} : { label }),
      ...(named ? { targetClass: classNames[t]! } : {}),
    };
  });
}

export const attributeCommand: Command = {
  summary:
    'attributions (saliency, integrated gradients, Grad-CAM, occlusion, …) of images or an image folder: JSON and overlay PNGs',
  usage: ATTRIBUTE_USAGE,
  async run(argv) {
    // 1. Arguments, before any model work.
    const args = parseOptions(ATTRIBUTE_OPTIONS, argv);
    const source = checkSources(args);
    const spec: TargetsSpec = parseTargets(args.targets) ?? (source === 'images' ? 'label' : 'predicted');
    // 2. The model (disposed at the end, with every tensor of the run).
    await initBackend();
    const { adapter, name } = await loadCliModel(args.model, 'openbox attribute');
    try {
      return await attributeWith(adapter, name, args, spec);
    } finally {
      disposeModel(adapter);
    }
  },
};

/** Steps 3–6 with the model loaded: checks, attribution, report, files, stdout; every tensor disposed. */
async function attributeWith(
  adapter: ImageModel,
  modelName: string,
  args: AttributeArgs,
  spec: TargetsSpec,
): Promise<number> {
  // 3. Method and layer, inputs, targets, baseline.
  checkMethodRuns(args.method, adapter, modelName);
  if (args.layer !== undefined) {
    try {
      adapter.layer(args.layer, 'openbox attribute --layer');
    } catch (error) {
      throw new UsageError('invalid-value', (error as Error).message, 'layer');
    }
  } else if (METHODS[args.method].info.needsLayer) {
    const layers = adapter.layers().map((l) => l.name);
    throw new UsageError('missing-option', MESSAGES.needsLayer(args.method, layers), 'layer');
  }
  const inputs = await resolveInputs(args, checkSources(args), adapter);
  const { images } = inputs;
  const n = images.shape[0];
  const x = tf.tensor4d(images.data, images.shape);
  const owned: tf.Tensor[] = [x];
  try {
    const classes = classCount(adapter, args.output);
    const targets = targetsPerInput(spec, n, classes, () => Array.from(adapter.predictClasses(x)), inputs);
    const baselines = await resolveBaseline(args.baseline, x, inputs.source === 'digits', adapter.inputShape);
    if (baselines instanceof tf.Tensor) owned.push(baselines);
    // 4. Attribute.
    let result: AttributionResult;
    try {
      const options = {
        method: args.method,
        targets,
        output: args.output,
        ...methodOptions(args, baselines),
      };
      result = attribute(adapter, x, options);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new CommandError('attribution-failed', MESSAGES.attributionFailed(args.method, reason));
    }
    owned.push(
      ...[result.attributions, result.delta, result.layerAttributions].filter((t) => t !== undefined),
    );
    // 5. The report: every number finite, or nothing is written; what is known of each input.
    const { report: numbers, flat } = attributionReport(args.method, targets, result);
    const described = describeInputs(inputs, targets, classes);
    const report = {
      ...numbers,
      ...(described === undefined ? {} : { inputs: described }),
      ...(inputs.preprocessing === undefined ? {} : { preprocessing: inputs.preprocessing }),
    };
    // 6. Files, all or none; then stdout (with --json, only the JSON object).
    if (args.out !== undefined) {
      const files = outputFiles(report, flat, images, modelName);
      try {
        await writeFilesAtomic(args.out, files);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new CommandError('write-failed', MESSAGES.writeFailed(escapeForMessage(args.out), reason));
      }
    }
    if (args.json) console.log(JSON.stringify(report));
    else {
      console.log(summaryLines(report, flat, flat.length / n).join('\n'));
      if (args.out !== undefined)
        console.log(
          `Wrote ${n} overlays and attributions.json to ${args.out} (${args.method}, ${modelName}).`,
        );
    }
    return 0;
  } finally {
    tf.dispose(owned);
  }
}
