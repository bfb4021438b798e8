/**
 * Where uploaded files (imported documents, report attachments) are kept: in the database
 * (default: instances stay stateless and a file is saved in the same transaction as the
 * record that names it) or on disk under DATA_DIR/files (FILE_STORAGE=disk: smaller
 * database, for a single instance or a shared volume). Disk files are content-addressed
 * by SHA-256, so writing one twice is harmless and a rolled-back transaction leaves at
 * most an unreferenced copy, never a wrong one.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export type FileStorageKind = 'database' | 'disk';

let config: { kind: FileStorageKind; dir: string } = { kind: 'database', dir: resolve('./data/files') };

/** Set once at start-up from the environment. */
export function configureFileStorage(kind: FileStorageKind, dataDir: string): void {
  config = { kind, dir: resolve(join(dataDir, 'files')) };
}

export const fileStorageKind = () => config.kind;

const pathOf = (sha256: string) => join(config.dir, sha256.slice(0, 2), sha256);

/** Writes the bytes to disk (when configured) and returns what the row should hold. */
export function placeFile(sha256: string, bytes: Uint8Array): { storage: FileStorageKind; content: Buffer | null } {
  if (config.kind === 'database') return { storage: 'database', content: Buffer.from(bytes) };
  const target = pathOf(sha256);
  if (!existsSync(target)) {
    mkdirSync(join(config.dir, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
  }
  return { storage: 'disk', content: null };
}

export function readPlacedFile(row: { storage: string; sha256: string; content: Uint8Array | null }): Buffer {
  if (row.storage === 'disk') return readFileSync(pathOf(row.sha256));
  return Buffer.from(row.content ?? new Uint8Array());
}
