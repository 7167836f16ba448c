/** Malformed and hostile CSV files given to `openbox logistic --csv`: each fails fast, naming the file and what is wrong. */
import { SECRET } from '../fixtures.js';
import type { CliCase } from '../case.js';

const rows = (n: number, cell: (i: number) => string): string =>
  Array.from({ length: n }, (_, i) => cell(i)).join('\n');
const good = (i: number): string => `${i % 5},${(i * 7) % 3},${i % 2 ? 'a' : 'b'}`;

/** File name → content. Every case below reads one of them. */
export const CSV_FILES: Readonly<Record<string, string | Buffer>> = {
  'empty.csv': '',
  'blank-lines.csv': '\n\n   \n',
  'header-only.csv': 'x1,x2,y\n',
  'no-header.csv': `1,2,3\n${rows(5, good)}\n`,
  'duplicate-column.csv': `x1,x1,y\n${rows(5, good)}\n`,
  'empty-header-cell.csv': `x1,,y\n${rows(5, good)}\n`,
  'unterminated-quote.csv': `x1,x2,y\n1,"2,a\n3,4,b\n`,
  'text-after-quote.csv': `x1,x2,y\n1,"2"x,a\n`,
  'ragged-short.csv': `x1,x2,y\n${rows(3, good)}\n1,2\n`,
  'ragged-long.csv': `x1,x2,y\n${rows(3, good)}\n1,2,a,9\n`,
  'empty-cell.csv': `x1,x2,y\n${rows(3, good)}\n1,,a\n`,
  'nan-cell.csv': `x1,x2,y\n${rows(3, good)}\nNaN,1,a\n`,
  'infinity-cell.csv': `x1,x2,y\n${rows(3, good)}\n1,Infinity,b\n`,
  'word-cell.csv': `x1,x2,y\n${rows(3, good)}\n1,two,b\n`,
  'ansi-cell.csv': `x1,x2,y\n${rows(3, good)}\n1,\u001b[31mred\u001b[0m,b\n`,
  'nul-header.csv': `x1,x\u00002,y\n${rows(5, good)}\n`,
  'ansi-header.csv': `x1,x\u001b]0;pwned\u0007,y\n${rows(5, good)}\n`,
  'bad-utf8.csv': Buffer.concat([
    Buffer.from(`x1,x2,y\n${rows(3, good)}\n1,`),
    Buffer.from([0xc3, 0x28]),
    Buffer.from(',a\n'),
  ]),
  'binary.csv': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)),
  'shadow.csv': `root:$6$Zx9${SECRET}q1w2e3r4t5y6u7i8o9p0:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n`,
  'one-class.csv': `x1,x2,y\n${rows(6, (i) => `${i},${i % 3},a`)}\n`,
  'constant-feature.csv': `x1,x2,y\n${rows(6, (i) => `${i},5,${i % 2 ? 'a' : 'b'}`)}\n`,
  'underflow.csv': `x1,x2,y\n${rows(6, (i) => `${i},${i % 2 ? '1e-40' : '2e-40'},${i % 2 ? 'a' : 'b'}`)}\n`,
  'underflow-300.csv': `x1,x2,y\n${rows(6, (i) => `${i},${(i + 1) * 1e-300},${i % 2 ? 'a' : 'b'}`)}\n`,
  'overflow.csv': `x1,x2,y\n${rows(6, (i) => `${i},${(i + 1) * 1e39},${i % 2 ? 'a' : 'b'}`)}\n`,
  'three-classes.csv': `x1,x2,y\n${rows(9, (i) => `${i},${(i * 4) % 5},${'abc'[i % 3]}`)}\n`,
  'big.csv': `x1,x2,y\n${rows(3000, good)}\n`,
};

/** `openbox logistic --csv <file> --target y [extra]`. */
function csv(
  file: string,
  exit: 1 | 2,
  mentions: readonly (string | RegExp)[],
  extra: readonly string[] = [],
  absent: readonly (string | RegExp)[] = [],
): CliCase {
  return {
    name: `logistic --csv ${file}${extra.length ? ` ${extra.join(' ')}` : ''}`,
    args: (fx) => ['logistic', '--csv', fx.at(file), '--target', 'y', ...extra],
    exit,
    mentions: (fx) => [fx.at(file), ...mentions],
    absent,
  };
}

export const CSV_CASES: readonly CliCase[] = [
  csv('empty.csv', 1, [/empty/i]),
  csv('blank-lines.csv', 1, [/empty/i]),
  csv('header-only.csv', 1, [/no data rows/i]),
  csv('no-header.csv', 1, [/header/i]),
  csv('duplicate-column.csv', 1, ['x1', /twice|duplicate/i]),
  csv('empty-header-cell.csv', 1, [/header/i]),
  csv('unterminated-quote.csv', 1, [/quote/i, /line 2/]),
  csv('text-after-quote.csv', 1, [/quote/i, /line 2/]),
  csv('ragged-short.csv', 1, [/line 5/, /2 fields|fields/]),
  csv('ragged-long.csv', 1, [/line 5/, /4 fields|fields/]),
  csv('empty-cell.csv', 1, [/line 5/, 'x2', /empty/i]),
  csv('nan-cell.csv', 1, [/line 5/, 'x1', 'NaN']),
  csv('infinity-cell.csv', 1, [/line 5/, 'x2', 'Infinity']),
  csv('word-cell.csv', 1, [/line 5/, 'x2', 'two']),
  csv('ansi-cell.csv', 1, [/line 5/, 'x2', '\\x1b[31mred']),
  csv('nul-header.csv', 1, ['\\x00', '"nope"'], ['--features', 'x1,nope']),
  csv('ansi-header.csv', 1, ['\\x1b]0;pwned\\x07'], ['--features', 'x1,nope']),
  csv('bad-utf8.csv', 1, [/UTF-8/i, /line 5/]),
  csv('binary.csv', 1, [/UTF-8/i]),
  csv('shadow.csv', 1, ['is this a CSV file?'], [], [SECRET, 'root:', 'daemon:*']),
  csv('one-class.csv', 1, [/one class|only one|single class/i]),
  csv('constant-feature.csv', 1, ['x2', /same value|constant/i]),
  csv('underflow.csv', 1, ['x2', /float32/i, '2e-40', 'line 2']),
  csv('underflow-300.csv', 1, ['x2', /float32/i]),
  csv('overflow.csv', 1, ['x2', /float32/i]),
  {
    name: 'logistic --csv three-classes.csv (no --positive)',
    args: (fx) => ['logistic', '--csv', fx.at('three-classes.csv'), '--target', 'y'],
    exit: 2,
    mentions: () => ['--positive', '3 classes (a, b, c)'],
  },
  csv('big.csv', 1, [/limit/i, '--max-bytes'], ['--max-bytes', '1000']),
  // Special files: refused at once, never read.
  csv('fifo.csv', 1, [/named pipe|FIFO/i]),
  csv('zero-link.csv', 1, [/character device/i]),
  csv('urandom-link.csv', 1, [/character device/i]),
  csv('folder.csv', 1, [/folder/i]),
  csv('missing.csv', 1, [/does not exist/i]),
  csv('/dev/zero', 1, [/character device/i]),
  csv('/dev/urandom', 1, [/character device/i]),
  csv('/dev/null', 1, [/character device/i]),
  csv('/etc', 1, [/folder/i]),
  csv('ok.csv/child', 1, [/not a folder|ENOTDIR/i]),
];
