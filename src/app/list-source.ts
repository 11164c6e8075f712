import { verifyIndexFile } from '../shared/content-hash.ts';
import {
  chunkFor,
  isIndexManifest,
  isListChunk,
  isManifestName,
  LATEST_FILE,
  latestManifest,
} from '../shared/index-files.ts';
import { getIndexFile, listIndexFiles } from '../shared/index-store.ts';
import { isListRoute, type Route } from '../shared/routes.ts';
import type { IndexManifest, ListChunk } from '../shared/types.ts';
import { assetUrl } from './paths.ts';
import { rememberPosts } from './article-source.ts';
import { setStatus } from './status.ts';
import { pageDB } from './storage.ts';

type ListRoute = Extract<Route, { kind: 'home' | 'tag' }>;

// The manifest and list chunks in memory, checked once on arrival; immutable, as their names carry their hash.
const inFlight = new Map<string, Promise<unknown>>();
const lists = new Map<string, ListChunk>();
let knownManifest: IndexManifest | undefined;
let manifestName: Promise<string> | undefined;
/** Chunk names learnt from prerendered pages, by list page, before the manifest is at hand. */
const named = new Map<string, string>();

const key = (route: ListRoute) => `${route.kind === 'tag' ? route.tag : ''}/${route.page}`;

/** The one place the page reads index files: the device, else the network (verified by name); one request each. */
export function indexFile(name: string): Promise<unknown> {
  let request = inFlight.get(name);
  if (!request) {
    request = (async () => {
      const db = await pageDB();
      const kept = db ? await getIndexFile(db, name).catch(() => undefined) : undefined;
      let value: unknown;
      if (kept !== undefined) value = JSON.parse(kept) as unknown;
      else {
        let response: Response;
        try {
          response = await fetch(assetUrl(name));
        } catch (e) {
          setStatus({ offline: true });
          throw e;
        }
        if (!response.ok) throw new Error(`The list could not be loaded (HTTP ${response.status}).`);
        value = await verifyIndexFile(name, await response.text());
      }
      return value;
    })().finally(() => inFlight.delete(name));
    inFlight.set(name, request);
  }
  return request;
}

/** Note which chunk holds a list page (from its prerendered HTML), so that page needs no manifest. */
export function rememberChunkName(route: ListRoute, name: string): void {
  named.set(key(route), name);
}

/**
 * The current manifest's name, from `index/latest.json` (the worker answers it from its precache, so it names the
 * version the worker serves); with neither worker nor network, the manifest the device kept at its last sync.
 */
export function currentManifestName(): Promise<string> {
  manifestName ??= (async () => {
    try {
      const response = await fetch(assetUrl(LATEST_FILE), { cache: 'no-cache' });
      const name = response.ok ? latestManifest(await response.json().catch(() => undefined)) : undefined;
      if (name) return name;
    } catch {
      setStatus({ offline: true });
    }
    const db = await pageDB();
    const kept = db ? (await listIndexFiles(db).catch(() => [])).filter(isManifestName) : [];
    if (kept.length === 1 && kept[0]) return kept[0];
    throw new Error('The index of posts could not be loaded.');
  })();
  // A failure is not kept: the next list asked for tries again.
  manifestName.catch(() => (manifestName = undefined));
  return manifestName;
}

/** The current index manifest: memory, the device, else the network. */
export async function manifest(): Promise<IndexManifest> {
  if (knownManifest) return knownManifest;
  const value = await indexFile(await currentManifestName());
  if (!isIndexManifest(value)) throw new Error('The index of posts is damaged.');
  return (knownManifest = value);
}

function chunkName(route: ListRoute): string | undefined {
  return named.get(key(route)) ?? (knownManifest && chunkFor(knownManifest, route));
}

/** The list page if it is already in memory. */
export function knownList(route: Route): ListChunk | undefined {
  if (!isListRoute(route)) return undefined;
  const name = chunkName(route);
  return name ? lists.get(name) : undefined;
}

/** A page of a list, or null when the blog has no such page. */
export async function fetchList(route: ListRoute): Promise<ListChunk | null> {
  const name = chunkName(route) ?? chunkFor(await manifest(), route);
  if (!name) return null;
  const known = lists.get(name);
  if (known) return known;
  const chunk = await indexFile(name);
  if (!isListChunk(chunk)) throw new Error('A list of posts is damaged.');
  lists.set(name, chunk);
  rememberPosts(chunk.posts);
  return chunk;
}

/** The blog's size as the manifest gives it: how many posts, and the bytes of all their articles. */
export async function blogSize(): Promise<{ total: number; bytes: number; tags: string[] }> {
  const m = await manifest();
  return { total: m.total, bytes: m.bytes, tags: m.tags.map((t) => t.tag) };
}

/** Every slug on the blog, from every page of the home list (for checking an import: a rare, whole-blog task). */
export async function allSlugs(): Promise<Set<string>> {
  const m = await manifest();
  const slugs = new Set<string>();
  for (let page = 1; page <= m.home.length; page++) {
    const chunk = await fetchList({ kind: 'home', page });
    for (const p of chunk?.posts ?? []) slugs.add(p.slug);
  }
  return slugs;
}

/** Put a manifest in memory as if it had been read (the unit tests' fixtures; the prerenderer needs none). */
export function rememberManifest(name: string, value: IndexManifest): void {
  manifestName = Promise.resolve(name);
  knownManifest = value;
}

/** Put a list page in memory (the prerenderer, which has every page at hand). */
export function rememberList(route: ListRoute, name: string, chunk: ListChunk): void {
  named.set(key(route), name);
  lists.set(name, chunk);
  rememberPosts(chunk.posts);
}
