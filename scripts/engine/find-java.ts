// Finds a Java runtime of at least version 17 (what Operaton 1.0.3 and Spring Boot 3.5 need): JAVA_HOME first,
// then `java` on the PATH, then the JDKs installed under /usr/lib/jvm.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { EngineStartError } from './engine-start-error.ts';

export const MINIMUM_JAVA = 17;

export interface Java {
  path: string;
  major: number;
}

/** The major version `java -version` reports (1.8 → 8), or undefined when it does not run. */
export function javaMajorVersion(javaPath: string): number | undefined {
  // `java -version` writes to stderr.
  const run = spawnSync(javaPath, ['-version'], { encoding: 'utf8', timeout: 15_000 });
  if (run.error) return undefined;
  return parseJavaVersion(`${run.stderr}\n${run.stdout}`);
}

export function parseJavaVersion(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

function candidates(env: NodeJS.ProcessEnv, jvm: string): string[] {
  const found: string[] = [];
  if (env.JAVA_HOME) found.push(path.join(env.JAVA_HOME, 'bin', 'java'));
  for (const dir of (env.PATH ?? '').split(path.delimiter)) if (dir) found.push(path.join(dir, 'java'));
  if (existsSync(jvm)) for (const name of readdirSync(jvm).sort().reverse()) found.push(path.join(jvm, name, 'bin', 'java'));
  return [...new Set(found)].filter((p) => existsSync(p));
}

/** `jvmDir`: where Debian installs JDKs. */
export function findJava(env: NodeJS.ProcessEnv = process.env, jvmDir = '/usr/lib/jvm'): Java {
  const seen: string[] = [];
  for (const candidate of candidates(env, jvmDir)) {
    const major = javaMajorVersion(candidate);
    if (major !== undefined && major >= MINIMUM_JAVA) return { path: candidate, major };
    seen.push(`${candidate} (${major ?? 'unreadable'})`);
  }
  throw new EngineStartError(
    `no Java ≥ ${MINIMUM_JAVA} found${seen.length ? ` (found: ${seen.join(', ')})` : ''}: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk-headless) or set JAVA_HOME`,
  );
}
