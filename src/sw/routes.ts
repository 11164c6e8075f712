/// <reference lib="webworker" />
import { matchPrecache } from 'workbox-precaching';
import type { RouteHandlerCallbackOptions } from 'workbox-core';
import { getAnyArticle } from '../shared/article-store.ts';
import { matchRoute, SHELL_FILE, withoutBase } from '../shared/routes.ts';
import { getDB } from './db.ts';

const BASE = import.meta.env.BASE_URL;
const SHELL = BASE + SHELL_FILE;

async function isSaved(slug: string): Promise<boolean> {
  try {
    return (await getAnyArticle(await getDB(), slug)) !== undefined;
  } catch {
    return false;
  }
}

/** The neutral shell, which renders any route from the device; from the network when the precache lost it. */
async function shell(request: Request): Promise<Response> {
  const page = (await matchPrecache(SHELL)) ?? (await fetch(SHELL).catch(() => undefined));
  if (!page?.ok) return fetch(request);
  // The shell stands in for the page asked for, so it is that page's answer, not a 404.
  return new Response(page.body, { status: 200, headers: page.headers });
}

/**
 * Navigations the precache does not answer: a saved post opens at once from the shell; anything else goes to the
 * network, and when the network is gone the shell renders it from the device (a list page, a post, "not found").
 */
export async function answerNavigation({ url, request }: RouteHandlerCallbackOptions): Promise<Response> {
  const path = withoutBase(BASE, url.pathname);
  const route = path === null ? undefined : matchRoute(path);
  if (route?.kind === 'post' && (await isSaved(route.slug))) return shell(request);
  try {
    return await fetch(request);
  } catch (e) {
    if (path === null) throw e;
    return shell(request);
  }
}
