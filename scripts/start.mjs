// `npm start`: builds what is missing or stale (scripts/build.mjs compares content hashes of
// the sources with dist/build-stamp.json), then runs the compiled server in this process.
// Plain JS so that it runs on a fresh clone before anything is compiled.
import { ensureBuilt } from './build.mjs';

await ensureBuilt().catch((e) => {
  console.error(`Build failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
// Stack traces in the logs point at src/ (the bundle's source map stays on the server).
process.setSourceMapsEnabled(true);
await import('../dist/server/server.js');
