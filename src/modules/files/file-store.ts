/**
 * Where uploaded files (imported documents, report attachments) are kept:
 *  - `database` (default): instances stay stateless and a file is saved in the same
 *    transaction as the record that names it;
 *  - `disk`: under DATA_DIR/files, for a single instance or a shared volume;
 *  - `s3`: in an S3-compatible bucket (MinIO, Yandex Object Storage, Ceph RGW), for
 *    several instances without a shared volume.
 * Disk and bucket copies are content-addressed by SHA-256, so writing one twice is harmless
 * and a rolled-back transaction leaves at most an unreferenced copy, never a wrong one.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Env } from '../../env.js';

export type FileStorageKind = 'database' | 'disk' | 's3';

type StorageEnv = Pick<
  Env,
  | 'FILE_STORAGE'
  | 'DATA_DIR'
  | 'S3_BUCKET'
  | 'S3_ENDPOINT'
  | 'S3_REGION'
  | 'S3_ACCESS_KEY_ID'
  | 'S3_SECRET_ACCESS_KEY'
  | 'S3_FORCE_PATH_STYLE'
  | 'S3_PREFIX'
>;

interface Config {
  kind: FileStorageKind;
  dir: string;
  s3?: { client: Promise<S3Client>; bucket: string; prefix: string };
}
// The AWS SDK is loaded only when S3 is configured: it is a large part of start-up otherwise.
const s3sdk = () => import('@aws-sdk/client-s3');
let config: Config = { kind: 'database', dir: resolve('./data/files') };

/** Set once at start-up from the environment. */
export function configureFileStorage(env: StorageEnv): void {
  const next: Config = { kind: env.FILE_STORAGE, dir: resolve(join(env.DATA_DIR, 'files')) };
  if (env.FILE_STORAGE === 's3') {
    next.s3 = {
      client: s3sdk().then(
        ({ S3Client }) =>
          new S3Client({
            region: env.S3_REGION,
            endpoint: env.S3_ENDPOINT,
            forcePathStyle: env.S3_FORCE_PATH_STYLE === '1',
            credentials:
              env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
                ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
                : undefined,
          }),
      ),
      bucket: env.S3_BUCKET!,
      prefix: env.S3_PREFIX,
    };
  }
  config = next;
}

export const fileStorageKind = () => config.kind;

const pathOf = (dir: string, sha256: string) => join(dir, sha256.slice(0, 2), sha256);
const keyOf = (prefix: string, sha256: string) => `${prefix}${sha256.slice(0, 2)}/${sha256}`;

/** Stores the bytes where configured and returns what the row should hold. */
export async function placeFile(
  sha256: string,
  bytes: Uint8Array,
): Promise<{ storage: FileStorageKind; content: Buffer | null }> {
  if (config.kind === 'database') return { storage: 'database', content: Buffer.from(bytes) };
  if (config.kind === 's3') {
    const { client, bucket, prefix } = config.s3!;
    const { PutObjectCommand } = await s3sdk();
    await (
      await client
    ).send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: keyOf(prefix, sha256),
        Body: bytes,
        ContentLength: bytes.byteLength,
      }),
    );
    return { storage: 's3', content: null };
  }
  const target = pathOf(config.dir, sha256);
  if (!existsSync(target)) {
    mkdirSync(join(config.dir, sha256.slice(0, 2)), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, target);
  }
  return { storage: 'disk', content: null };
}

/** Reads a stored file back, wherever its row says it was put. */
export async function readPlacedFile(row: {
  storage: string;
  sha256: string;
  content: Uint8Array | null;
}): Promise<Buffer> {
  if (row.storage === 'disk') return readFileSync(pathOf(config.dir, row.sha256));
  if (row.storage === 's3') {
    if (!config.s3) throw new Error(`file ${row.sha256} is in S3 but FILE_STORAGE is ${config.kind}`);
    const { client, bucket, prefix } = config.s3;
    const { GetObjectCommand } = await s3sdk();
    const out = await (await client).send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(prefix, row.sha256) }));
    return Buffer.from(await out.Body!.transformToByteArray());
  }
  return Buffer.from(row.content ?? new Uint8Array());
}
