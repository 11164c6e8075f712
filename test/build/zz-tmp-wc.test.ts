import path from 'node:path';
import { it } from 'vitest';
import { loadContent } from '/work/main/src/build/content.ts';
it('wc', () => {
  const posts = loadContent(path.resolve('/work/main/content/posts'), { drafts: false }).posts;
  for (const post of posts) {
    if (!['dpdk-kernel-bypass','packet-receive-path'].includes(post.meta.slug)) continue;
    const prose = post.article.html.replace(/<pre[\s\S]*?<\/pre>/g, ' ').replace(/<[^>]+>/g, ' ');
    const words = prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    console.log(post.meta.slug, words, post.article.toc.map((t: any) => t.text).join(' | '));
    console.log(post.fences.map((f: any) => `${f.lang} ${f.file ?? ''} ${f.flags}`).join('\n'));
  }
});
