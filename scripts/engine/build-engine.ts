// Builds engine/target/dpf-engine.jar with Maven when it is missing or its sources changed since it was built
// (a hash of engine/pom.xml, engine/src and the deployment policy the jar carries, kept beside the jar); otherwise does nothing and downloads nothing.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/config.ts';
import { EngineStartError } from './engine-start-error.ts';
import type { Java } from './find-java.ts';

export const engineDir = path.join(projectRoot, 'engine');
export const engineJar = path.join(engineDir, 'target', 'dpf-engine.jar');
const hashFile = path.join(engineDir, 'target', 'dpf-engine.sources.sha256');

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

/** The deployment policy tables, copied into the jar at build time (pom.xml <resources>) for the engine's guard. */
export const deploymentPolicyFile = path.join(projectRoot, 'deployment', 'deployment-policy.json');

/** The hash of everything the jar is built from: a changed policy rebuilds the jar like a changed source. */
export function engineSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [path.join(engineDir, 'pom.xml'), ...filesUnder(path.join(engineDir, 'src')), deploymentPolicyFile]) {
    hash.update(path.relative(engineDir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function engineJarIsCurrent(): boolean {
  return existsSync(engineJar) && existsSync(hashFile) && readFileSync(hashFile, 'utf8').trim() === engineSourceHash();
}

function findMaven(): string {
  const probe = spawnSync('mvn', ['-v'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.error || probe.status !== 0) {
    throw new EngineStartError('Maven (mvn) not found: install Apache Maven (apt-get install maven) to build the engine, or set ENGINE_URL to an engine already running');
  }
  return 'mvn';
}

export interface BuildOptions {
  java: Java;
  /** Each line Maven prints (progress); the default prints them indented. */
  onLine?: (line: string) => void;
}

/** Builds the jar if needed; answers whether it did. */
export async function ensureEngineJar({ java, onLine = (line) => console.log(`  maven │ ${line}`) }: BuildOptions): Promise<boolean> {
  if (engineJarIsCurrent()) return false;
  const mvn = findMaven();
  const hash = engineSourceHash();
  const javaHome = path.dirname(path.dirname(java.path));
  // -B: no colours or interactive progress bars; -ntp would hide downloads, which are the slow part a person waits for.
  const child = spawn(mvn, ['-B', 'package', '-DskipTests'], {
    cwd: engineDir,
    env: { ...process.env, JAVA_HOME: javaHome },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 30) tail.shift();
      onLine(line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0 || !existsSync(engineJar)) {
    const reason = tail.filter((l) => l.includes('ERROR')).slice(0, 3).join(' / ') || `exit code ${code}`;
    throw new EngineStartError(`building the engine with Maven failed: ${reason}`);
  }
  writeFileSync(hashFile, `${hash}\n`);
  return true;
}
