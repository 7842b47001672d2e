// A stand-in for our API's callback endpoint, for tests of a department that answers later (the tax simulator):
// records every request it gets and answers each with the next status it was told to, 200 after those run out.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCallback {
  path: string;
  authorization: string | undefined;
  body: any;
  /** The status this request was answered with. */
  status: number;
}

export interface CallbackReceiver {
  url: string;
  received: ReceivedCallback[];
  /** The next requests are answered with these statuses, in order (503 and 429 with `Retry-After: 0`). */
  answerNext(...statuses: number[]): void;
  close(): Promise<void>;
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const statuses: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = Buffer.concat(chunks).toString('utf8');
      }
      received.push({ path: req.url ?? '', authorization: req.headers.authorization, body, status });
      res.writeHead(status, { 'content-type': 'application/json', ...(status === 503 || status === 429 ? { 'retry-after': '0' } : {}) });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answerNext: (...next) => statuses.push(...next),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
