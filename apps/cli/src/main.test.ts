import { describe, expect, it } from 'vitest';
import { runMain } from './test-run-command.js';

const LOGISTIC = ['logistic', '--csv', 'data.csv', '--target', 'y'];
const VISUALIZE = ['visualize', '--layer', 'c1', '--out', 'out'];

describe('main: every bad input ends fast with exit 2, the message and the usage', () => {
  it.each<[string, string[], string]>([
    [
      'visualize --channels 0-999999999',
      [...VISUALIZE, '--channels', '0-999999999'],
      "openbox visualize: --channels selects 1000000000 values, more than the 512 allowed per call (got '0-999999999').",
    ],
    [
      'visualize --channels 99999999999999999999999',
      [...VISUALIZE, '--channels', '99999999999999999999999'],
      "openbox visualize: --channels numbers must be integers from 0 to 2147483647, got '99999999999999999999999'.",
    ],
    [
      'visualize --steps 1e9',
      [...VISUALIZE, '--steps', '1e9'],
      "openbox visualize: --steps must be an integer from 1 to 10000, got '1e9'.",
    ],
    [
      'visualize --steps 10001',
      [...VISUALIZE, '--steps', '10001'],
      "openbox visualize: --steps must be an integer from 1 to 10000, got '10001'.",
    ],
    [
      'visualize --out ""',
      ['visualize', '--layer', 'c1', '--out', ''],
      "openbox visualize: --out must be a path, got ''.",
    ],
    [
      'visualize without --layer',
      ['visualize', '--out', 'x'],
      'openbox visualize: --layer NAME is required (unless --objective logit).',
    ],
    [
      'logistic --ml-steps 1e12',
      [...LOGISTIC, '--ml-steps', '1e12'],
      "openbox logistic: --ml-steps must be an integer from 0 to 1000000, got '1e12'.",
    ],
    [
      'logistic --l2 1e300',
      [...LOGISTIC, '--l2', '1e300'],
      "openbox logistic: --l2 must be a number from 0 to 1e6, got '1e300'.",
    ],
    [
      'logistic --l2 0x10',
      [...LOGISTIC, '--l2', '0x10'],
      "openbox logistic: --l2 must be a number from 0 to 1e6, got '0x10'.",
    ],
    [
      'logistic --l2 -1',
      [...LOGISTIC, '--l2', '-1'],
      "openbox logistic: --l2 must be a number from 0 to 1e6, got '-1'.",
    ],
    ['logistic without --csv', ['logistic', '--target', 'y'], 'openbox logistic: --csv FILE is required.'],
    [
      'logistic --features ,',
      [...LOGISTIC, '--features', ','],
      "openbox logistic: --features must be a comma-separated list with no empty items, got ','.",
    ],
    [
      'logistic --seed 1e300',
      [...LOGISTIC, '--seed', '1e300'],
      "openbox logistic: --seed must be an integer from 0 to 2147483647, got '1e300'.",
    ],
    [
      'suite --seed 1e300',
      ['suite', '--seed', '1e300'],
      "openbox suite: --seed must be an integer from 0 to 2147483647, got '1e300'.",
    ],
    [
      'suite --only ,',
      ['suite', '--only', ','],
      "openbox suite: --only must be a comma-separated list with no empty items, got ','.",
    ],
    [
      'suite --only nope',
      ['suite', '--only', 'laplacian-kernel,nope'],
      'openbox suite: --only items must each be one of laplacian-kernel, ',
    ],
    ['suite --out ""', ['suite', '--out', ''], "openbox suite: --out must be a path, got ''."],
    [
      'suite --bogus',
      ['suite', '--bogus'],
      "openbox suite: unknown option '--bogus'; known options: --out, --quick, --only, --seed, --model, --images, --scale, --fit, --workers.",
    ],
    [
      'suite positional',
      ['suite', 'results'],
      "openbox suite: unexpected argument 'results': this command takes only --options",
    ],
    [
      'info --steps 0',
      ['info', '--steps', '0'],
      "openbox info: --steps must be an integer from 1 to 10000, got '0'.",
    ],
    [
      'serve --port 99999',
      ['serve', '--port', '99999'],
      "openbox serve: --port must be an integer from 0 to 65535, got '99999'.",
    ],
    ['serve --results ""', ['serve', '--results='], "openbox serve: --results must be a path, got ''."],
    [
      'start --seed -1',
      ['start', '--seed', '-1'],
      "openbox start: --seed must be an integer from 0 to 2147483647, got '-1'.",
    ],
    [
      'start --port repeated',
      ['start', '--port', '1', '--port', '2'],
      'openbox start: --port is given more than once; give it once.',
    ],
  ])('%s', async (_, argv, message) => {
    const started = performance.now();
    const { code, out, err } = await runMain(argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).toContain(`\n\nUsage: openbox ${argv[0]}`);
    expect(out).toBe('');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('the usage texts state the bounds', async () => {
    const usage = async (command: string) => (await runMain([command, '--help'])).out.replace(/\s+/g, ' ');
    const visualize = await usage('visualize');
    expect(visualize).toContain('--channels 0-7 channels as ranges and lists, each below the layer');
    expect(visualize).toContain('(at most 512 in all)');
    expect(visualize).toContain('--steps N optimization steps; an integer from 1 to 10000 (default 512)');
    expect(await usage('logistic')).toContain('a number from 0 to 1e6 (default 0)');
    expect(await usage('logistic')).toContain('an integer from 0 to 1000000');
    expect(await usage('logistic')).toContain('is an error naming the file, line and column');
    expect(await usage('logistic')).not.toContain('dropped by the loader');
    expect(await usage('suite')).toContain('an integer from 0 to 2147483647 (default 0)');
    expect(await usage('serve')).toContain('an integer from 0 to 65535 (default 8787)');
    expect(await usage('info')).toContain('an integer from 1 to 10000 (default 20)');
  });

  it('an unknown command is named, escaped', async () => {
    const { code, err } = await runMain(['\u001b[2Jwipe']);
    expect(code).toBe(2);
    expect(err).toBe(
      "openbox: unknown command '\\x1b[2Jwipe'. Known commands: info, logistic, suite, serve, start, visualize, examples, attribute, explain.",
    );
  });

  it('no command: the help on stderr, exit 2; help: on stdout, exit 0', async () => {
    const none = await runMain([]);
    expect([none.code, none.out]).toEqual([2, '']);
    expect(none.err).toContain('Usage: openbox <command> [options]');
    const help = await runMain(['help']);
    expect([help.code, help.err]).toEqual([0, '']);
    expect(help.out).toContain('Commands:');
  });
});
