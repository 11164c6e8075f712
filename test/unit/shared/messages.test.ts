import { describe, expect, it } from 'vitest';
import { asWorkerMessage } from '../../../src/shared/messages.ts';

const progress = {
  total: 3,
  saved: 3,
  failed: [],
  quotaExceeded: false,
  done: false,
  bytes: 10,
  changed: [],
  removed: [],
};

describe('messages from the worker', () => {
  it('keep the search index progress, checked', () => {
    const search = { files: 4, handled: 1 };
    expect(asWorkerMessage({ type: 'SYNC_PROGRESS', progress: { ...progress, search } })).toEqual({
      type: 'SYNC_PROGRESS',
      progress: { ...progress, search },
    });
    expect(asWorkerMessage({ type: 'SYNC_PROGRESS', progress })).toEqual({ type: 'SYNC_PROGRESS', progress });
    for (const bad of [{ files: 4 }, { files: '4', handled: 1 }, { files: 4, handled: -1 }, [4, 1], null]) {
      expect(asWorkerMessage({ type: 'SYNC_PROGRESS', progress: { ...progress, search: bad } })).toBeUndefined();
    }
  });
});
