// The repository explains itself: no code, comment, doc or test points to a design document outside it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/config.ts';

// The names the design documents had outside the repository; their content lives in docs/ now.
const OUTSIDE = /\b(?:CONTRACTS|DOMAIN|ENGINE|ARCHITECTURE)(?:\.md\b| §)|\.\.\/shared\/|\bshared\/seed\//;
const TEXT = /\.(ts|tsx|mts|mjs|js|json|md|bpmn|dmn|form|yaml|yml|sql|java|xml|html|css|sh)$|^\.ci\//;

describe('the repository', () => {
  it('refers to no document outside it', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: projectRoot, encoding: 'utf8' })
      .split('\n')
      .filter((file) => TEXT.test(file) && !file.includes('seed-data/') && file !== 'test/unit/self-contained.test.ts');
    const found = files.flatMap((file) =>
      readFileSync(path.join(projectRoot, file), 'utf8')
        .split('\n')
        .flatMap((line, index) => (OUTSIDE.test(line) ? [`${file}:${index + 1}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
