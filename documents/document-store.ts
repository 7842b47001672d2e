// Documents on disk and in PostgreSQL. The bytes live under the document folder, named by their SHA-256
// (`<first two hex>/<sha256>`), so identical content is kept once; rows in `documents` point at them.
// Order of writes: temp file → fsync → rename into place → row in a transaction. A crash can therefore leave
// a file nobody references (harmless, collectable), never a row whose file is missing.
import type { DocumentKind } from '../api/documents.ts';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inTransaction, type Db } from '../platform/db.ts';
import { audit } from '../platform/http/audit.ts';
import type { Identity } from '../platform/http/identity.ts';
import { SNIFF_BYTES } from './document-types.ts';


/** An uploaded file written to a temp file, not yet part of the store. */
export interface StagedFile {
  tempPath: string;
  originalName: string;
  sha256: string;
  sizeBytes: number;
  /** The first bytes, for detecting the type by content. */
  head: Buffer;
}

export interface NewDocument {
  staged: StagedFile;
  kind: DocumentKind;
  employeeIndex: number | null;
  mediaType: string;
  originalName: string;
}

export interface StoredDocument {
  id: string;
  filingId: string;
  kind: DocumentKind;
  employeeIndex: number | null;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

interface DocumentRow {
  id: string;
  filing_id: string;
  kind: DocumentKind;
  employee_index: number | null;
  original_name: string;
  media_type: string;
  size_bytes: string; // bigint arrives as text
  sha256: string;
  uploaded_by: string;
  uploaded_at: Date;
}

const columns = 'id, filing_id, kind, employee_index, original_name, media_type, size_bytes, sha256, uploaded_by, uploaded_at';

function fromRow(row: DocumentRow): StoredDocument {
  return {
    id: row.id,
    filingId: row.filing_id,
    kind: row.kind,
    employeeIndex: row.employee_index,
    originalName: row.original_name,
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    uploadedAt: row.uploaded_at.toISOString(),
  };
}

/** Flushes a file or folder to disk, so a rename or a committed row never outlives the bytes after a power cut. */
async function syncPath(target: string): Promise<void> {
  const handle = await open(target, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Where the bytes with this digest live in the document folder `dir` (also read by `npm run restore-check`). */
export function documentFilePath(dir: string, sha256: string): string {
  return path.join(dir, sha256.slice(0, 2), sha256);
}

export class DocumentStore {
  private readonly tempDir: string;

  constructor(
    private readonly db: Db,
    private readonly dir: string,
  ) {
    // Inside the document folder, so the final rename stays on one file system and is atomic.
    this.tempDir = path.join(dir, '.tmp');
  }

  /** Where the bytes with this digest live. */
  pathOf(sha256: string): string {
    return documentFilePath(this.dir, sha256);
  }

  /** Streams `source` to a temp file, hashing and counting as it goes; the temp file is removed on failure. */
  async stage(source: Readable, originalName: string): Promise<StagedFile> {
    const tempPath = path.join(this.tempDir, randomUUID());
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headLength = 0;
    let sizeBytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        sizeBytes += chunk.length;
        if (headLength < SNIFF_BYTES) {
          const part = chunk.subarray(0, SNIFF_BYTES - headLength);
          head.push(part);
          headLength += part.length;
        }
        done(null, chunk);
      },
    });
    let sink: WriteStream | undefined;
    try {
      await mkdir(this.tempDir, { recursive: true });
      sink = createWriteStream(tempPath, { flags: 'wx' });
      await pipeline(source, meter, sink);
      await syncPath(tempPath);
    } catch (error) {
      source.resume(); // a source left unread would stall the rest of the request
      // A stream destroyed while its file is still being opened creates the file afterwards; removing it before
      // the stream has closed would leave it behind.
      if (sink && !sink.closed) await once(sink, 'close').catch(() => undefined);
      await rm(tempPath, { force: true });
      throw error;
    }
    return { tempPath, originalName, sha256: hash.digest('hex'), sizeBytes, head: Buffer.concat(head) };
  }

  /** Removes temp files of an upload that will not be stored. */
  async discard(files: readonly StagedFile[]): Promise<void> {
    await Promise.all(files.map((f) => rm(f.tempPath, { force: true })));
  }

  /**
   * Moves each staged file into place, then records all of them (and their audit rows) in one transaction:
   * the upload is stored whole or, if the transaction fails, leaves only unreferenced files behind.
   */
  async save(who: Identity, filingId: string, documents: readonly NewDocument[]): Promise<StoredDocument[]> {
    for (const { staged } of documents) {
      const target = this.pathOf(staged.sha256);
      await mkdir(path.dirname(target), { recursive: true });
      // Identical content has an identical name: renaming over an existing copy keeps one file, atomically.
      await rename(staged.tempPath, target);
      await syncPath(path.dirname(target));
    }
    return inTransaction(this.db, async (tx) => {
      const stored: StoredDocument[] = [];
      for (const doc of documents) {
        const inserted = await tx.query<DocumentRow>(
          `insert into documents (id, filing_id, kind, employee_index, original_name, media_type, size_bytes, sha256, uploaded_by)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${columns}`,
          [randomUUID(), filingId, doc.kind, doc.employeeIndex, doc.originalName, doc.mediaType, doc.staged.sizeBytes, doc.staged.sha256, who.sub],
        );
        stored.push(fromRow(inserted.rows[0] as DocumentRow));
      }
      // Last in the transaction: the audit chain's lock is held from the first entry until commit.
      for (const row of stored) {
        await audit(tx, who, 'document.upload', { type: 'document', id: row.id }, {
          filingId,
          kind: row.kind,
          employeeIndex: row.employeeIndex,
          mediaType: row.mediaType,
          sizeBytes: row.sizeBytes,
          sha256: row.sha256,
        });
      }
      return stored;
    });
  }

  async list(filingId: string): Promise<StoredDocument[]> {
    const result = await this.db.query<DocumentRow>(`select ${columns} from documents where filing_id = $1 order by uploaded_at, id`, [filingId]);
    return result.rows.map(fromRow);
  }

  /** One document of one filing; a document of another filing is not found, so ids cannot be mixed. */
  async find(filingId: string, documentId: string): Promise<StoredDocument | undefined> {
    const result = await this.db.query<DocumentRow>(`select ${columns} from documents where id = $1 and filing_id = $2`, [documentId, filingId]);
    return result.rows[0] ? fromRow(result.rows[0]) : undefined;
  }

  /** The document's bytes as a stream; opened first, so a missing file fails before any response is sent. */
  async open(doc: StoredDocument): Promise<Readable> {
    const handle = await open(this.pathOf(doc.sha256), 'r');
    return handle.createReadStream();
  }
}
