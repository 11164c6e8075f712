/** What the browser says of an origin's storage (`navigator.storage.estimate()`), when it says. */
export interface StorageEstimateLike {
  quota?: number | undefined;
  usage?: number | undefined;
}

/** Room the reader's own records (bookmarks, positions, settings) always keep: what a sync stores stops short of it. */
export const HEADROOM_MIN = 64 * 1024;
export const HEADROOM_SHARE = 0.02;

/** The most a sync stores on one estimate before it asks the browser again. */
export const ESTIMATE_EVERY_MAX = 4 * 1024 * 1024;

/**
 * Whether `bytes` more may be stored and still leave the reader's headroom, for one sync run. Asking the browser is a
 * round trip to its quota manager, milliseconds each on a phone; asked for each of 1,000 posts it was a fifth of a
 * first visit. So the browser is asked once, the bytes granted since are counted against its answer, and it is asked
 * again once they reach a quarter of the room it reported (at most ESTIMATE_EVERY_MAX): what a stale answer can
 * overshoot by stays well inside the headroom's margin. A "no" is always the browser's own, freshly asked.
 */
export function roomGauge(
  estimate: () => Promise<StorageEstimateLike | undefined>,
): (bytes: number) => Promise<boolean> {
  // null: the browser does not say (an old one, a test double): nothing limits but its own errors.
  type Room = { free: number; granted: number; every: number } | null;
  let room: Room | undefined;
  let asking: Promise<Room> | undefined;
  const ask = () =>
    (asking ??= estimate()
      .catch(() => undefined)
      .then((e): Room => {
        if (e?.quota === undefined || e.usage === undefined) return null;
        const free = e.quota - e.usage - Math.max(HEADROOM_MIN, e.quota * HEADROOM_SHARE);
        return { free, granted: 0, every: Math.min(ESTIMATE_EVERY_MAX, Math.max(0, free) / 4) };
      })
      .then((r) => (room = r))
      .finally(() => (asking = undefined)));
  return async (bytes) => {
    let r = room === undefined || (room && room.granted >= room.every) ? await ask() : room;
    // A "no" is the browser's own, not the count's.
    if (r && r.granted > 0 && bytes >= r.free - r.granted) r = await ask();
    if (!r) return true;
    if (bytes >= r.free - r.granted) return false;
    r.granted += bytes;
    return true;
  };
}
