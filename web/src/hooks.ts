/** Small data hooks over `api`: a loader with reload, and the shared directory cache. */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { api, errorMessage, type Organisation } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): Promise<void>;
  setData(d: T): void;
}

/** Runs `load` on mount and whenever `deps` change; keeps the last data while reloading. */
export function useLoader<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const d = await run();
      if (mine === seq.current) {
        setData(d);
        setError(null);
      }
    } catch (e) {
      if (mine === seq.current) setError(errorMessage(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [run]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload, setData };
}

// ---------------------------------------------------------------------------
// Directory cache: every picker and every "(по согласованию)" mark reads the same list.

interface DirectoryState {
  items: Organisation[];
  byId: Map<number, Organisation>;
  loaded: boolean;
  error: string | null;
}

let directory: DirectoryState = { items: [], byId: new Map(), loaded: false, error: null };
let inflight: Promise<void> | null = null;
const listeners = new Set<() => void>();

function setDirectory(next: DirectoryState) {
  directory = next;
  listeners.forEach((l) => l());
}

/** Loads (or reloads) the directory into the shared cache. */
export function refreshDirectory(): Promise<void> {
  inflight ??= api
    .organisations()
    .then((r) => setDirectory({ items: r.items, byId: new Map(r.items.map((o) => [o.id, o])), loaded: true, error: null }))
    .catch((e) => setDirectory({ ...directory, error: errorMessage(e) }))
    .finally(() => {
      inflight = null;
    });
  return inflight;
}

/** Forgets the cache (on logout). */
export function clearDirectory() {
  setDirectory({ items: [], byId: new Map(), loaded: false, error: null });
}

export function useDirectory(): DirectoryState {
  const state = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => directory,
  );
  useEffect(() => {
    if (!directory.loaded && !directory.error) void refreshDirectory();
  }, []);
  return state;
}
