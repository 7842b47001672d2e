// CPU time read from /proc (Linux): what the benchmarks use to say where a run's CPU went.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  cpu: number;
}

function processes(): ProcStat[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        return [{ pid: Number(pid), ppid: Number(fields[1]), comm, cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND }];
      } catch {
        return []; // the process ended meanwhile
      }
    });
}

/** CPU seconds so far: the JVMs and the other processes under `root`, every PostgreSQL process, the whole machine. */
export interface CpuSample {
  jvm: number;
  otherInTree: number;
  postgres: number;
  machineBusy: number;
}

export function sampleCpu(root: number): CpuSample {
  const all = processes();
  const inTree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!inTree.has(p.pid) && inTree.has(p.ppid)) {
        inTree.add(p.pid);
        grew = true;
      }
    }
  }
  const sample = { jvm: 0, otherInTree: 0, postgres: 0, machineBusy: 0 };
  for (const p of all) {
    if (inTree.has(p.pid) && p.pid !== root) sample[p.comm === 'java' ? 'jvm' : 'otherInTree'] += p.cpu;
    if (p.comm.startsWith('postgres')) sample.postgres += p.cpu;
  }
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  sample.machineBusy = (fields.reduce((a, b) => a + b, 0) - idle) / TICKS_PER_SECOND;
  return sample;
}

/** Cores used on average between two samples over `seconds`. */
export function coresBetween(before: CpuSample, after: CpuSample, seconds: number): CpuSample {
  return {
    jvm: (after.jvm - before.jvm) / seconds,
    otherInTree: (after.otherInTree - before.otherInTree) / seconds,
    postgres: (after.postgres - before.postgres) / seconds,
    machineBusy: (after.machineBusy - before.machineBusy) / seconds,
  };
}
