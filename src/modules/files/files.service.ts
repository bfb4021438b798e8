/**
 * Storing an uploaded file: its bytes placed by content (see file-store.ts) and one row that
 * names it. Imports and report attachments both store through here.
 */
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../domain/policy/authorize.js';
import { placeFile } from './file-store.js';

export interface UploadedFile {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

export async function storeFile(tx: Queryable, actor: Actor, file: UploadedFile): Promise<number> {
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const placed = await placeFile(sha256, file.bytes);
  const r = await tx.one<{ id: number }>(
    `INSERT INTO stored_files (region_id, name, mime, size, sha256, content, storage, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id`,
    [
      actor.regionId,
      file.name.slice(0, 500),
      file.mime.slice(0, 200),
      file.bytes.byteLength,
      sha256,
      placed.content,
      placed.storage,
      actor.userId,
    ],
  );
  return r!.id;
}
