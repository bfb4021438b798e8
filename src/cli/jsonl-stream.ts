/**
 * The loop of the JSONL commands: stdin line by line → one answer line each on stdout, in order,
 * written in batches and respecting back-pressure. Blank lines are skipped.
 */
import { createInterface } from 'node:readline';

/** Calls `answer(line, lineNo)` for each non-blank input line and writes what it returns. */
export async function streamJsonl(answer: (line: string, lineNo: number) => string, batch = 1000): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let buffer: string[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = buffer.join('\n') + '\n';
    buffer = [];
    if (!process.stdout.write(chunk))
      await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()));
  };
  let lineNo = 0;
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    buffer.push(answer(line, lineNo));
    if (buffer.length >= batch) await flush();
  }
  await flush();
}
