/**
 * Live reading of deadline texts (GET /api/deadlines/interpret) for the measure form and
 * the import preview: debounced per field, cached per (text, plan or period, event date),
 * at most a few requests in flight, so a 60-row import asks once per distinct text.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { api, errorMessage, type DeadlineInterpretation } from './api';

export interface InterpretQuery {
  text: string;
  planId?: number;
  periodFrom?: string;
  periodTo?: string;
  anchorDate?: string | null;
}

export type InterpretState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; data: DeadlineInterpretation }
  | { status: 'error'; message: string };

const IDLE: InterpretState = { status: 'idle' };
const LOADING: InterpretState = { status: 'loading' };
const MAX_IN_FLIGHT = 4;
const MAX_ENTRIES = 2000;

const cache = new Map<string, InterpretState>();
const listeners = new Map<string, Set<() => void>>();
const anyListeners = new Set<() => void>();
const queue: { key: string; q: InterpretQuery }[] = [];
let inFlight = 0;
let version = 0;

export function interpretKey(q: InterpretQuery): string {
  return JSON.stringify([
    q.text.trim(),
    q.planId ?? null,
    q.periodFrom ?? null,
    q.periodTo ?? null,
    q.anchorDate || null,
  ]);
}

function set(key: string, state: InterpretState) {
  cache.set(key, state);
  version++;
  listeners.get(key)?.forEach((l) => l());
  anyListeners.forEach((l) => l());
}

function pump() {
  while (inFlight < MAX_IN_FLIGHT && queue.length) {
    const { key, q } = queue.shift()!;
    inFlight++;
    api
      .interpretDeadline({ ...q, text: q.text.trim(), anchorDate: q.anchorDate || undefined })
      .then((data) => set(key, { status: 'done', data }))
      .catch((e) => {
        // Errors are not cached for good: the next request of the same key tries again.
        set(key, { status: 'error', message: errorMessage(e) });
        setTimeout(() => cache.get(key)?.status === 'error' && cache.delete(key), 5000);
      })
      .finally(() => {
        inFlight--;
        pump();
      });
  }
}

/** Starts reading `q` unless it is cached or queued. Empty texts are never sent. */
export function requestInterpretation(q: InterpretQuery): void {
  if (!q.text.trim()) return;
  const key = interpretKey(q);
  if (cache.has(key)) return;
  if (cache.size > MAX_ENTRIES) cache.clear();
  cache.set(key, LOADING);
  queue.push({ key, q });
  pump();
}

export function peekInterpretation(q: InterpretQuery): InterpretState {
  if (!q.text.trim()) return IDLE;
  return cache.get(interpretKey(q)) ?? IDLE;
}

/** Re-renders on every finished reading (for lists that summarise many rows). */
export function useInterpretationsVersion(): number {
  return useSyncExternalStore(
    (l) => {
      anyListeners.add(l);
      return () => anyListeners.delete(l);
    },
    () => version,
  );
}

/** The value after it stopped changing for `delay` ms. */
export function useDebounced<T>(value: T, delay: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), delay);
    return () => clearTimeout(t);
  }, [value, delay]);
  return v;
}

/**
 * The reading of one deadline text, debounced (~250 ms after typing stops). `null`
 * disables it. While the text is being typed the previous reading stays `stale`.
 */
export function useDeadlineInterpretation(
  q: InterpretQuery | null,
  delay = 250,
): InterpretState & { pending: boolean } {
  const key = q && q.text.trim() ? interpretKey(q) : '';
  const debouncedKey = useDebounced(key, delay);
  const latest = useRef<InterpretQuery | null>(q);
  latest.current = q;
  useEffect(() => {
    const cur = latest.current;
    if (debouncedKey && cur && interpretKey(cur) === debouncedKey) requestInterpretation(cur);
  }, [debouncedKey]);
  const state = useSyncExternalStore(
    (l) => {
      if (!debouncedKey) return () => undefined;
      let set = listeners.get(debouncedKey);
      if (!set) listeners.set(debouncedKey, (set = new Set()));
      set.add(l);
      return () => set!.delete(l);
    },
    () => (debouncedKey ? (cache.get(debouncedKey) ?? LOADING) : IDLE),
  );
  return { ...state, pending: key !== debouncedKey || state.status === 'loading' } as InterpretState & {
    pending: boolean;
  };
}
