/// <reference lib="webworker" />
import posts from 'virtual:post-refs';
import { matchPrecache } from 'workbox-precaching';
import type { RouteHandlerCallbackOptions } from 'workbox-core';
import { getArticle } from '../shared/article-store.ts';
import { matchRoute, withoutBase } from '../shared/routes.ts';
import type { PostRef } from '../shared/types.ts';
import { workerDB } from './db.ts';

const BASE = import.meta.env.BASE_URL;
const byPayload = new Map(posts.map((p) => [BASE + p.article, p]));
const bySlug = new Map(posts.map((p) => [p.slug, p]));

/** The shell that renders any route from the bundle and IndexedDB: the prerendered "not found" page. */
const SHELL = `${BASE}404.html`;

export const isArticleRequest = (url: URL): boolean => byPayload.has(url.pathname);

async function savedArticle(post: PostRef) {
  try {
    return await getArticle(await workerDB(), post);
  } catch {
    return undefined;
  }
}

/** Article payloads: from IndexedDB when saved, else from the network. */
export async function answerArticle({ url, request }: RouteHandlerCallbackOptions): Promise<Response> {
  const post = byPayload.get(url.pathname)!;
  const saved = await savedArticle(post);
  if (saved) {
    const { slug, hash, html, toc } = saved;
    return Response.json({ slug, hash, html, toc });
  }
  return fetch(request);
}

async function shell(): Promise<Response> {
  const page = await matchPrecache(SHELL);
  if (!page) return Response.error();
  // The shell stands in for the page asked for, so it is that page's answer, not a 404.
  return new Response(page.body, { status: 200, headers: page.headers });
}

/**
 * Navigations the precache does not answer: a saved post opens at once from the shell; anything else goes to the
 * network, and when the network is gone the shell renders the post from IndexedDB or says "not found".
 */
export async function answerNavigation({ url, request }: RouteHandlerCallbackOptions): Promise<Response> {
  const path = withoutBase(BASE, url.pathname);
  const route = path === null ? undefined : matchRoute(path);
  const post = route?.kind === 'post' ? bySlug.get(route.slug) : undefined;
  if (post && (await savedArticle(post))) return shell();
  try {
    return await fetch(request);
  } catch {
    return shell();
  }
}
