/**
 * The structure the README's architecture section promises, read from the source text:
 * every table has one module that writes it (others call that module's functions through its
 * index.ts), and every write of a table behind the dashboard's data versions says so where it
 * stands (src/db/data-versions.ts).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_VERSIONED_TABLES } from '../src/db/data-versions';

const root = join(import.meta.dirname, '..');
const modulesDir = join(root, 'src/modules');

/** Every table the migrations create. */
const TABLES = new Set(
  readdirSync(join(root, 'src/db/migrations'))
    .filter((f) => f.endsWith('.sql'))
    .flatMap((f) =>
      [
        ...readFileSync(join(root, 'src/db/migrations', f), 'utf8').matchAll(/create table (?:if not exists )?(\w+)/gi),
      ].map((m) => m[1].toLowerCase()),
    ),
);

/** The one module that writes each table (modules/<name>); null: no module writes it (migrations, jobs, http). */
const OWNER: Record<string, string | null> = {
  api_tokens: 'auth',
  audit_events: 'audit',
  control_points: 'obligations',
  council_meetings: 'councils',
  indicator_facts: 'indicators',
  indicator_responsibles: 'indicators',
  indicator_targets: 'indicators',
  indicators: 'indicators',
  measure_links: 'links',
  rating_methodologies: 'ratings',
  rating_values: 'ratings',
  ratings: 'ratings',
  council_members: 'councils',
  councils: 'councils',
  instruction_control: 'councils',
  meeting_attendance: 'councils',
  meeting_questions: 'councils',
  data_version: null,
  directory_version: null,
  executor_reminders: 'work',
  extension_requests: 'reports',
  import_layouts: 'imports',
  imports: 'imports',
  job_runs: null,
  known_devices: 'auth',
  login_attempts: 'auth',
  measure_executors: 'measures',
  measures: 'measures',
  nok_answers: 'nok',
  nok_assessments: 'nok',
  nok_campaign_staff: 'nok',
  nok_campaigns: 'nok',
  notifications: null,
  organisations: 'organisations',
  plan_data_versions: null,
  plans: 'plans',
  rate_limits: null,
  regions: null,
  report_attachments: 'reports',
  report_versions: 'reports',
  reporting_periods: 'obligations',
  reports: 'reports',
  sections: 'plans',
  sessions: 'auth',
  stored_files: 'files',
  user_notifications: 'notifications',
  users: 'users',
};

/**
 * Writes by another module than the owner, each with its reason. Kept short on purpose; an
 * entry no longer used fails the test, so the list cannot outlive its reason.
 */
const EXCEPTIONS: { module: string; table: string; why: string }[] = [
  {
    module: 'obligations',
    table: 'measures',
    why: 'derived columns only (schedule, deadline_understood, open_due), recomputed with the control points and owed reports; measures calls obligations, so the reverse call would be a cycle',
  },
  {
    module: 'obligations',
    table: 'reports',
    why: 'owed reports are rows (docs/decisions/0002): obligations materialises and drops the untouched ones; reports calls obligations',
  },
  {
    module: 'substance',
    table: 'reports',
    why: "derived columns only (the substance verdict of the report's text), written in the saving transaction; reports calls substance",
  },
  {
    module: 'substance',
    table: 'measures',
    why: 'derived columns only (the substance verdict of an imported execution text); measures and imports call substance',
  },
  {
    module: 'auth',
    table: 'users',
    why: "sign-in columns of the user's own account (failed logins, lockout, password change, own settings); users calls auth",
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

interface Write {
  module: string;
  file: string;
  line: number;
  table: string;
  /** The source lines just above the statement (a multi-statement SQL string starts a few lines up). */
  above: string[];
}

/** Writing statements (INSERT INTO / UPDATE / DELETE FROM a known table) in module code, comments left out. */
function moduleWrites(): Write[] {
  const writes: Write[] = [];
  for (const file of sourceFiles(modulesDir)) {
    const module = relative(modulesDir, file).split('/')[0];
    const text = readFileSync(file, 'utf8');
    // Blank out comments, keeping line breaks so that line numbers hold.
    const code = text
      .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
      .replace(/(^|[^:'"`])\/\/.*$/gm, (_c, p: string) => p);
    const lines = text.split('\n');
    for (const m of code.matchAll(/\b(insert\s+into|update|delete\s+from)\s+(\w+)/gi)) {
      const before = code.slice(Math.max(0, m.index - 12), m.index);
      if (/\b(for|do|on)\s+$/i.test(before)) continue; // FOR UPDATE, ON CONFLICT DO UPDATE, ON UPDATE
      const table = m[2].toLowerCase();
      if (!TABLES.has(table)) continue;
      const line = code.slice(0, m.index).split('\n').length;
      writes.push({ module, file: relative(root, file), line, table, above: lines.slice(Math.max(0, line - 8), line) });
    }
  }
  return writes;
}

const writes = moduleWrites();

describe('architecture', () => {
  it('finds the writes it checks', () => {
    // The scan itself: a change to the pattern that found nothing would pass every check below.
    expect(writes.filter((w) => w.module === 'measures' && w.table === 'measures').length).toBeGreaterThan(3);
    expect(writes.some((w) => w.module === 'organisations' && w.table === 'organisations')).toBe(true);
  });

  it('names an owner for every table the migrations create', () => {
    expect([...TABLES].filter((t) => !(t in OWNER)).sort()).toEqual([]);
    expect(Object.keys(OWNER).filter((t) => !TABLES.has(t))).toEqual([]);
    const modules = new Set(readdirSync(modulesDir));
    expect(Object.values(OWNER).filter((m) => m !== null && !modules.has(m))).toEqual([]);
  });

  it('lets each table be written by its owner module only', () => {
    const excused = (w: Write) => EXCEPTIONS.some((e) => e.module === w.module && e.table === w.table);
    const foreign = writes
      .filter((w) => OWNER[w.table] !== w.module && !excused(w))
      .map((w) => `${w.file}:${w.line} writes ${w.table} (owner: ${OWNER[w.table] ?? 'none'})`);
    expect(foreign).toEqual([]);
  });

  it('keeps no exception that nothing uses', () => {
    const unused = EXCEPTIONS.filter((e) => !writes.some((w) => w.module === e.module && w.table === e.table));
    expect(unused).toEqual([]);
  });

  it('marks every write of a data-versioned table with the versions it bumps', () => {
    const versioned = DATA_VERSIONED_TABLES as Record<string, string>;
    const unmarked = writes
      .filter((w) => w.table in versioned)
      .filter((w) => !w.above.some((l) => l.includes(`// data version: ${versioned[w.table]}`)))
      .map((w) => `${w.file}:${w.line} writes ${w.table}: add \`// data version: ${versioned[w.table]}\` above it`);
    expect(unmarked).toEqual([]);
  });
});
