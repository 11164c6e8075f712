import { appStatus } from '../status.ts';
import { useStore } from '../store.ts';

/** A quiet mark in the header while there is no network. */
export function NetworkIndicator() {
  const { offline } = useStore(appStatus);
  return (
    <span class="network" role="status">
      {offline ? 'Offline' : ''}
    </span>
  );
}
