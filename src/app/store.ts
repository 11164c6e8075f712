import { useEffect, useState } from 'preact/hooks';

/** A value the whole page shares, with subscribers. */
export interface Store<T> {
  get(): T;
  set(value: T): void;
  update(change: (value: T) => T): void;
  subscribe(listener: (value: T) => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  const set = (next: T) => {
    if (Object.is(next, value)) return;
    value = next;
    listeners.forEach((l) => l(value));
  };
  return {
    get: () => value,
    set,
    update: (change) => set(change(value)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The part of a store's value a component shows, re-rendering only when that part changes (compared with
 * Object.is): a card that selects its own post's record ignores changes to every other post.
 */
export function useStore<T, S = T>(store: Store<T>, select: (value: T) => S = (v) => v as unknown as S): S {
  const [selected, setSelected] = useState(() => select(store.get()));
  useEffect(() => {
    setSelected(() => select(store.get()));
    return store.subscribe((value) => {
      const next = select(value);
      setSelected((prev) => (Object.is(prev, next) ? prev : next));
    });
  }, [store]);
  return selected;
}
