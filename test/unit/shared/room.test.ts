import { describe, expect, it } from 'vitest';
import { ESTIMATE_EVERY_MAX, HEADROOM_MIN, roomGauge } from '../../../src/shared/room.ts';

const MB = 1024 * 1024;

/** A browser whose usage grows by what is stored: `store` is what a sync wrote after a yes. */
function browser(quota: number, usage = 0) {
  const state = { quota, usage, asked: 0 };
  return {
    state,
    estimate: async () => {
      state.asked += 1;
      return { quota: state.quota, usage: state.usage };
    },
  };
}

describe('the room a sync may fill', () => {
  it('asks the browser a handful of times for a thousand posts, not once each', async () => {
    const b = browser(2000 * MB);
    const hasRoom = roomGauge(b.estimate);
    for (let i = 0; i < 1000; i++) {
      expect(await hasRoom(14_000)).toBe(true);
      b.state.usage += 14_000;
    }
    // 14 MB stored, asked again after every ESTIMATE_EVERY_MAX.
    expect(b.state.asked).toBe(Math.ceil((1000 * 14_000) / ESTIMATE_EVERY_MAX));
  });

  it('keeps the headroom: stops where asking every time would stop', async () => {
    const quota = 3 * MB;
    const b = browser(quota, MB);
    const hasRoom = roomGauge(b.estimate);
    let stored = 0;
    while (await hasRoom(30_000)) {
      b.state.usage += 30_000;
      stored += 30_000;
    }
    // Asked every time, the last yes leaves more than the headroom, and one more would not.
    const headroom = Math.max(HEADROOM_MIN, quota * 0.02);
    expect(quota - b.state.usage).toBeGreaterThan(headroom);
    expect(quota - b.state.usage - 30_000).toBeLessThanOrEqual(headroom);
    expect(stored).toBeGreaterThan(0);
  });

  it('counts what it granted against the last answer, and asks again after a quarter of the room', async () => {
    const b = browser(10 * MB, 0);
    const hasRoom = roomGauge(b.estimate);
    const headroom = Math.max(HEADROOM_MIN, 10 * MB * 0.02);
    const quarter = (10 * MB - headroom) / 4;
    let granted = 0;
    // The browser's usage does not move here: only the gauge's own count stands between its answers.
    while (granted + 100_000 <= quarter) {
      expect(await hasRoom(100_000)).toBe(true);
      granted += 100_000;
    }
    expect(b.state.asked).toBe(1);
    await hasRoom(100_000);
    await hasRoom(100_000);
    expect(b.state.asked).toBe(2);
    // More than is left by the count is refused only after asking again.
    const asked = b.state.asked;
    expect(await hasRoom(10 * MB)).toBe(false);
    expect(b.state.asked).toBe(asked + 1);
  });

  it('says no only on a fresh answer: room freed since the last answer is found', async () => {
    const b = browser(MB, MB - 200_000);
    const hasRoom = roomGauge(b.estimate);
    expect(await hasRoom(100_000)).toBe(true);
    // The reader removed saved posts meanwhile.
    b.state.usage = 0;
    expect(await hasRoom(100_000)).toBe(true);
    expect(await hasRoom(500_000)).toBe(true);
  });

  it('limits nothing when the browser does not say, or fails to', async () => {
    expect(await roomGauge(async () => undefined)(10 * MB)).toBe(true);
    expect(await roomGauge(() => Promise.reject(new Error('no')))(10 * MB)).toBe(true);
  });

  it('asks once for grants asked at the same time', async () => {
    const b = browser(100 * MB);
    const hasRoom = roomGauge(b.estimate);
    expect(await Promise.all(Array.from({ length: 6 }, () => hasRoom(10_000)))).toEqual(Array(6).fill(true));
    expect(b.state.asked).toBe(1);
  });
});
