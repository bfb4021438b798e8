/**
 * The signed-in user's own settings: e-mail reminders on or off, and how many days
 * ahead of a control date they come. Any role may change its own; the change is audited.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/database.js';
import { DomainError } from '../../domain/errors.js';
import { type App, type AppContext, requireSession } from '../../http/context.js';
import { recordAudit } from '../audit/index.js';
import { str } from '../../http/input.js';

export interface UserSettings {
  /** Reminder e-mails at all (digests, missed dates, weekly summary, returned reports). */
  notifyEnabled: boolean;
  /** 0..30: days ahead of a control or report date that the digest announces it. */
  notifyDaysBefore: number;
  /** Where the e-mails go (set by an administrator); null: nowhere. */
  email: string | null;
  /** Printed as «Исполнитель: …, тел. …» under the consolidated reports the user exports. */
  phone: string;
  position: string;
}

async function loadSettings(db: Queryable, userId: number): Promise<UserSettings> {
  const r = await db.one<{
    notify_enabled: boolean;
    notify_days_before: number;
    email: string | null;
    phone: string;
    position: string;
  }>(`SELECT notify_enabled, notify_days_before, email, phone, position FROM users WHERE id = $1`, [userId]);
  if (!r) throw new DomainError('not_found', 'user.not_found', 'Пользователь не найден', `user ${userId} not found`);
  return {
    notifyEnabled: r.notify_enabled,
    notifyDaysBefore: Number(r.notify_days_before),
    email: r.email || null,
    phone: r.phone ?? '',
    position: r.position ?? '',
  };
}

const SettingsPatch = z
  .object({
    notifyEnabled: z.boolean().optional(),
    notifyDaysBefore: z.number().int().min(0).max(30).optional(),
    phone: str()
      .trim()
      .max(60)
      .regex(/^[\d\s()+\-.,доб]*$/u, 'цифры, пробелы, скобки, «+», «-», «доб.»')
      .optional(),
    position: str().trim().max(300).optional(),
  })
  .strict();

export function registerSettingsRoutes(app: App, ctx: AppContext) {
  app.get('/api/auth/settings', { schema: { tags: ['auth'] } }, async (request) =>
    loadSettings(ctx.db, requireSession(request).user.userId),
  );

  app.patch('/api/auth/settings', { schema: { tags: ['auth'], body: SettingsPatch } }, async (request) => {
    const actor = requireSession(request).user;
    const patch = request.body;
    return ctx.db.transaction(async (tx) => {
      const before = await loadSettings(tx, actor.userId);
      const after: UserSettings = {
        ...before,
        notifyEnabled: patch.notifyEnabled ?? before.notifyEnabled,
        notifyDaysBefore: patch.notifyDaysBefore ?? before.notifyDaysBefore,
        phone: patch.phone ?? before.phone,
        position: patch.position ?? before.position,
      };
      const notify = (s: UserSettings) => ({ notifyEnabled: s.notifyEnabled, notifyDaysBefore: s.notifyDaysBefore });
      const contactChanged = after.phone !== before.phone || after.position !== before.position;
      if (JSON.stringify(notify(after)) === JSON.stringify(notify(before)) && !contactChanged) return before;
      await tx.query(
        `UPDATE users SET notify_enabled = $2, notify_days_before = $3, phone = $4, position = $5, updated_at = now() WHERE id = $1`,
        [actor.userId, after.notifyEnabled, after.notifyDaysBefore, after.phone, after.position],
      );
      // The contact fields are recorded only when they changed.
      const record = (s: UserSettings) => ({
        ...notify(s),
        ...(contactChanged ? { phone: s.phone, position: s.position } : {}),
      });
      await recordAudit(tx, actor, actor.regionId, {
        action: 'user.settings',
        entityType: 'user',
        entityId: actor.userId,
        before: record(before),
        after: record(after),
      });
      return after;
    });
  });
}
