/**
 * Vitest setup file used only under Stryker: skips every test whose full name (`file > describe > it`, the file
 * relative to the package) starts with one of the prefixes in `OPENBOX_MUTATE_SKIP`, which a package's
 * `stryker.config.mjs` lists with the reason (instrumented code can run 100× slower than the original, so one heavy
 * test can cost more than every other mutant together).
 */
import { beforeEach } from 'vitest';
import { MUTATE_SKIP_ENV } from './stryker-env.mjs';

const SKIPPED = JSON.parse(process.env[MUTATE_SKIP_ENV] ?? '[]') as string[];

interface Named {
  readonly name: string;
  readonly suite?: Named | undefined;
}

/** `file > describe > … > it`; the file's name is relative to vitest's root, the sandbox. */
function fullName(task: Named & { readonly file: { readonly name: string } }): string {
  const names: string[] = [];
  for (let node: Named | undefined = task; node !== undefined; node = node.suite) names.unshift(node.name);
  return [task.file.name, ...names].join(' > ');
}

beforeEach((context) => {
  const name = fullName(context.task);
  if (SKIPPED.some((prefix) => name.startsWith(prefix))) context.skip();
});
