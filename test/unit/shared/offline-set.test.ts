import { describe, expect, it } from 'vitest';
import { asPolicy, chooseOfflineSet, DEFAULT_BUDGET } from '../../../src/shared/offline-set.ts';
import type { PostRef } from '../../../src/shared/types.ts';

const MB = 1024 * 1024;
/** `n` posts newest first, each `bytes` big, alternately tagged a and b. */
const posts = (n: number, bytes: number): PostRef[] =>
  Array.from({ length: n }, (_, i) => ({ slug: `p${i}`, hash: '000000000000', bytes, tags: [i % 2 ? 'b' : 'a'] }));

describe('choosing what to keep offline', () => {
  it('keeps every post while the whole blog fits the default budget', () => {
    expect(chooseOfflineSet(posts(10, 20_000), { mode: 'auto' }, new Set()).size).toBe(10);
    expect(chooseOfflineSet(posts(2500, 20_000), { mode: 'auto' }, new Set()).size).toBe(2500);
  });

  it('beyond the budget keeps the newest posts up to it, plus every bookmarked post, wherever it is', () => {
    const blog = posts(10_000, 40_000); // 400 MB
    const kept = chooseOfflineSet(blog, { mode: 'auto' }, new Set(['p9999', 'p5000']));
    const newest = Math.floor(DEFAULT_BUDGET / 40_000);
    expect(kept.size).toBe(newest + 2);
    expect(kept.has('p0')).toBe(true);
    expect(kept.has(`p${newest - 1}`)).toBe(true);
    expect(kept.has(`p${newest}`)).toBe(false);
    expect(kept.has('p9999')).toBe(true);
    expect(kept.has('p5000')).toBe(true);
  });

  it('keeps everything, a chosen budget, chosen tags, or only what the reader holds', () => {
    const blog = posts(100, MB);
    expect(chooseOfflineSet(blog, { mode: 'all' }, new Set()).size).toBe(100);
    expect(chooseOfflineSet(blog, { mode: 'budget', bytes: 10 * MB }, new Set()).size).toBe(10);
    expect(
      [...chooseOfflineSet(blog, { mode: 'tags', tags: ['b'] }, new Set())].every((s) => Number(s.slice(1)) % 2 === 1),
    ).toBe(true);
    expect([...chooseOfflineSet(blog, { mode: 'none' }, new Set(['p7', 'gone']))]).toEqual(['p7', 'gone']);
  });

  it('reads a stored or posted policy defensively', () => {
    expect(asPolicy({ mode: 'budget', bytes: 5 })).toEqual({ mode: 'budget', bytes: 5 });
    expect(asPolicy({ mode: 'tags', tags: ['x', 1] })).toEqual({ mode: 'auto' });
    expect(asPolicy({ mode: 'budget', bytes: -1 })).toEqual({ mode: 'auto' });
    expect(asPolicy('all')).toEqual({ mode: 'auto' });
    expect(asPolicy(undefined)).toEqual({ mode: 'auto' });
  });
});
