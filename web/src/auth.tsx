/**
 * Session state: who is logged in. Loaded once from GET /api/auth/me; any 401 from a
 * later call drops the user back to the login screen.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onUnauthorized, type User } from './api';
import { queryClient } from './hooks';

interface AuthState {
  /** `undefined` while the first /auth/me is in flight. */
  user: User | null | undefined;
  /** Set when the session ended on its own (shown on the login screen). */
  sessionExpired: boolean;
  bootError: string | null;
  login(login: string, password: string): Promise<User>;
  logout(): Promise<void>;
  setUser(user: User): void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<User | null | undefined>(undefined);
  const [sessionExpired, setSessionExpired] = useState(false);
  const [bootError, setBootError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    api
      .me()
      .then((s) => alive && setUserState(s.user))
      .catch((e) => {
        if (!alive) return;
        if (!(e instanceof ApiError) || e.status !== 401) {
          setBootError(e instanceof ApiError ? e.message : 'Сервер недоступен. Повторите попытку позже.');
        }
        setUserState(null);
      });
    return () => {
      alive = false;
    };
  }, []);

  useEffect(
    () =>
      onUnauthorized(() => {
        // Nothing cached for one session may be shown in the next.
        queryClient.clear();
        setSessionExpired(true);
        setUserState(null);
      }),
    [],
  );

  const login = useCallback(async (login: string, password: string) => {
    const s = await api.login(login, password);
    queryClient.clear();
    setSessionExpired(false);
    setBootError(null);
    setUserState(s.user);
    return s.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      queryClient.clear();
      setSessionExpired(false);
      setUserState(null);
    }
  }, []);

  const value = useMemo<AuthState>(
    () => ({ user, sessionExpired, bootError, login, logout, setUser: setUserState }),
    [user, sessionExpired, bootError, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The logged-in user; only for components rendered inside the authenticated layout. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a session');
  return user;
}
