/** Every spec of every builder is valid against the Vega-Lite JSON schema and compiles to Vega. */
import { compile } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHART_BUILDERS, CHART_KINDS, isChartKind } from './chart-builders.js';
import { SAMPLE_SPECS } from './test-cases.js';
import { vegaLiteValidator } from './test-schema.js';

const CASES = CHART_KINDS.flatMap((kind) =>
  Object.entries(SAMPLE_SPECS[kind]).map(([name, build]) => [kind, name, build] as const),
);

describe('chart builders', () => {
  beforeAll(() => {
    vegaLiteValidator();
  });

  it('has a builder and sample cases for every kind', () => {
    expect(Object.keys(CHART_BUILDERS).sort()).toEqual([...CHART_KINDS].sort());
    for (const kind of CHART_KINDS) expect(Object.keys(SAMPLE_SPECS[kind]).length).toBeGreaterThan(0);
    expect(isChartKind('image-heatmap')).toBe(true);
    expect(isChartKind('pie')).toBe(false);
  });

  it.each(CASES)('%s (%s) validates against the Vega-Lite schema', (_kind, _name, build) => {
    const validate = vegaLiteValidator();
    const spec = build();
    const ok = validate(spec);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(CASES)('%s (%s) compiles to Vega with inline data and without warnings', (_kind, _name, build) => {
    const spec = build();
    const warnings: string[] = [];
    const logger = {
      level: () => logger,
      error: (...m: unknown[]) => (warnings.push(`error ${m.join(' ')}`), logger),
      warn: (...m: unknown[]) => (warnings.push(`warn ${m.join(' ')}`), logger),
      info: () => logger,
      debug: () => logger,
    };
    const { spec: vega } = compile(spec, { logger: logger as never });
    expect(warnings).toEqual([]);
    expect(vega.marks?.length ?? 0).toBeGreaterThan(0);
    expect(JSON.stringify(spec)).not.toMatch(/"url"/);
  });

  it('rejects a spec the schema forbids (the validator is not vacuous)', () => {
    const validate = vegaLiteValidator();
    expect(validate({ mark: 'pie-chart', data: { values: [] } })).toBe(false);
  });
});
