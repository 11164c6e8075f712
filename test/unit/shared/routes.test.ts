import { describe, expect, it } from 'vitest';
import {
  articleFile,
  homePath,
  isIndexFile,
  matchArticleFile,
  matchRoute,
  postPath,
  tagPath,
  withBase,
  withoutBase,
} from '../../../src/shared/routes.ts';

describe('routes', () => {
  it('matches every kind of page, with or without the trailing slash', () => {
    expect(matchRoute('/')).toEqual({ kind: 'home', page: 1 });
    expect(matchRoute('/page/2/')).toEqual({ kind: 'home', page: 2 });
    expect(matchRoute('/page/37')).toEqual({ kind: 'home', page: 37 });
    expect(matchRoute('/posts/epoll-internals/')).toEqual({ kind: 'post', slug: 'epoll-internals' });
    expect(matchRoute('/posts/epoll-internals')).toEqual({ kind: 'post', slug: 'epoll-internals' });
    expect(matchRoute('/tags/networking/')).toEqual({ kind: 'tag', tag: 'networking', page: 1 });
    expect(matchRoute('/tags/networking/page/3/')).toEqual({ kind: 'tag', tag: 'networking', page: 3 });
    expect(matchRoute('/settings/')).toEqual({ kind: 'settings' });
    expect(matchRoute('/bookmarks/')).toEqual({ kind: 'bookmarks' });
  });

  it('gives page 1 of a list one address only, and refuses pages that cannot exist', () => {
    for (const path of [
      '/page/1/',
      '/page/0/',
      '/page/01/',
      '/tags/x/page/1/',
      '/page/x/',
      '/page/',
      '/tags/x/page/',
    ]) {
      expect(matchRoute(path), path).toEqual({ kind: 'not-found' });
    }
    expect(matchRoute('/posts/Bad_Slug/')).toEqual({ kind: 'not-found' });
    expect(matchRoute('/posts/a/b/')).toEqual({ kind: 'not-found' });
    expect(matchRoute('/posts/-a/')).toEqual({ kind: 'not-found' });
    expect(matchRoute('/404')).toEqual({ kind: 'not-found' });
  });

  it('builds paths that round-trip', () => {
    expect(matchRoute(postPath('x-1'))).toEqual({ kind: 'post', slug: 'x-1' });
    expect(matchRoute(tagPath('ebpf'))).toEqual({ kind: 'tag', tag: 'ebpf', page: 1 });
    expect(matchRoute(tagPath('ebpf', 4))).toEqual({ kind: 'tag', tag: 'ebpf', page: 4 });
    expect(homePath(1)).toBe('/');
    expect(matchRoute(homePath(12))).toEqual({ kind: 'home', page: 12 });
  });

  it('names payloads and index files, and recognises only those', () => {
    const file = articleFile({ slug: 'epoll', hash: '0123456789ab' });
    expect(file).toBe('articles/epoll.0123456789ab.json');
    expect(matchArticleFile(file)).toEqual({ slug: 'epoll', hash: '0123456789ab' });
    expect(matchArticleFile('articles/epoll.json')).toBeUndefined();
    expect(matchArticleFile('articles/../x.0123456789ab.json')).toBeUndefined();
    expect(isIndexFile('index/home-2.0123456789ab.json')).toBe(true);
    expect(isIndexFile('index/home-2.json')).toBe(false);
  });

  it('adds and strips the base path', () => {
    expect(withBase('/', '/posts/a/')).toBe('/posts/a/');
    expect(withBase('/blog/', '/posts/a/')).toBe('/blog/posts/a/');
    expect(withoutBase('/blog/', '/blog/posts/a/')).toBe('/posts/a/');
    expect(withoutBase('/blog/', '/blog')).toBe('/');
    expect(withoutBase('/blog/', '/other/')).toBeNull();
    expect(withoutBase('/', '/x/')).toBe('/x/');
  });
});
