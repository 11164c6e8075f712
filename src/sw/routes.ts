/// <reference lib="webworker" />
import { matchPrecache } from 'workbox-precaching';
import type { RouteHandlerCallbackOptions } from 'workbox-core';
import { getAnyArticle } from '../shared/article-store.ts';
import { matchRoute, SHELL_FILE, withoutBase } from '../shared/routes.ts';
import { getDB } from './db.ts';

const BASE = import.meta.env.BASE_URL;
const SHELL = BASE + SHELL_FILE;
const NOT_FOUND = `${BASE}404.html`;

async function isSaved(slug: string): Promise<boolean> {
  try {
    return (await getAnyArticle(await getDB(), slug)) !== undefined;
  } catch {
    return false;
  }
}

/**
 * A precached page standing in for the one asked for, from the network when the precache lost it: the neutral shell
 * (status 200), which renders a route from the device, or "not found" (status 404) for an address that is no route.
 */
async function standIn(request: Request, file: string, status: 200 | 404): Promise<Response> {
  const page = (await matchPrecache(file)) ?? (await fetch(file).catch(() => undefined));
  if (!page?.ok) return fetch(request);
  return new Response(page.body, { status, headers: page.headers });
}

const shell = (request: Request) => standIn(request, SHELL, 200);

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
    // Offline, /feed.xml or a mistyped address is not found, and says so with its status.
    return route?.kind === 'not-found' ? standIn(request, NOT_FOUND, 404) : shell(request);
  }
}
