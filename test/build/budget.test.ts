import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, report } from '../../scripts/size-check.mjs';
import { buildInto } from './build-helper.ts';

let dist = '';

describe('the budgets, on a fresh build of the real posts', () => {
  beforeAll(async () => {
    dist = await buildInto();
  });

  it('paints the home page from HTML and CSS within one round trip, and keeps JavaScript within budget', () => {
    const { ok, text, measured } = report(dist);
    console.log(text);
    expect(measured.paint).toBeLessThanOrEqual(BUDGETS.paint);
    expect(measured.script).toBeLessThanOrEqual(BUDGETS.script);
    expect(measured.worker).toBeLessThanOrEqual(BUDGETS.worker);
    expect(ok).toBe(true);
  });

  it('counts the scripts the home page names, so the check cannot pass by counting nothing', () => {
    const { measured } = report(dist);
    expect(measured.scripts.length).toBeGreaterThanOrEqual(3);
    expect(measured.scripts.some((s: { file: string }) => s.file.startsWith('assets/sw-bridge-'))).toBe(true);
    // The theme script is inline in the page and counts as its JavaScript; the styles are inline and count as paint.
    expect(measured.scripts.filter((s: { file: string }) => s.file.includes('inline script'))).toHaveLength(1);
    expect(measured.inlineCss).toHaveLength(1);
    expect(measured.inlineCss[0]).toBeGreaterThan(1_000);
    expect(measured.script).toBeGreaterThan(10_000);
    expect(measured.worker).toBeGreaterThan(3_000);
  });
});
