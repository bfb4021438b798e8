/**
 * «Напомнить исполнителю» from the dashboard's overdue list: one e-mail (the configured
 * SMTP) to the executor organisation's people and a notice in their bell, audited, at most
 * once per measure and organisation per day — the primary key of `executor_reminders`
 * enforces it, so a double click or two coordinators at once cannot send twice.
 *
 * The e-mail is sent while the transaction is open (as the reminder job does): when the
 * SMTP server refuses, everything rolls back and the coordinator may try again; without
 * SMTP configured, or with nobody having an address, the notice in the bell still goes
 * and the answer says that no e-mail left.
 */
import type { Database, Queryable } from '../../db/database.js';
import { DomainError, forbidden, notFound } from '../../domain/errors.js';
import { reminderNotice } from '../../domain/notifications/events.js';
import { composeReminderMail } from '../../domain/notifications/reminder-mail.js';
import { authorize, type Actor } from '../../domain/policy/authorize.js';
import type { Mailer } from '../../jobs/mailer.js';
import { recordAudit } from '../audit/index.js';
import { measureFacts, notifyOrganisations } from '../notifications/index.js';
import { loadPlanRow, planSubjectOf } from '../plans/index.js';

export interface RemindInput {
  /** The executor organisation to remind; default: the lead executor (or the first that has users). */
  organisationId?: number;
  note?: string;
}

export interface RemindResult {
  organisation: { id: number; shortName: string };
  /** People who got the notice in the bell. */
  notified: number;
  /** Addresses the e-mail went to (0: none). */
  emailed: number;
  /** Why no e-mail left, when none did. */
  emailNote: string | null;
}

export async function remindExecutor(
  db: Database,
  mailer: Mailer,
  actor: Actor,
  measureId: number,
  input: RemindInput,
  opts: { today: string; publicUrl: string },
): Promise<RemindResult> {
  return db.transaction(async (tx) => {
    const m = await tx.one<{ id: number; plan_id: number; open_due: string | null; closed: boolean }>(
      `SELECT id, plan_id, open_due::text AS open_due, closed_at IS NOT NULL AS closed FROM measures WHERE id = $1 AND region_id = $2 AND archived_at IS NULL`,
      [measureId, actor.regionId],
    );
    if (!m) throw notFound('Мероприятие не найдено', `measure ${measureId} not found`);
    const plan = await loadPlanRow(tx, actor, m.plan_id);
    if (!authorize(actor, { action: 'plan.update', subject: planSubjectOf(plan) })) throw forbidden();
    if (m.closed)
      throw new DomainError(
        'conflict',
        'remind.closed',
        'Мероприятие снято с контроля: напоминать не о чем',
        `measure ${measureId} closed`,
      );
    const execs = await tx.query<{ organisation_id: number; role: string; short_name: string; people: number }>(
      `SELECT me.organisation_id, me.role, o.short_name,
              (SELECT count(*)::int FROM users u WHERE u.organisation_id = me.organisation_id AND u.active AND u.role IN ('executor', 'coordinator') AND u.id <> $2) AS people
       FROM measure_executors me JOIN organisations o ON o.id = me.organisation_id WHERE me.measure_id = $1 ORDER BY me.role = 'lead' DESC, me.position`,
      [measureId, actor.userId],
    );
    // By default the lead; when the lead has nobody to read it (a group such as «Главы администраций»), the first executor that has.
    const target = input.organisationId
      ? execs.find((e) => Number(e.organisation_id) === input.organisationId)
      : (execs.find((e) => Number(e.people) > 0) ?? execs[0]);
    if (!target) {
      throw new DomainError(
        'validation',
        'remind.no_executor',
        input.organisationId
          ? 'Эта организация не участвует в исполнении мероприятия'
          : 'У мероприятия нет исполнителя',
        `measure ${measureId}: no such executor`,
      );
    }
    const orgId = Number(target.organisation_id);
    const people = await tx.query<{ email: string | null }>(
      `SELECT email FROM users WHERE region_id = $1 AND organisation_id = $2 AND active AND role IN ('executor', 'coordinator') AND id <> $3`,
      [actor.regionId, orgId, actor.userId],
    );
    if (people.length === 0) {
      throw new DomainError(
        'validation',
        'remind.nobody',
        `В организации «${target.short_name}» нет пользователей: напоминание некому отправить`,
        `organisation ${orgId} has no users`,
      );
    }
    const addresses = [...new Set(people.map((p) => p.email?.trim()).filter((e): e is string => !!e))];
    // The rate limit: one reminder per measure, organisation and day.
    const claimed = await tx.one(
      `INSERT INTO executor_reminders (region_id, measure_id, organisation_id, day, sent_by, recipients, emailed)
       VALUES ($1, $2, $3, $4::date, $5, $6, false) ON CONFLICT (measure_id, organisation_id, day) DO NOTHING RETURNING measure_id`,
      [actor.regionId, measureId, orgId, opts.today, actor.userId, people.length],
    );
    if (!claimed) {
      throw new DomainError(
        'conflict',
        'remind.already_sent',
        `Сегодня исполнителю «${target.short_name}» по этому мероприятию уже напоминали. Следующее напоминание — завтра.`,
        `reminder for measure ${measureId} org ${orgId} on ${opts.today} exists`,
      );
    }
    const facts = await measureFacts(tx, measureId);
    const me = await tx.one<{ full_name: string; short_name: string }>(
      `SELECT u.full_name, o.short_name FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`,
      [actor.userId],
    );
    const from = me ? `${me.full_name} (${me.short_name})` : 'Координатор плана';
    const notified = await notifyOrganisations(
      tx,
      actor.regionId,
      [orgId],
      reminderNotice({ measure: facts, openDue: m.open_due, from, note: input.note }),
      { except: actor.userId },
    );

    let emailed = 0;
    let emailNote: string | null = null;
    if (addresses.length === 0) emailNote = 'У сотрудников организации не указана электронная почта';
    else {
      const owed = await tx.query<{ label: string; due_on: string; state: string }>(
        `SELECT rp.label, r.due_on::text AS due_on, r.state FROM reports r JOIN reporting_periods rp ON rp.id = r.period_id
         WHERE r.measure_id = $1 AND r.organisation_id = $2 AND r.state IN ('expected', 'draft', 'returned') AND r.due_on <= $3::date ORDER BY r.due_on`,
        [measureId, orgId, opts.today],
      );
      const mail = composeReminderMail({
        measure: facts,
        organisationName: target.short_name,
        openDue: m.open_due,
        from,
        note: input.note,
        owed: owed.map((o) => ({ periodLabel: o.label, dueOn: o.due_on, returned: o.state === 'returned' })),
        measureUrl: `${opts.publicUrl}/measures/${measureId}`,
      });
      let sent: { sent: boolean };
      try {
        sent = await mailer.send({ to: addresses.join(', '), ...mail });
      } catch (e) {
        throw new DomainError(
          'conflict',
          'remind.mail_failed',
          'Письмо не отправлено: почтовый сервер не ответил. Напоминание не записано — повторите позже.',
          `reminder mail failed: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      if (sent.sent) emailed = addresses.length;
      else emailNote = 'Отправка почты не настроена';
    }
    await tx.query(
      `UPDATE executor_reminders SET emailed = $4 WHERE measure_id = $1 AND organisation_id = $2 AND day = $3::date`,
      [measureId, orgId, opts.today, emailed > 0],
    );
    await recordAudit(tx, actor, actor.regionId, {
      action: 'measure.remind',
      entityType: 'measure',
      entityId: measureId,
      planId: m.plan_id,
      measureId,
      after: {
        organisationId: orgId,
        organisation: target.short_name,
        notified,
        emailed,
        openDue: m.open_due,
        note: input.note?.trim() || null,
      },
    });
    return { organisation: { id: orgId, shortName: target.short_name }, notified, emailed, emailNote };
  });
}

/**
 * Merging organisation `from` into `into` (the directory's merge): its reminder log becomes
 * the survivor's; a day both were reminded of one measure keeps the survivor's entry.
 */
export async function moveReminders(tx: Queryable, from: number, into: number): Promise<void> {
  await tx.query(
    `DELETE FROM executor_reminders l WHERE l.organisation_id = $1 AND EXISTS (
       SELECT 1 FROM executor_reminders s WHERE s.organisation_id = $2 AND s.measure_id = l.measure_id AND s.day = l.day)`,
    [from, into],
  );
  await tx.query(`UPDATE executor_reminders SET organisation_id = $2 WHERE organisation_id = $1`, [from, into]);
}
