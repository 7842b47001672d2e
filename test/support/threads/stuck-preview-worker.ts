// A preview thread stuck in its first filing, as one evaluating a FEEL loop would be: for the time limit's tests.
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', () => {
  for (;;) {
    // never answers
  }
});
