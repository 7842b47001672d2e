// PostgreSQL's COPY … FROM STDIN through a pg client, fed from an async source of text chunks: the server parses the
// rows while we make the next ones, and a chunk is written only when the socket has room (bounded memory). pg has no
// COPY of its own; this is the small part of the protocol a bulk load needs (the `submittable` pg accepts).
import { EventEmitter } from 'node:events';
import type pg from 'pg';

interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

class CopyIn extends EventEmitter {
  rowCount = 0;
  private error: Error | undefined;
  constructor(
    private readonly text: string,
    private readonly source: AsyncIterable<string>,
    private readonly done: (error: Error | undefined, rows: number) => void,
  ) {
    super();
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection): void {
    void this.pump(connection);
  }

  private async pump(connection: Connection): Promise<void> {
    try {
      for await (const chunk of this.source) {
        if (this.error) return;
        if (chunk.length === 0) continue;
        connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
        if (connection.stream.writableNeedDrain) await new Promise((resolve) => connection.stream.once('drain', resolve));
      }
      if (!this.error) connection.endCopyFrom();
    } catch (error) {
      // The source failed: the server drops what it received and answers with an error.
      this.error = error as Error;
      connection.sendCopyFail(String((error as Error).message ?? error));
    }
  }

  handleCommandComplete(message: { text?: string }): void {
    this.rowCount = Number(/\d+$/.exec(message.text ?? '')?.[0] ?? 0);
  }

  // The server refused (a bad row, a bad table): the pump stops; ReadyForQuery follows and ends the query.
  handleError(error: Error): void {
    this.error ??= error;
  }

  handleReadyForQuery(): void {
    this.done(this.error, this.rowCount);
  }

  // Not expected during COPY; present because pg calls them on whatever query is active.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleEmptyQuery(): void {}
  handleCopyData(): void {}
}

/** Runs `copy <table> (<columns>) from stdin` on the client, streaming `source`; resolves with the rows copied. */
export function copyInto(client: pg.PoolClient | pg.Client, table: string, columns: readonly string[], source: AsyncIterable<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const sql = `copy ${table} (${columns.join(', ')}) from stdin`;
    const copy = new CopyIn(sql, source, (error, rows) => (error ? reject(error) : resolve(rows)));
    void (client as unknown as { query(q: unknown): unknown }).query(copy);
  });
}

/** One value in COPY's text format: \N for null, backslash escapes for the characters the format reserves. */
export function copyValue(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

/** One row in COPY's text format. */
export function copyRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return `${values.map(copyValue).join('\t')}\n`;
}
