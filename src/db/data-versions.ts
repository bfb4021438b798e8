/**
 * Which writes bump the dashboard's data versions. Triggers do the bumping (migrations 0007 and
 * 0010: one statement, one bump, whatever path the write takes, a referential action included);
 * this list says the same in TypeScript so that a reader of the services need not read SQL:
 * - `plan`: the region's `data_version` and the changed row's plan's `plan_data_versions` entry —
 *   a cached dashboard of that plan (modules/dashboard) is recomputed on its next read;
 * - `directory`: `directory_version` — organisation names shown in every dashboard.
 * In the modules every statement that writes one of these tables carries a comment
 * `// data version: plan` or `// data version: directory` just above it; test/architecture.test.ts
 * checks the comments, and test/api/data-versions.test.ts checks this list against the triggers
 * the database really has.
 */
export const DATA_VERSIONED_TABLES = {
  plans: 'plan',
  sections: 'plan',
  measures: 'plan',
  measure_executors: 'plan',
  control_points: 'plan',
  reporting_periods: 'plan',
  reports: 'plan',
  organisations: 'directory',
} as const satisfies Record<string, 'plan' | 'directory'>;

export type DataVersionedTable = keyof typeof DATA_VERSIONED_TABLES;
