/**
 * Saving an imported plan of N measures (POST /api/imports/:id/commit) on the embedded
 * database, and how long a read (GET /api/plans) waits meanwhile — PGlite has one
 * connection, so a long commit transaction stalls every other request (issue 10 §1).
 *   npm run bench -- import-commit [--rows 1000] [--pg]
 */
import { createTestApp } from '../test/helpers/test-app';
import { multipart } from '../test/helpers/multipart';
import { option } from './_stats';

export async function run(argv: string[]) {
  const rows = option(argv, '--rows', 1000);
  const engine = argv.includes('--pg') ? 'postgres' : 'pglite';
  if (engine === 'postgres') process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  const t = await createTestApp(engine);
  try {
    const coord = await t.as('coordinator');
    const orgs = (await coord.get('/api/organisations')).body.items as Array<{ id: number; shortName: string }>;
    const own = (await coord.get('/api/auth/me')).body.user.organisation.id as number;
    const lines = ['№ п/п\tНаименование мероприятия\tСрок исполнения\tОтветственный исполнитель'];
    for (let i = 1; i <= rows; i++)
      lines.push(
        `${i}.\tМероприятие номер ${i} по поддержке семей\tежеквартально, до 5 числа месяца, следующего за отчётным кварталом\t${orgs[i % orgs.length].shortName}`,
      );
    const m = multipart('plan.txt', Buffer.from(lines.join('\n')), 'text/plain');
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { cookie: coord.cookie, 'x-csrf-token': coord.csrf, 'content-type': m.contentType },
      payload: m.body,
    });
    const p = JSON.parse(up.body);
    if (up.statusCode !== 201) throw new Error(`upload: ${up.statusCode} ${up.body}`);
    const doc = p.document;
    const executorMap = Object.fromEntries(
      p.executors.map((e: { name: string; match: { id: number } | null }) => [
        e.name,
        { organisationId: e.match?.id ?? orgs[0].id },
      ]),
    );
    const body = {
      plan: {
        kind: 'plan',
        title: 'Проверка скорости сохранения',
        ownerOrganisationId: own,
        periodFrom: '2026-01-01',
        periodTo: '2026-12-31',
      },
      sections: doc.sections,
      items: doc.items,
      executorMap,
      rememberAliases: false,
    };

    const started = performance.now();
    const commit = coord
      .post(`/api/imports/${p.importId}/commit`, body)
      .then((r) => ({ r, took: performance.now() - started }));
    // A read issued while the commit runs: on PGlite it waits for the transaction to end.
    await new Promise((r) => setTimeout(r, 200));
    const readStart = performance.now();
    await coord.get('/api/plans');
    const readWait = performance.now() - readStart;
    const { r: saved, took } = await commit;
    if (saved.status !== 201) throw new Error(`commit: ${saved.status} ${JSON.stringify(saved.body)}`);
    console.log(
      `${engine}: commit of ${doc.items.length} measures took ${(took / 1000).toFixed(2)} s; a GET /api/plans sent 200 ms into it answered in ${readWait.toFixed(0)} ms`,
    );
  } finally {
    await t.dispose();
  }
}
