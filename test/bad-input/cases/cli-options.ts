/** Every command's options with bad values: each must be a usage error (exit 2) naming the option and the value. */
import { plain, type CliCase } from '../case.js';
import { SECRET, type Fixtures } from '../fixtures.js';

/** A small valid CSV the option cases point at, so that only the option is wrong. */
export const OPTION_FILES = {
  'ok-image.json': JSON.stringify([Array.from({ length: 28 }, () => Array.from({ length: 28 }, () => [0]))]),
  'other-columns.csv': 'a,b,c\n1,2,3\n4,5,6\n',
  'ok.csv': `x1,x2,y\n${Array.from({ length: 40 }, (_, i) => `${(i % 7) - 3},${((i * 5) % 11) / 3},${i % 3 === 0 ? 'a' : 'b'}`).join('\n')}\n`,
};

/** `openbox logistic --csv ok.csv --target y <extra>`. */
function logistic(name: string, extra: readonly string[], mentions: readonly (string | RegExp)[]): CliCase {
  return {
    name: `logistic ${name}`,
    args: (fx) => ['logistic', '--csv', fx.at('ok.csv'), '--target', 'y', ...extra],
    exit: 2,
    mentions: () => mentions,
  };
}

/** `openbox visualize --model <tiny model> --layer conv1 --out <fresh> <extra>`. */
function visualize(name: string, extra: readonly string[], mentions: readonly (string | RegExp)[]): CliCase {
  return {
    name: `visualize ${name}`,
    args: (fx) => [
      'visualize',
      '--model',
      fx.at('model/model.json'),
      '--layer',
      'conv1',
      '--out',
      fx.out(name),
      ...extra,
    ],
    exit: 2,
    mentions: () => mentions,
  };
}

/** `openbox attribute --model <tiny model> --inputs ok-image.json --method saliency --out <fresh> <extra>`. */
function attribute(
  name: string,
  extra: readonly string[],
  mentions: readonly (string | RegExp)[],
  method = 'saliency',
): CliCase {
  return {
    name: `attribute ${name}`,
    args: (fx) => [
      'attribute',
      '--model',
      fx.at('model/model.json'),
      '--inputs',
      fx.at('ok-image.json'),
      '--method',
      method,
      '--out',
      fx.out(`attribute ${name}`),
      ...extra,
    ],
    exit: 2,
    mentions: () => mentions,
  };
}

/** `openbox attribute --model <tiny model> --inputs <file> --method saliency`: a bad images file, exit 1 naming it. */
function attributeInputs(name: string, file: string, mentions: readonly (string | RegExp)[]): CliCase {
  return {
    name: `attribute --inputs ${name}`,
    args: (fx) => [
      'attribute',
      '--model',
      fx.at('model/model.json'),
      '--inputs',
      fx.at(file),
      '--method',
      'saliency',
      '--json',
    ],
    exit: 1,
    mentions: (fx) => [fx.at(file), ...mentions],
    absent: [SECRET],
  };
}

/** `openbox explain --csv ok.csv --target y <extra>`: a usage error (exit 2) unless `exit` says otherwise. */
function explain(
  name: string,
  extra: (fx: Fixtures) => readonly string[],
  mentions: (fx: Fixtures) => readonly (string | RegExp)[],
  exit: 1 | 2 = 2,
): CliCase {
  return {
    name: `explain ${name}`,
    args: (fx) => ['explain', '--csv', fx.at('ok.csv'), '--target', 'y', ...extra(fx)],
    exit,
    mentions,
  };
}

/** Options that never reach any work: the value alone is wrong. */
const NUMBER_FORMS = [
  ['hex', '0x10'],
  ['binary', '0b11'],
  ['octal', '0o7'],
  ['NaN', 'NaN'],
  ['Infinity', 'Infinity'],
  ['empty', ''],
  ['spaces', ' 3 '],
  ['words', 'three'],
  ['trailing junk', '3abc'],
] as const;

export const CLI_OPTION_CASES: readonly CliCase[] = [
  // The command line itself.
  plain('no command', [], 2, ['Usage: openbox <command>']),
  plain('unknown command', ['explode'], 2, ["unknown command 'explode'"]),
  plain('unknown command with ANSI', ['\u001b[31mred'], 2, ['\\x1b[31mred']),
  // logistic
  logistic('--l2 -1 (negative)', ['--l2', '-1'], ['--l2', '-1']),
  logistic('--l2 1e300 (huge)', ['--l2', '1e300'], ['--l2', '1e300']),
  logistic('--l2 1e7 (over the cap)', ['--l2', '1e7'], ['--l2', '1e7']),
  ...NUMBER_FORMS.map(([form, value]) => logistic(`--l2 ${form}`, ['--l2', value], ['--l2'])),
  logistic('--l2 without a value', ['--l2'], ['--l2']),
  logistic('--l2 twice', ['--l2', '1', '--l2', '2'], ['--l2']),
  logistic('--l2=-1 (= form)', ['--l2=-1'], ['--l2', '-1']),
  logistic('--ml-steps 1e12', ['--ml-steps', '1e12'], ['--ml-steps', '1e12']),
  logistic('--ml-steps 1.5', ['--ml-steps', '1.5'], ['--ml-steps', '1.5']),
  logistic('--ml-steps -5', ['--ml-steps', '-5'], ['--ml-steps', '-5']),
  logistic('--ml-steps 0x10', ['--ml-steps', '0x10'], ['--ml-steps', '0x10']),
  logistic('--seed -1', ['--seed', '-1'], ['--seed', '-1']),
  logistic('--seed 1e300', ['--seed', '1e300'], ['--seed', '1e300']),
  logistic('--seed 2^31', ['--seed', '2147483648'], ['--seed', '2147483648']),
  logistic('--seed 1.5', ['--seed', '1.5'], ['--seed', '1.5']),
  logistic('--features ,', ['--features', ','], ['--features']),
  logistic('--features x1,,x2', ['--features', 'x1,,x2'], ['--features']),
  {
    ...logistic('--features unknown column', ['--features', 'x1,nope'], ['"nope"', 'not a column']),
    exit: 1,
  },
  { ...logistic('--features the target', ['--features', 'x1,y'], ['"y"', 'cannot predict itself']), exit: 1 },
  {
    name: 'logistic --target unknown',
    args: (fx) => ['logistic', '--csv', fx.at('ok.csv'), '--target', 'nope'],
    exit: 1,
    mentions: () => ['"nope" is not a column', '"x1", "x2", "y"'],
  },
  logistic('--positive not a class', ['--positive', 'zzz'], ['zzz']),
  logistic('--positive with ANSI', ['--positive', '\u001b[2Jx'], ['\\x1b[2Jx']),
  logistic('--json with a value', ['--json=yes'], ['--json']),
  logistic('--standardize with a value', ['--standardize=1'], ['--standardize']),
  logistic('unknown option', ['--bogus'], ['--bogus']),
  logistic('positional argument', ['extra'], ['extra']),
  logistic('--max-bytes 0', ['--max-bytes', '0'], ['--max-bytes', '0']),
  logistic('--max-bytes abc', ['--max-bytes', 'abc'], ['--max-bytes', 'abc']),
  plain('logistic without --csv', ['logistic', '--target', 'y'], 2, ['--csv']),
  plain('logistic without --target', ['logistic', '--csv', 'x.csv'], 2, ['--target']),
  plain('logistic --csv empty', ['logistic', '--csv', '', '--target', 'y'], 2, ['--csv']),
  // attribute: each option's value, and which inputs and targets it takes
  attribute('--method lime (unknown)', [], ['--method', 'lime', 'saliency'], 'lime'),
  attribute('--steps 0', ['--steps', '0'], ['--steps', '0'], 'integrated-gradients'),
  attribute('--steps 1e9 (huge)', ['--steps', '1000000000'], ['--steps', '1000000000']),
  attribute('--window 0', ['--window', '0'], ['--window', '0'], 'occlusion'),
  attribute('--samples -1', ['--samples', '-1'], ['--samples', '-1']),
  attribute('--noise-sd -1', ['--noise-sd', '-1'], ['--noise-sd', '-1']),
  attribute('--seed 1.5', ['--seed', '1.5'], ['--seed', '1.5']),
  attribute('--ig-method simpson', ['--ig-method', 'simpson'], ['--ig-method', 'simpson']),
  attribute('--targets 10 (no such class)', ['--targets', '10'], ['--targets', '10']),
  attribute('--targets 1,2 (two for one input)', ['--targets', '1,2'], ['--targets', '2']),
  attribute('--digits with --inputs', ['--digits', '0'], ['--inputs', '--digits']),
  attribute('gradcam without --layer', [], ['--layer', 'conv1'], 'gradcam'),
  attribute('gradcam --layer nope', ['--layer', 'nope'], ['nope', 'conv1'], 'gradcam'),
  ...NUMBER_FORMS.map(([form, value]) => attribute(`--steps ${form}`, ['--steps', value], ['--steps'])),
  attributeInputs('a missing file', 'no-such-images.json', [/does not exist/]),
  attributeInputs('a FIFO', 'fifo.csv', [/named pipe|FIFO/i]),
  attributeInputs('a link to /dev/zero', 'zero-link.csv', [/character device/i]),
  attributeInputs('a folder', 'folder.csv', [/folder|directory/i]),
  attributeInputs('a shadow-like file', 'model-secret/model.json', [/not JSON/]),
  attributeInputs('a CSV, not JSON', 'ok.csv', [/not JSON/]),
  // explain: options, rows, methods that do not apply, backgrounds and models that do not fit the table
  explain(
    '--method lime (unknown)',
    () => ['--method', 'lime'],
    () => ['--method', "'lime'", 'exact, kernel'],
  ),
  explain(
    '--samples 0',
    () => ['--samples', '0'],
    () => ["--samples must be an integer from 2 to 1000000, got '0'."],
  ),
  explain(
    '--samples 1e9',
    () => ['--samples', '1e9'],
    () => ['--samples', '1e9'],
  ),
  explain(
    '--background-size abc',
    () => ['--background-size', 'abc'],
    () => ['--background-size', "'abc'"],
  ),
  explain(
    '--background-size 0',
    () => ['--background-size', '0'],
    () => ['--background-size', "'0'"],
  ),
  explain(
    '--seed -1',
    () => ['--seed', '-1'],
    () => ['--seed', '-1'],
  ),
  explain(
    '--l2 -1',
    () => ['--l2', '-1'],
    () => ['--l2', '-1'],
  ),
  explain(
    '--output odds',
    () => ['--output', 'odds'],
    () => ['--output', "'odds'", 'probability, logit'],
  ),
  explain(
    '--hidden 0',
    () => ['--model', 'mlp', '--hidden', '0'],
    () => ['--hidden', "'0'"],
  ),
  explain(
    '--hidden with --model lr',
    () => ['--hidden', '8'],
    () => ['--hidden', '--model mlp'],
  ),
  explain(
    '--save-model with --model lr',
    (fx) => ['--save-model', fx.at('saved')],
    () => ['--save-model', 'saves the trained MLP', '--model mlp'],
  ),
  explain(
    '--rows 5-2 (backwards)',
    () => ['--rows', '5-2'],
    () => ['--rows', '5-2'],
  ),
  explain(
    '--rows 40 (the CSV has 0..39)',
    () => ['--rows', '3,40'],
    (fx) => [`--rows 40 out of range: --csv '${fx.at('ok.csv')}' has data rows 0..39.`],
  ),
  explain(
    '--class zzz',
    () => ['--class', 'zzz'],
    () => ["--class 'zzz'", "0 'a', 1 'b'"],
  ),
  explain(
    '--method linear with --model mlp',
    () => ['--method', 'linear', '--model', 'mlp'],
    () => ['--method linear', '--model mlp is not a logistic regression'],
  ),
  explain(
    '--method linear in probability space',
    () => ['--method', 'linear'],
    () => ['--method linear', '--output probability'],
  ),
  explain(
    'both --background and --background-size',
    (fx) => ['--background', fx.at('ok.csv'), '--background-size', '5'],
    () => ['give at most one of --background FILE and --background-size N, got both.'],
  ),
  explain(
    '--json with a value',
    () => ['--json=1'],
    () => ['--json'],
  ),
  explain(
    'unknown option',
    () => ['--bogus'],
    () => ['--bogus'],
  ),
  plain('explain without --csv', ['explain', '--target', 'y'], 2, ['--csv FILE is required.']),
  plain('explain without --target', ['explain', '--csv', 'x.csv'], 2, ['--target COL is required.']),
  explain(
    '--target unknown',
    () => ['--features', 'x1,nope'],
    () => ['"nope"', 'not a column'],
    1,
  ),
  {
    name: 'explain --csv a missing file',
    args: (fx) => ['explain', '--csv', fx.at('no-such.csv'), '--target', 'y'],
    exit: 1,
    mentions: (fx) => [fx.at('no-such.csv'), /does not exist/],
  },
  explain(
    '--background a FIFO',
    (fx) => ['--background', fx.at('fifo.csv')],
    () => [/named pipe|FIFO/i],
    1,
  ),
  explain(
    '--background with other columns',
    (fx) => ['--background', fx.at('other-columns.csv')],
    (fx) => [fx.at('other-columns.csv'), '"x1", which is not a column'],
    1,
  ),
  explain(
    '--model with the wrong input width',
    (fx) => ['--model', fx.at('model-vector/model.json')],
    (fx) => [
      `--model '${fx.at('model-vector/model.json')}' takes 12 input features, but the table gives 2 (x1, x2)`,
    ],
    1,
  ),
  explain(
    '--model an image CNN',
    (fx) => ['--model', fx.at('model/model.json')],
    (fx) => [`--model '${fx.at('model/model.json')}' is not a classifier of table rows`],
    1,
  ),
  // visualize
  visualize('--channels 0-999999999', ['--channels', '0-999999999'], ['--channels', '999999999']),
  visualize('--channels 99999999999999999999999', ['--channels', '99999999999999999999999'], ['--channels']),
  visualize('--channels 16 (layer has 0..15)', ['--channels', '16'], ['--channels', '16', 'conv1']),
  visualize('--channels 5-2 (backwards)', ['--channels', '5-2'], ['--channels', '5-2']),
  visualize('--channels a', ['--channels', 'a'], ['--channels', "'a'"]),
  visualize('--channels ,', ['--channels', ','], ['--channels']),
  visualize('--channels 0-1, (trailing comma)', ['--channels', '0-1,'], ['--channels']),
  visualize('--channels -1', ['--channels', '-1'], ['--channels', '-1']),
  visualize('--channels 0-1.5', ['--channels', '0-1.5'], ['--channels', '1.5']),
  visualize('--steps 1e9', ['--steps', '1e9'], ['--steps', '1e9']),
  visualize('--steps 0', ['--steps', '0'], ['--steps', '0']),
  visualize('--steps 10001', ['--steps', '10001'], ['--steps', '10001']),
  visualize('--steps -3', ['--steps', '-3'], ['--steps', '-3']),
  visualize('--steps hex', ['--steps', '0x20'], ['--steps', '0x20']),
  visualize('--seed -1', ['--seed', '-1'], ['--seed', '-1']),
  {
    name: 'visualize --layer unknown',
    args: (fx) => [
      'visualize',
      '--model',
      fx.at('model/model.json'),
      '--layer',
      'nope',
      '--out',
      fx.out('layer-nope'),
    ],
    exit: 2,
    mentions: () => ['nope', 'conv1'],
  },
  {
    name: 'visualize --layer with a control character',
    args: (fx) => [
      'visualize',
      '--model',
      fx.at('model/model.json'),
      '--layer',
      'co\u0001nv',
      '--out',
      fx.out('layer-ctl'),
    ],
    exit: 2,
    mentions: () => ['\\x01'],
  },
  visualize('unknown option', ['--bogus'], ['--bogus']),
  plain('visualize without --layer', ['visualize', '--out', '/tmp/never'], 2, ['--layer']),
  plain('visualize without --out', ['visualize', '--layer', 'conv1'], 2, ['--out']),
  plain('visualize --out empty', ['visualize', '--layer', 'conv1', '--out', ''], 2, ['--out']),
  // suite
  plain('suite --seed 1e300', ['suite', '--seed', '1e300'], 2, ['--seed', '1e300']),
  plain('suite --seed -1', ['suite', '--seed', '-1'], 2, ['--seed', '-1']),
  plain('suite --seed 1.5', ['suite', '--seed', '1.5'], 2, ['--seed', '1.5']),
  plain('suite --seed abc', ['suite', '--seed', 'abc'], 2, ['--seed', 'abc']),
  plain('suite --only ,', ['suite', '--only', ','], 2, ['--only']),
  plain('suite --only nope', ['suite', '--only', 'nope'], 2, ['--only', 'nope']),
  plain('suite --only a,,b', ['suite', '--only', 'laplacian-kernel,,logistic-cars'], 2, ['--only']),
  plain('suite --out empty', ['suite', '--out', ''], 2, ['--out']),
  plain('suite --quick=yes', ['suite', '--quick=yes'], 2, ['--quick']),
  plain('suite unknown option', ['suite', '--bogus'], 2, ['--bogus']),
  plain('suite positional', ['suite', 'now'], 2, ['now']),
  plain('suite --workers 0', ['suite', '--workers', '0'], 2, ['--workers', "'0'", '1 to 64']),
  plain('suite --workers 65', ['suite', '--workers', '65'], 2, ['--workers', "'65'", '1 to 64']),
  plain('suite --workers 1.5', ['suite', '--workers', '1.5'], 2, ['--workers', '1.5']),
  plain('suite --workers two', ['suite', '--workers', 'two'], 2, ['--workers', 'two']),
  plain('suite --workers empty', ['suite', '--workers', ''], 2, ['--workers']),
  plain('suite --workers missing', ['suite', '--workers'], 2, ['--workers']),
  // serve and start
  ...(['serve', 'start'] as const).flatMap((cmd) => [
    plain(`${cmd} --port -1`, [cmd, '--port', '-1'], 2, ['--port', '-1']),
    plain(`${cmd} --port 65536`, [cmd, '--port', '65536'], 2, ['--port', '65536']),
    plain(`${cmd} --port abc`, [cmd, '--port', 'abc'], 2, ['--port', 'abc']),
    plain(`${cmd} --port 80.5`, [cmd, '--port', '80.5'], 2, ['--port', '80.5']),
    plain(`${cmd} --port 0x50`, [cmd, '--port', '0x50'], 2, ['--port', '0x50']),
    plain(`${cmd} --results empty`, [cmd, '--results', ''], 2, ['--results']),
    plain(`${cmd} --host empty`, [cmd, '--host', ''], 2, ['--host']),
    plain(`${cmd} unknown option`, [cmd, '--bogus'], 2, ['--bogus']),
    plain(`${cmd} --allowed-host with a port`, [cmd, '--allowed-host', 'dash.lan:80'], 2, [
      '--allowed-host',
      'dash.lan:80',
    ]),
    plain(`${cmd} --allowed-host with a scheme`, [cmd, '--allowed-host', 'http://x'], 2, [
      '--allowed-host',
      'http://x',
    ]),
    plain(`${cmd} --allowed-host ,`, [cmd, '--allowed-host', ','], 2, ['--allowed-host']),
  ]),
  plain('start --seed -1', ['start', '--seed', '-1'], 2, ['--seed', '-1']),
  // info
  plain('info --steps 0', ['info', '--steps', '0'], 2, ['--steps', '0']),
  plain('info --steps 10001', ['info', '--steps', '10001'], 2, ['--steps', '10001']),
  plain('info --steps abc', ['info', '--steps', 'abc'], 2, ['--steps', 'abc']),
  plain('info unknown option', ['info', '--bogus'], 2, ['--bogus']),
];
