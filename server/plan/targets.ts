// The plan targets the dashboard measures: the `planTargets` lists of the
// YAML files under <seeds>/plan/ (graph-seeds/plan/targets.yaml), validated
// with the PlanTarget schema. Re-read when a file changes, so editing the
// targets needs no restart and no code change.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../domain/errors.js';
import { PlanTarget } from '../domain/model.js';
import type { GraphStore } from '../store/GraphStore.js';
import { pipelineSummary, type PipelineSummary } from './pipeline.js';
import { planProgress, type PlanProgress } from './progress.js';

let cached: { key: string; targets: PlanTarget[] } | null = null;

function planFiles(seedsDir: string): string[] {
  const dir = join(seedsDir, 'plan');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** Every plan target under `seedsDir/plan/`; a malformed file is a BAD_INPUT error naming file and record. */
export function loadPlanTargets(seedsDir: string): PlanTarget[] {
  const files = planFiles(seedsDir);
  const key = files.map((f) => `${f}:${statSync(f).mtimeMs}`).join('|');
  if (cached?.key === key) return cached.targets;
  const targets: PlanTarget[] = [];
  const problems: string[] = [];
  for (const file of files) {
    let doc: { defaults?: Record<string, unknown>; planTargets?: unknown[] };
    try {
      doc = (parseYaml(readFileSync(file, 'utf8')) ?? {}) as typeof doc;
    } catch (e) {
      problems.push(`${file}: ${(e as Error).message}`);
      continue;
    }
    (doc.planTargets ?? []).forEach((raw, i) => {
      const r = PlanTarget.safeParse({ ...(doc.defaults ?? {}), ...(raw as object) });
      if (r.success) targets.push(r.data);
      else problems.push(`${file} › planTargets[${i}]: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    });
  }
  if (problems.length) {
    throw new AppError('BAD_INPUT', `规划目标文件有误:${problems.join(';')}`, `invalid plan target file: ${problems.join('; ')}`);
  }
  cached = { key, targets };
  return targets;
}

/** Progress of every plan target over the store's projects, as of `asOf` (YYYY-MM-DD, default today), and the pipeline at a glance. */
export async function planProgressFromStore(
  store: GraphStore,
  seedsDir: string,
  asOf?: string,
): Promise<PlanProgress & { pipeline: PipelineSummary }> {
  const [projects, segments, clusters] = await Promise.all([store.listProjects(), store.listSegments(), store.listClusters()]);
  const day = asOf ?? new Date().toISOString().slice(0, 10);
  return {
    ...planProgress({ targets: loadPlanTargets(seedsDir), projects, segments, clusters, asOf: day }),
    pipeline: pipelineSummary({ projects, segments, clusters, asOf: day }),
  };
}
