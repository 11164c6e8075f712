import { describe, expect, it } from 'vitest';
import { matchRoute, postPath, tagPath, withBase, withoutBase } from '../../../src/shared/routes.ts';

describe('routes', () => {
  it('matches every kind of page, with or without the trailing slash', () => {
    expect(matchRoute('/')).toEqual({ kind: 'home' });
    expect(matchRoute('/posts/epoll-internals/')).toEqual({ kind: 'post', slug: 'epoll-internals' });
    expect(matchRoute('/posts/epoll-internals')).toEqual({ kind: 'post', slug: 'epoll-internals' });
    expect(matchRoute('/tags/networking/')).toEqual({ kind: 'tag', tag: 'networking' });
    expect(matchRoute('/settings/')).toEqual({ kind: 'settings' });
    expect(matchRoute('/bookmarks/')).toEqual({ kind: 'bookmarks' });
    expect(matchRoute('/posts/Bad_Slug/')).toEqual({ kind: 'not-found' });
    expect(matchRoute('/posts/a/b/')).toEqual({ kind: 'not-found' });
    expect(matchRoute('/404')).toEqual({ kind: 'not-found' });
  });

  it('builds paths that round-trip', () => {
    expect(matchRoute(postPath('x-1'))).toEqual({ kind: 'post', slug: 'x-1' });
    expect(matchRoute(tagPath('ebpf'))).toEqual({ kind: 'tag', tag: 'ebpf' });
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
