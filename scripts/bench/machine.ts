// What the numbers were measured on: CPU, cores, memory, versions, load, commit.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  /** Load average (1, 5, 15 min) when the run started and when it ended. */
  loadAverageStart: number[];
  loadAverageEnd?: number[];
  gitCommit: string;
  gitDirty: boolean;
  versions: Record<string, string>;
  neo4j?: string;
}

const root = join(import.meta.dirname, '../..');

function pkgVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'absent';
  }
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

export const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverageStart: loadAverage(),
    gitCommit: git(['rev-parse', '--short=12', 'HEAD']) || 'unknown',
    // Uncommitted changes to the results and their hand-written text do not make a measured build dirty.
    gitDirty: git(['status', '--porcelain', '--untracked-files=no', '--', '.', ':!BENCHMARKS.md', ':!bench-results', ':!docs']) !== '',
    versions: Object.fromEntries(
      ['fastify', 'mercurius', 'graphql', 'graphql-jit', 'better-sqlite3', 'neo4j-driver', '@neo4j/graphql', 'autocannon', 'playwright-core'].map((p) => [p, pkgVersion(p)]),
    ),
  };
}
