/**
 * Command-line entry point: `npm run --silent cli -- <command> [args]`.
 * Each command lives in its own module under ./commands and exports `run(argv)`.
 * Commands are imported lazily so that a light command (parse-deadlines) does not
 * pay for loading the database driver.
 */
type CommandModule = { run: (argv: string[]) => Promise<number | void> };

const commands: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  import: {
    summary: 'read a plan/report document; --dry-run prints interchange JSON',
    load: () => import('./commands/import.js'),
  },
  export: {
    summary: 'consolidated report of a plan: --plan ID --format docx|xlsx|pdf --out FILE [--period …]',
    load: () => import('./commands/export.js'),
  },
  remind: {
    summary: 'send the reminder e-mails due today once: [--today YYYY-MM-DD]',
    load: () => import('./commands/remind.js'),
  },
  rating: {
    summary: 'rating of municipalities: --method METHOD.json --values VALUES.csv [--format json] [--explain]',
    load: () => import('./commands/rating.js'),
  },
  nok: {
    summary: 'НОК scoring: score|explain [--edition ID] --input FILE|-; editions',
    load: () => import('./commands/nok.js'),
  },
  'parse-deadlines': {
    summary: 'JSONL {text, period} on stdin -> JSONL schedules on stdout',
    load: () => import('./commands/parse-deadlines.js'),
  },
  'check-reports': {
    summary: 'JSONL execution texts on stdin -> JSONL substance verdicts on stdout',
    load: () => import('./commands/check-reports.js'),
  },
};

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    const list = Object.entries(commands)
      .map(([n, c]) => `  ${n.padEnd(18)} ${c.summary}`)
      .join('\n');
    process.stderr.write(`Usage: npm run --silent cli -- <command> [options]\n\nCommands:\n${list}\n`);
    return name ? 2 : 0;
  }
  const mod = await command.load();
  return (await mod.run(rest)) ?? 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
