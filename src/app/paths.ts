import { withBase } from '../shared/routes.ts';

/** The base the app is served under, always ending in `/`. */
export const BASE = import.meta.env.BASE_URL;

/** A link target for a base-relative path. */
export const href = (path: string): string => withBase(BASE, path);

/** The URL of a file in the build output, from its base-relative name (`articles/x.json`). */
export const assetUrl = (name: string): string => BASE + name;
