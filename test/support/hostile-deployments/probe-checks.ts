// Runs the deployment checks on the files given as JSON on stdin ({ resources: [{ name, content }] }) and prints
// their findings as JSON: in a process of its own, so that a check that loops or fills memory on a hostile file
// (FEEL evaluated while checking it) kills this process and not the suite. See probeChecks.
import { readFileSync } from 'node:fs';
import { findingsOf } from '../../../deployment/deployment-findings.ts';

const { resources } = JSON.parse(readFileSync(0, 'utf8')) as { resources: { name: string; content: string }[] };
process.stdout.write(JSON.stringify(await findingsOf(resources)));
