// Entry of the pool's worker threads. The sources are TypeScript run through tsx (as
// `npm start` runs the server), so the worker registers tsx's loader before importing them;
// a worker thread does not inherit the loader of the thread that started it.
import { register } from 'tsx/esm/api';

register();
const { runHeavyTask } = await import('./heavy-tasks.ts');

export default runHeavyTask;
export { runHeavyTask };
