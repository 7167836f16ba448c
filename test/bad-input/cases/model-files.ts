/** Damaged, hostile and wrong-kind model files given to `visualize --model` and `suite --model`. */
import { SECRET } from '../fixtures.js';
import type { CliCase } from '../case.js';

/** `openbox visualize --model <dir>/model.json --layer conv1 --out <fresh>`: exit 1, naming `file` of `dir`. */
function model(
  dir: string,
  file: 'model.json' | 'weights.bin',
  mentions: readonly (string | RegExp)[],
  absent: readonly (string | RegExp)[] = [],
): CliCase {
  return {
    name: `visualize --model ${dir}`,
    args: (fx) => [
      'visualize',
      '--model',
      fx.at(`${dir}/model.json`),
      '--layer',
      'conv1',
      '--steps',
      '8',
      '--out',
      fx.out(dir),
    ],
    exit: 1,
    mentions: (fx) => [fx.at(`${dir}/${file}`), ...mentions],
    absent,
  };
}

export const MODEL_CASES: readonly CliCase[] = [
  model('model-missing-weights', 'weights.bin', [/does not exist|missing/i]),
  model('model-fifo-weights', 'weights.bin', [/named pipe|FIFO/i]),
  model('model-zero-weights', 'weights.bin', [/character device/i]),
  model('model-truncated', 'weights.bin', [/bytes/]),
  model('model-extra-bytes', 'weights.bin', [/bytes/]),
  model('model-nan', 'model.json', ['conv1', /NaN|non-finite|infinite/i]),
  model('model-inf', 'model.json', ['conv1', /NaN|non-finite|infinite/i]),
  model('model-shape', 'model.json', ['conv1', /shape/i, /\[5,\s?5,\s?1,\s?16\]/, /\[16,\s?5,\s?5,\s?1\]/]),
  model('model-huge-claim', 'model.json', [/\d{12,} bytes/, /over the limit/]),
  model('model-escape', 'model.json', [/outside|escape/i]),
  model('model-graph', 'model.json', [/GraphModel/, /input has shape .*unknown/]), // a graph whose input size is unknown
  model('model-bad-json', 'model.json', [/JSON/]),
  model('model-array-json', 'model.json', [/JSON object|not a .*model|modelTopology/i]),
  model('model-secret', 'model.json', [/JSON/], [SECRET]),
  model('model-no-manifest', 'model.json', [/weightsManifest|weights manifest/i]),
  model('model-json-fifo', 'model.json', [/named pipe|FIFO/i]),
  model('model-json-zero', 'model.json', [/character device/i]),
  model('model-json-empty', 'model.json', [/JSON|empty/i]),
  {
    name: 'visualize --model with a vector input',
    args: (fx) => [
      'visualize',
      '--model',
      fx.at('model-vector/model.json'),
      '--layer',
      'out',
      '--out',
      fx.out('vector'),
    ],
    exit: 1,
    mentions: () => [/\[batch, height, width, channels\]|image/i, /12/],
  },
  {
    name: 'visualize --model missing',
    args: (fx) => [
      'visualize',
      '--model',
      fx.at('nowhere/model.json'),
      '--layer',
      'conv1',
      '--out',
      fx.out('missing'),
    ],
    exit: 1,
    mentions: (fx) => [fx.at('nowhere/model.json'), /does not exist|missing/i],
  },
  {
    name: 'visualize --model a folder',
    args: (fx) => ['visualize', '--model', fx.at('model'), '--layer', 'conv1', '--out', fx.out('folder')],
    exit: 1,
    mentions: (fx) => [fx.at('model'), /folder/i],
  },
  {
    name: 'visualize --model /dev/zero',
    args: (fx) => ['visualize', '--model', '/dev/zero', '--layer', 'conv1', '--out', fx.out('devzero')],
    exit: 1,
    mentions: () => ['/dev/zero', /character device/i],
  },
  {
    name: 'suite --model missing file',
    args: (fx) => [
      'suite',
      '--quick',
      '--only',
      'max-patch-vs-filter',
      '--model',
      fx.at('nowhere.json'),
      '--out',
      fx.out('suite-missing'),
    ],
    exit: 1,
    mentions: (fx) => [fx.at('nowhere.json')],
  },
];
