import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running the module at `moduleUrl`. Under tsx (scripts run
 * from source) the worker registers tsx's loader itself first: module hooks
 * are per thread.
 */
export function tsWorker(moduleUrl: string, options: WorkerOptions): Worker {
  const self = new URL(moduleUrl);
  return self.pathname.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(self.href)}); })`, { ...options, eval: true })
    : new Worker(self, options);
}
