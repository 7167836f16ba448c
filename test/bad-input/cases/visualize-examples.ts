/** Bad values of visualize's objective/param/transform/regularizer options and of `openbox examples`. */
import type { CliCase } from '../case.js';

/** Files the cases point at, written by the fixtures. */
export const VISUALIZE_EXAMPLES_FILES = {
  'direction-short.json': '[1, 2, 3]',
  'direction-nan.json': '[1, NaN]',
  'direction-inf.json': `[${Array.from({ length: 16 }, (_, i) => (i === 3 ? '1e999' : '0.5')).join(', ')}]`,
};

/** `openbox visualize --model <tiny grey CNN> --layer conv1 --steps 4 --out <fresh> <extra>`. */
function visualize(
  name: string,
  extra: readonly string[],
  mentions: readonly (string | RegExp)[],
  exit: 1 | 2 = 2,
): CliCase {
  return {
    name: `visualize ${name}`,
    args: (fx) => [
      'visualize',
      '--model',
      fx.at('model/model.json'),
      '--layer',
      'conv1',
      '--steps',
      '4',
      '--out',
      fx.out(`visualize ${name}`),
      ...extra,
    ],
    exit,
    mentions: () => mentions,
  };
}

/** `openbox examples --model <tiny grey CNN> --layer conv1 --out <fresh> <extra>`. */
function examples(
  name: string,
  extra: (at: (n: string) => string) => readonly string[],
  mentions: (at: (n: string) => string) => readonly (string | RegExp)[],
  exit: 1 | 2 = 2,
): CliCase {
  return {
    name: `examples ${name}`,
    args: (fx) => [
      'examples',
      '--model',
      fx.at('model/model.json'),
      '--layer',
      'conv1',
      '--out',
      fx.out(`examples ${name}`),
      ...extra(fx.at),
    ],
    exit,
    mentions: (fx) => mentions(fx.at),
  };
}

export const VISUALIZE_EXAMPLES_CASES: readonly CliCase[] = [
  visualize(
    '--objective dream',
    ['--objective', 'dream'],
    ['--objective', "'dream'", 'channel, neuron, layer, logit, direction'],
  ),
  visualize('--objective logit on conv1', ['--objective', 'logit'], ['--objective logit', "'conv1'"]),
  visualize('--position without neuron', ['--position', '1,1'], ['--position', '--objective neuron']),
  visualize('--position 1', ['--objective', 'neuron', '--position', '1'], ['--position', "'1'"]),
  visualize(
    '--position outside the layer',
    ['--objective', 'neuron', '--position', '99,0'],
    ['x=99', 'conv1'],
  ),
  visualize('--objective direction without --direction', ['--objective', 'direction'], ['--direction FILE']),
  visualize(
    '--channels with --objective layer',
    ['--objective', 'layer', '--channels', '0'],
    ['--channels', '--objective layer'],
  ),
  {
    name: 'visualize --direction too short',
    args: (fx) => [
      'visualize',
      '--model',
      fx.at('model/model.json'),
      '--layer',
      'conv1',
      '--objective',
      'direction',
      '--direction',
      fx.at('direction-short.json'),
      '--out',
      fx.out('dir-short'),
    ],
    exit: 1,
    mentions: (fx) => [fx.at('direction-short.json'), '3 numbers', '16 channels'],
  },
  {
    name: 'visualize --direction with NaN (not JSON)',
    args: (fx) => [
      'visualize',
      '--model',
      fx.at('model/model.json'),
      '--layer',
      'conv1',
      '--objective',
      'direction',
      '--direction',
      fx.at('direction-nan.json'),
      '--out',
      fx.out('dir-nan'),
    ],
    exit: 1,
    mentions: (fx) => [fx.at('direction-nan.json'), 'not JSON'],
  },
  {
    name: 'visualize --direction with 1e999',
    args: (fx) => [
      'visualize',
      '--model',
      fx.at('model/model.json'),
      '--layer',
      'conv1',
      '--objective',
      'direction',
      '--direction',
      fx.at('direction-inf.json'),
      '--out',
      fx.out('dir-inf'),
    ],
    exit: 1,
    mentions: (fx) => [fx.at('direction-inf.json'), 'entry 3', 'Infinity'],
  },
  {
    name: 'visualize --direction a folder',
    args: (fx) => [
      'visualize',
      '--model',
      fx.at('model/model.json'),
      '--layer',
      'conv1',
      '--objective',
      'direction',
      '--direction',
      fx.at('folder.csv'),
      '--out',
      fx.out('dir-folder'),
    ],
    exit: 1,
    mentions: (fx) => [fx.at('folder.csv')],
  },
  visualize('--decorrelate on a grey model', ['--decorrelate'], ['--decorrelate', '1 channel']),
  visualize(
    '--decorrelate and --no-decorrelate',
    ['--decorrelate', '--no-decorrelate'],
    ['--decorrelate', '--no-decorrelate'],
  ),
  visualize('--param cppn', ['--param', 'cppn'], ['--param', "'cppn'", 'pixel, fourier']),
  visualize('--transforms pad', ['--transforms', 'pad'], ['--transforms', "'pad'", 'pad:VALUE']),
  visualize(
    '--transforms blur:3',
    ['--transforms', 'blur:3'],
    ['--transforms', "'blur'", 'pad, jitter, scale, rotate'],
  ),
  visualize(
    '--transforms scale:1.1-0.9',
    ['--transforms', 'scale:1.1-0.9'],
    ['--transforms', 'scale:1.1-0.9', 'backwards'],
  ),
  visualize(
    '--transforms jitter:-1',
    ['--transforms', 'jitter:-1'],
    ['--transforms', 'jitter:-1', '0 to 256'],
  ),
  visualize(
    '--transforms rotate:1e3',
    ['--transforms', 'rotate:1e3'],
    ['--transforms', 'rotate:1e3', '0 to 180'],
  ),
  visualize(
    '--transforms pad:1,,jitter:1',
    ['--transforms', 'pad:1,,jitter:1'],
    ['--transforms', 'empty items'],
  ),
  visualize('--transforms jitter:40', ['--transforms', 'jitter:40'], ['--transforms', '28×28']),
  visualize(
    '--transforms with a control character',
    ['--transforms', 'pa\u0007d:1'],
    ['--transforms', '\\x07'],
  ),
  visualize('--l1 -1', ['--l1', '-1'], ['--l1', "'-1'", '0 to 1e6']),
  visualize('--l2 -1', ['--l2', '-1'], ['--l2', "'-1'"]),
  visualize('--tv Infinity', ['--tv', 'Infinity'], ['--tv', "'Infinity'"]),
  visualize('--blur 1e7', ['--blur', '1e7'], ['--blur', "'1e7'"]),
  visualize('--diversity -0.5', ['--diversity', '-0.5'], ['--diversity', "'-0.5'"]),
  visualize(
    '--diversity with --batch 1',
    ['--diversity', '0.5', '--batch', '1'],
    ['--diversity', '--batch 2 or more', '--batch 1'],
  ),
  visualize(
    '--diversity-layer without --diversity',
    ['--diversity-layer', 'conv1'],
    ['--diversity-layer', '--diversity W'],
  ),
  visualize(
    '--diversity-layer unknown',
    ['--diversity', '1', '--diversity-layer', 'nope'],
    ['--diversity-layer', "'nope'", 'conv1'],
  ),
  visualize('--lr 0', ['--lr', '0'], ['--lr', "'0'"]),
  visualize('--lr 11', ['--lr', '11'], ['--lr', "'11'"]),
  visualize('--batch 65', ['--batch', '65'], ['--batch', "'65'", '1 to 64']),
  visualize('--scale caffe', ['--scale', 'caffe'], ['--scale', "'caffe'", '0-1, -1-1, imagenet']),
  visualize('--json with a value', ['--json=yes'], ['--json', "'yes'"]),
  examples(
    '--scale without --images',
    () => ['--scale', '-1-1'],
    () => ['--scale', '--images'],
  ),
  examples(
    '--fit without --images',
    () => ['--fit', 'exact'],
    () => ['--fit', '--images'],
  ),
  examples(
    '--scale caffe',
    (at) => ['--images', at('folder.csv'), '--scale', 'caffe'],
    () => ['--scale', "'caffe'", '0-1, -1-1, imagenet'],
  ),
  examples(
    '--k 0',
    () => ['--k', '0'],
    () => ['--k', "'0'"],
  ),
  examples(
    '--k 65',
    () => ['--k', '65'],
    () => ['--k', "'65'", '1 to 64'],
  ),
  examples(
    '--limit 0',
    () => ['--limit', '0'],
    () => ['--limit', "'0'"],
  ),
  examples(
    '--channels 16 (layer has 0..15)',
    () => ['--channels', '16'],
    () => ['--channels', '16', 'conv1'],
  ),
  examples(
    '--channels 0-999999999',
    () => ['--channels', '0-999999999'],
    () => ['--channels', '999999999'],
  ),
  {
    name: 'examples --layer nope',
    args: (fx) => [
      'examples',
      '--model',
      fx.at('model/model.json'),
      '--layer',
      'nope',
      '--out',
      fx.out('examples-layer-nope'),
    ],
    exit: 2,
    mentions: () => ["'nope'", 'conv1'],
  },
  examples(
    '--images missing folder',
    (at) => ['--images', at('no-such-folder')],
    (at) => ['--images', at('no-such-folder')],
    1,
  ),
  examples(
    '--images a file',
    (at) => ['--images', at('ok.csv')],
    (at) => ['--images', at('ok.csv')],
    1,
  ),
  examples(
    '--images an empty folder',
    (at) => ['--images', at('folder.csv')],
    (at) => ['--images', at('folder.csv')],
    1,
  ),
  {
    name: 'examples without --layer',
    args: (fx) => ['examples', '--model', fx.at('model/model.json'), '--out', fx.out('examples-no-layer')],
    exit: 2,
    mentions: () => ['--layer NAME is required'],
  },
  {
    name: 'examples on a vector model',
    args: (fx) => [
      'examples',
      '--model',
      fx.at('model-vector/model.json'),
      '--layer',
      'out',
      '--out',
      fx.out('examples-vector'),
    ],
    exit: 1,
    mentions: (fx) => [fx.at('model-vector/model.json')],
  },
];
