import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInto } from './build-helper.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/posts');

/** Every file under dir, with its modification time. */
function files(dir: string, rel = ''): Map<string, number> {
  const out = new Map<string, number>();
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [f, t] of files(dir, child)) out.set(f, t);
    else out.set(child, statSync(path.join(dir, child)).mtimeMs);
  }
  return out;
}

describe('a rebuild over the last build', () => {
  it('writes only what changed, and removes what the blog no longer has', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'reader-incremental-'));
    const posts = path.join(work, 'posts');
    cpSync(fixtures, posts, { recursive: true });
    writeFileSync(
      path.join(posts, 'delta-kept.md'),
      "---\ntitle: 'Delta: Kept'\ndate: 2026-03-01\ntags: [linux]\nsummary: 'A post no rebuild touches.'\n---\n\nBody.\n",
    );
    const env = { POSTS_DIR: posts, RENDER_CACHE_DIR: path.join(work, 'cache') };
    const dist = await buildInto(env, path.join(work, 'dist'));
    const before = files(dist);
    const payload = (slug: string, list = files(dist)) =>
      [...list.keys()].filter((f) => f.startsWith(`articles/${slug}.`));
    expect(payload('alpha-locks', before)).toHaveLength(1);

    appendFileSync(path.join(posts, 'alpha-locks.md'), '\nA sentence added by the rebuild test.\n');
    // A script an older version left at the root (dist/ is not emptied) must never reach the precache.
    writeFileSync(path.join(dist, 'left-over.js'), 'old code');
    rmSync(path.join(posts, 'beta-packets.md'));
    await buildInto(env, dist, { empty: false });
    const after = files(dist);

    // The changed post: a new payload replaces the old one, and its page holds the new text.
    expect(payload('alpha-locks')).toHaveLength(1);
    expect(payload('alpha-locks')).not.toEqual(payload('alpha-locks', before));
    expect(readFileSync(path.join(dist, 'posts/alpha-locks/index.html'), 'utf8')).toContain('added by the rebuild');
    // The removed post: its page and payload are gone, and the home page no longer links to it.
    expect(existsSync(path.join(dist, 'posts/beta-packets'))).toBe(false);
    expect(payload('beta-packets')).toEqual([]);
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).not.toContain('posts/beta-packets/');
    // Every other post's page and payload is the file the first build wrote, untouched.
    const others = [...before.keys()].filter(
      (f) => /^(posts|articles)\//.test(f) && !/alpha-locks|beta-packets/.test(f),
    );
    expect(others).toEqual(expect.arrayContaining(['posts/delta-kept/index.html']));
    expect(others.filter((f) => f.startsWith('articles/delta-kept.'))).toHaveLength(1);
    for (const f of others) expect(after.get(f), f).toBe(before.get(f));
    expect(readFileSync(path.join(dist, 'sw.js'), 'utf8')).not.toContain('left-over.js');
    rmSync(path.join(dist, 'left-over.js'));
    after.delete('left-over.js');
    // And the whole folder is, byte for byte, what a build from nothing makes of the same posts.
    const fresh = await buildInto(env, path.join(work, 'fresh'));
    expect([...after.keys()].sort()).toEqual([...files(fresh).keys()].sort());
    for (const f of after.keys())
      expect(readFileSync(path.join(dist, f)), f).toEqual(readFileSync(path.join(fresh, f)));
    rmSync(work, { recursive: true, force: true });
  });

  it('renders again only the list pages that show a changed post', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'reader-incremental-'));
    const posts = path.join(work, 'posts');
    cpSync(fixtures, posts, { recursive: true });
    const env = { POSTS_DIR: posts, RENDER_CACHE_DIR: path.join(work, 'cache') };
    const dist = await buildInto(env, path.join(work, 'dist'));
    const before = files(dist);

    // Alpha (threading, linux) changes; beta (networking) does not, and the tags' counts stay the same.
    appendFileSync(path.join(posts, 'alpha-locks.md'), '\nA sentence added by the rebuild test.\n');
    await buildInto(env, dist, { empty: false });
    const after = files(dist);

    // The list that does not show alpha is the page the first build wrote; the lists that show it are new.
    expect(after.get('tags/networking/index.html')).toBe(before.get('tags/networking/index.html'));
    expect(after.get('posts/beta-packets/index.html')).toBe(before.get('posts/beta-packets/index.html'));
    for (const f of ['tags/threading/index.html', 'tags/linux/index.html', 'index.html'])
      expect(after.get(f), f).not.toBe(before.get(f));
    const fresh = await buildInto(env, path.join(work, 'fresh'));
    expect([...after.keys()].sort()).toEqual([...files(fresh).keys()].sort());
    for (const f of after.keys())
      expect(readFileSync(path.join(dist, f)), f).toEqual(readFileSync(path.join(fresh, f)));
    rmSync(work, { recursive: true, force: true });
  });

  it('makes every page again when what all pages share changes (here the site URL)', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'reader-incremental-'));
    const env = { POSTS_DIR: fixtures, RENDER_CACHE_DIR: path.join(work, 'cache') };
    const dist = await buildInto({ ...env, SITE_URL: 'https://old.example/' }, path.join(work, 'dist'));
    await buildInto({ ...env, SITE_URL: 'https://new.example/' }, dist, { empty: false });
    const fresh = await buildInto({ ...env, SITE_URL: 'https://new.example/' }, path.join(work, 'fresh'));
    const after = files(dist);
    expect([...after.keys()].sort()).toEqual([...files(fresh).keys()].sort());
    for (const f of after.keys())
      expect(readFileSync(path.join(dist, f)), f).toEqual(readFileSync(path.join(fresh, f)));
    rmSync(work, { recursive: true, force: true });
  });
});
