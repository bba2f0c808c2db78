import { readFileSync } from 'node:fs';

/** User + system CPU time a process has used so far, in ms (Linux /proc/PID/stat; clock ticks of 10 ms); null if unreadable. */
export function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}
