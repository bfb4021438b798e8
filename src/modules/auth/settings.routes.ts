/**
 * The signed-in user's own settings: e-mail reminders on or off, and how many days
 * ahead of a control date they come. Any role may change its own; the change is audited.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/database.js';
import { DomainError } from '../../domain/errors.js';
import { type App, type AppContext, requireSession } from '../../http/app.js';
import { recordAudit } from '../audit/audit.js';

export interface UserSettings {
  /** Reminder e-mails at all (digests, missed dates, weekly summary, returned reports). */
  notifyEnabled: boolean;
  /** 0..30: days ahead of a control or report date that the digest announces it. */
  notifyDaysBefore: number;
  /** Where the e-mails go (set by an administrator); null: nowhere. */
  email: string | null;
}

async function loadSettings(db: Queryable, userId: number): Promise<UserSettings> {
  const r = await db.one<{ notify_enabled: boolean; notify_days_before: number; email: string | null }>(
    `SELECT notify_enabled, notify_days_before, email FROM users WHERE id = $1`, [userId]);
  if (!r) throw new DomainError('not_found', 'user.not_found', 'Пользователь не найден', `user ${userId} not found`);
  return { notifyEnabled: r.notify_enabled, notifyDaysBefore: Number(r.notify_days_before), email: r.email || null };
}

const SettingsPatch = z.object({
  notifyEnabled: z.boolean().optional(),
  notifyDaysBefore: z.number().int().min(0).max(30).optional(),
}).strict();

export function registerSettingsRoutes(app: App, ctx: AppContext) {
  app.get('/api/auth/settings', { schema: { tags: ['auth'] } }, async (request) => loadSettings(ctx.db, requireSession(request).user.userId));

  app.patch('/api/auth/settings', { schema: { tags: ['auth'], body: SettingsPatch } }, async (request) => {
    const actor = requireSession(request).user;
    const patch = request.body;
    return ctx.db.transaction(async (tx) => {
      const before = await loadSettings(tx, actor.userId);
      const after: UserSettings = {
        ...before,
        notifyEnabled: patch.notifyEnabled ?? before.notifyEnabled,
        notifyDaysBefore: patch.notifyDaysBefore ?? before.notifyDaysBefore,
      };
      if (after.notifyEnabled === before.notifyEnabled && after.notifyDaysBefore === before.notifyDaysBefore) return before;
      await tx.query(`UPDATE users SET notify_enabled = $2, notify_days_before = $3, updated_at = now() WHERE id = $1`,
        [actor.userId, after.notifyEnabled, after.notifyDaysBefore]);
      const pick = (s: UserSettings) => ({ notifyEnabled: s.notifyEnabled, notifyDaysBefore: s.notifyDaysBefore });
      await recordAudit(tx, actor, actor.regionId, { action: 'user.settings', entityType: 'user', entityId: actor.userId, before: pick(before), after: pick(after) });
      return after;
    });
  });
}
