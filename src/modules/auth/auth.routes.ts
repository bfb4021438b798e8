import { z } from 'zod';
import { type App, type AppContext, requireSession, SESSION_COOKIE } from '../../http/context.js';
import { changePassword, DEVICE_COOKIE, DEVICE_TTL_DAYS, login, logout, type Session } from './auth.service.js';
import { presentSessionUser } from './auth.presenter.js';
import { str } from '../../http/input.js';

export function registerAuthRoutes(app: App, ctx: AppContext) {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    // Secure whenever users reach us over https (COOKIE_SECURE=1 forces it behind a TLS proxy too).
    secure: ctx.env.COOKIE_SECURE === '1' || ctx.env.PUBLIC_URL.startsWith('https:'),
    maxAge: ctx.env.SESSION_TTL_HOURS * 3600,
  };

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        body: z.object({ login: str().min(1).max(200), password: str().min(1).max(200) }).strict(),
      },
    },
    async (request, reply) => {
      const { token, session, deviceToken } = await login(
        ctx.db,
        { ...request.body, ip: request.ip, deviceToken: request.cookies[DEVICE_COOKIE] },
        ctx.env.SESSION_TTL_HOURS,
      );
      reply.setCookie(SESSION_COOKIE, token, cookieOptions);
      // Names this browser as one the account has signed in from (lets the owner past a lock).
      reply.setCookie(DEVICE_COOKIE, deviceToken, {
        ...cookieOptions,
        sameSite: 'strict',
        maxAge: DEVICE_TTL_DAYS * 86_400,
      });
      return { user: presentSessionUser(session.user), csrfToken: session.csrfToken };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    const session = requireSession(request);
    await logout(ctx.db, session);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'] } }, async (request) => {
    const session: Session = requireSession(request);
    return { user: presentSessionUser(session.user), csrfToken: session.csrfToken };
  });

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        body: z.object({ currentPassword: str().min(1).max(200), newPassword: str().min(1).max(200) }).strict(),
      },
    },
    async (request) => {
      await changePassword(ctx.db, requireSession(request), request.body.currentPassword, request.body.newPassword);
      return { ok: true };
    },
  );
}
