/**
 * The data layer of the web app: TanStack Query over the typed `request` transport in
 * api.ts (which keeps the session cookie and the CSRF header). Reads are queries keyed
 * by what they ask for; writes are mutations, and a successful write refreshes the cache
 * (see `refreshAfterWrite`).
 */
import {
  keepPreviousData,
  MutationCache,
  QueryClient,
  useMutation,
  useQuery,
  type QueryKey,
} from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api, errorMessage, type Organisation } from './api';

/** The directory's key: kept across writes unless a write says it changed the directory. */
const DIRECTORY_KEY = ['directory'] as const;

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The write changed the organisation directory (pickers, «(по согласованию)» marks). */
      directory?: boolean;
      /** A dry run or a read over POST: nothing on the server changed. */
      readOnly?: boolean;
    };
  }
}

/**
 * After any write: what is on the screen is fetched again (and the write's promise waits
 * for it, so a dialog closes onto fresh data), and everything cached but not shown is
 * dropped, so a screen opened later starts from the server and never shows a state from
 * before the write. Almost every write moves statuses, counts, dashboards and home
 * screens at once, so naming the affected queries write by write would miss some.
 */
export async function refreshAfterWrite(client: QueryClient, opts: { directory?: boolean } = {}): Promise<void> {
  const keepDirectory = (key: QueryKey) => key[0] === DIRECTORY_KEY[0] && !opts.directory;
  client.removeQueries({ type: 'inactive', predicate: (q) => !keepDirectory(q.queryKey) });
  // An import on the screen is a snapshot being worked on: saving it must not swap the
  // screen for «already saved» under the user (its next opening asks the server again).
  await client.invalidateQueries({
    type: 'active',
    predicate: (q) => !keepDirectory(q.queryKey) && q.queryKey[0] !== 'import',
  });
}

export const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    // An answer other than 2xx carries a Russian message meant for the user at once.
    queries: { retry: false },
    mutations: { retry: false },
  },
  mutationCache: new MutationCache({
    onSuccess: (_data, _vars, _ctx, mutation) => {
      if (mutation.meta?.readOnly) return;
      return refreshAfterWrite(queryClient, { directory: mutation.meta?.directory });
    },
  }),
});

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload(): Promise<void>;
  setData(d: T): void;
}

/**
 * A query with the shape the screens read: Russian error text, and the last data kept
 * while the key changes (a filter or another plan), as the screens expect.
 */
export function useApiQuery<T>(key: QueryKey, load: () => Promise<T>, opts: { enabled?: boolean } = {}): Loaded<T> {
  const q = useQuery({ queryKey: key, queryFn: load, placeholderData: keepPreviousData, enabled: opts.enabled });
  const { refetch } = q;
  const reload = useCallback(async () => {
    await refetch();
  }, [refetch]);
  const setData = (d: T) => {
    queryClient.setQueryData(key, d);
  };
  return { data: q.data, error: q.error ? errorMessage(q.error) : null, loading: q.isFetching, reload, setData };
}

/**
 * A write outside a form (a button in a row, a toggle): a mutation, so the cache is
 * refreshed after it; `run` resolves when the screen shows the result, throws on failure.
 */
export function useWrite<A extends unknown[], R>(
  write: (...args: A) => Promise<R>,
  meta?: { directory?: boolean; readOnly?: boolean },
) {
  const m = useMutation({ mutationFn: (args: A) => write(...args), meta });
  const { mutateAsync } = m;
  const run = useCallback((...args: A) => mutateAsync(args), [mutateAsync]);
  return { run, busy: m.isPending };
}

// ---------------------------------------------------------------------------
// Directory: every picker and every "(по согласованию)" mark reads the same list.

interface DirectoryState {
  items: Organisation[];
  byId: Map<number, Organisation>;
  loaded: boolean;
  error: string | null;
}

const NO_ITEMS: Organisation[] = [];

/** Loads (or reloads) the shared directory. */
export function refreshDirectory(): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: DIRECTORY_KEY });
}

export function useDirectory(): DirectoryState {
  // Loaded once per session and refreshed by the writes that change it.
  const q = useQuery({
    queryKey: DIRECTORY_KEY,
    queryFn: () => api.organisations().then((r) => r.items),
    staleTime: Infinity,
  });
  const items = q.data ?? NO_ITEMS;
  const byId = useMemo(() => new Map(items.map((o) => [o.id, o])), [items]);
  return { items, byId, loaded: q.isSuccess, error: q.error ? errorMessage(q.error) : null };
}
