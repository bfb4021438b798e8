/** Types of scripts/build.mjs for TypeScript callers (bench/start.ts). */
/** Builds the parts whose inputs changed since dist/build-stamp.json (`only`: a subset); returns their names. */
export function ensureBuilt(opts?: {
  force?: boolean;
  log?: (message: string) => void;
  only?: ('server' | 'web' | 'template')[];
}): Promise<string[]>;
