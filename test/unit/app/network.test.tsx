// @vitest-environment jsdom
import { render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkIndicator } from '../../../src/app/components/NetworkIndicator.tsx';
import { checkNetwork } from '../../../src/app/network.ts';
import { appStatus } from '../../../src/app/status.ts';

afterEach(() => {
  vi.restoreAllMocks();
  appStatus.set({ storage: 'unknown', offline: false });
});

const onLine = (value: boolean) => vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(value);
const indicator = () => screen.getByRole('status').textContent;

describe('the header’s network mark', () => {
  it('says Offline when the browser says online but the host cannot be reached', async () => {
    onLine(true);
    render(<NetworkIndicator />);
    expect(indicator()).toBe('');
    const fetcher = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    await checkNetwork(fetcher);
    expect(indicator()).toBe('Offline');
    // One request, for a file the worker passes through, that nothing keeps.
    expect(fetcher.mock.calls).toEqual([['/robots.txt', { method: 'HEAD', cache: 'no-store' }]]);
  });

  it('clears once the host answers, whatever the answer', async () => {
    onLine(true);
    appStatus.set({ storage: 'unknown', offline: true });
    render(<NetworkIndicator />);
    expect(indicator()).toBe('Offline');
    await checkNetwork(() => Promise.resolve(new Response(null, { status: 404 })));
    expect(indicator()).toBe('');
  });

  it('asks nothing when the browser already says it is offline', async () => {
    onLine(false);
    render(<NetworkIndicator />);
    const fetcher = vi.fn(() => Promise.resolve(new Response('')));
    await checkNetwork(fetcher);
    expect(indicator()).toBe('Offline');
    expect(fetcher).not.toHaveBeenCalled();
  });
});
