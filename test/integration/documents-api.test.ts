// The document API over real HTTP against the real PostgreSQL and a temp document folder: multipart upload
// checked by content, all-or-nothing storage, the size limit, scope, download headers and the audit trail.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';
import { syntheticFiling } from '../support/fixtures.ts';
import { assertKeepsContract } from '../support/contract-check.ts';

interface FilePart {
  bytes: Uint8Array;
  name: string;
  type?: string;
}

/** A minimal PDF; `tag` makes its bytes (and so its SHA-256) unique to the test that made it. */
function syntheticPdf(tag: string): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${tag}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** A real 1×1 PNG whose one grey pixel is `shade`. */
function syntheticPng(shade: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from([0, shade]))), chunk('IEND', Buffer.alloc(0))]);
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

async function upload(
  target: TestApi,
  token: string,
  filingId: string,
  form: { kind?: string; employeeIndex?: string; files: FilePart[] },
  headers: Record<string, string> = {},
) {
  const body = new FormData();
  if (form.kind !== undefined) body.append('kind', form.kind);
  if (form.employeeIndex !== undefined) body.append('employeeIndex', form.employeeIndex);
  for (const file of form.files) body.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const res = await fetch(`${target.url}/api/filings/${filingId}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...headers },
    body,
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : undefined;
  assertKeepsContract('POST', `/api/filings/${filingId}/documents`, res.status, res.headers.get('content-type'), parsed);
  return { status: res.status, body: parsed };
}

async function download(target: TestApi, token: string, href: string) {
  const res = await fetch(target.url + href, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

async function documentCount(target: TestApi, filingId: string): Promise<number> {
  const result = await target.db.query<{ n: string }>('select count(*) as n from documents where filing_id = $1', [filingId]);
  return Number(result.rows[0]?.n);
}

let api: TestApi;
let dir: string;
let filingId: string;
let employerUscc: string;
let employer: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'documents-api-'));
  api = await startTestApi({ DOCUMENT_DIR: dir });
  const filing = syntheticFiling(301); // two employees, employer in 西湖区 330106
  employerUscc = filing.employer.uscc;
  employer = await api.login({ role: 'employer', uscc: employerUscc });
  const res = await api.request('POST', '/api/filings', { token: employer, body: filing });
  expect(res.status).toBe(201);
  filingId = res.body.id;
});
afterAll(async () => {
  await api.close();
  await rm(dir, { recursive: true, force: true });
});

describe('uploading, listing and downloading', () => {
  const pdf = syntheticPdf('upload-and-read');
  const png = syntheticPng(0x40);
  let uploaded: { id: string; href: string; mediaType: string; originalName: string }[];

  it('stores a PDF and a PNG from the employer, content-addressed, and audits each upload', async () => {
    const res = await upload(api, employer, filingId, {
      kind: 'evidence',
      employeeIndex: '1',
      files: [
        { bytes: pdf, name: '社保缴费证明（2025年）.pdf', type: 'application/pdf' },
        { bytes: png, name: 'wage-slip.png', type: 'image/png' },
      ],
    });
    expect(res.status).toBe(201);
    uploaded = res.body.items;
    expect(uploaded).toEqual([
      expect.objectContaining({ id: expect.any(String), kind: 'evidence', employeeIndex: 1, mediaType: 'application/pdf', sizeBytes: pdf.length, originalName: '社保缴费证明（2025年）.pdf' }),
      expect.objectContaining({ id: expect.any(String), kind: 'evidence', employeeIndex: 1, mediaType: 'image/png', sizeBytes: png.length, originalName: 'wage-slip.png' }),
    ]);
    const stored = await filesIn(dir);
    expect(stored.map((f) => path.relative(dir, f)).sort()).toEqual(
      uploaded.map((d: any) => path.join(d.sha256.slice(0, 2), d.sha256)).sort(),
    );
    const audited = await api.db.query(`select actor, subject_id from audit_log where action = 'document.upload' and detail->>'filingId' = $1`, [filingId]);
    expect(audited.rows.map((r) => r.subject_id).sort()).toEqual(uploaded.map((d) => d.id).sort());
    expect(audited.rows.every((r) => r.actor === `dev-employer-${employerUscc}`)).toBe(true);
  });

  it('lists them for anyone who can read the filing', async () => {
    for (const login of [{ role: 'employer', uscc: employerUscc }, { role: 'reviewer', regionCode: '330106' }, { role: 'city', regionCode: '330100' }]) {
      const token = await api.login(login);
      const res = await api.request('GET', `/api/filings/${filingId}/documents`, { token });
      expect(res.status).toBe(200);
      expect(res.body.items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining(uploaded.map((d) => d.id)));
    }
  });

  it('downloads the same bytes with safe headers, and names the reader in the audit trail', async () => {
    const reviewer = await api.login({ role: 'reviewer', regionCode: '330106', userId: 'reviewer.zhao' });
    const [first, second] = uploaded as [(typeof uploaded)[0], (typeof uploaded)[0]];
    const res = await download(api, reviewer, first.href);
    expect(res.status).toBe(200);
    expect(Buffer.from(res.bytes).equals(Buffer.from(pdf))).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toBe(
      `attachment; filename="document-${first.id.slice(0, 8)}.pdf"; filename*=UTF-8''${encodeURIComponent('社保缴费证明（2025年）.pdf')}`,
    );
    expect(disposition).toMatch(/^[\x20-\x7e]+$/); // header stays ASCII

    const image = await download(api, reviewer, second.href);
    expect(Buffer.from(image.bytes).equals(Buffer.from(png))).toBe(true);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('content-disposition')).toBe(`attachment; filename="wage-slip.png"; filename*=UTF-8''wage-slip.png`);

    const audited = await api.db.query(`select actor, actor_role, detail from audit_log where action = 'document.read' and subject_id = $1`, [first.id]);
    expect(audited.rows).toEqual([{ actor: 'reviewer.zhao', actor_role: 'reviewer', detail: { filingId, kind: 'evidence', employeeIndex: 1 } }]);
  });

  it('keeps identical content once: two rows, one file', async () => {
    const same = syntheticPdf('stored-twice');
    const first = await upload(api, employer, filingId, { kind: 'other', files: [{ bytes: same, name: 'a.pdf' }] });
    expect(first.status).toBe(201);
    const filesAfterFirst = (await filesIn(dir)).length;
    const again = await upload(api, employer, filingId, { kind: 'scan', files: [{ bytes: same, name: 'b.pdf' }] });
    expect(again.status).toBe(201);
    expect(again.body.items[0].id).not.toBe(first.body.items[0].id);
    expect(again.body.items[0].sha256).toBe(first.body.items[0].sha256);
    const rows = await api.db.query('select id from documents where sha256 = $1', [first.body.items[0].sha256]);
    expect(rows.rows).toHaveLength(2);
    expect((await filesIn(dir)).length).toBe(filesAfterFirst);
  });

  it('lets a clerk of the receiving county add scans, but not a city supervisor who may only read', async () => {
    const filing = syntheticFiling(302);
    const clerk = await api.login({ role: 'clerk', regionCode: '330102', userId: 'clerk.sun' });
    const created = await api.request('POST', '/api/filings', { token: clerk, body: { ...filing, channel: 'window' } });
    expect(created.status).toBe(201);
    const scan = await upload(api, clerk, created.body.id, { kind: 'scan', files: [{ bytes: syntheticPdf('window-scan'), name: '申报表扫描件.pdf' }] });
    expect(scan.status).toBe(201);
    expect(scan.body.items[0].uploadedBy).toBe('clerk.sun');
    const city = await api.login({ role: 'city', regionCode: '330100' });
    const refused = await upload(api, city, created.body.id, { kind: 'scan', files: [{ bytes: syntheticPdf('city'), name: 'x.pdf' }] });
    expect(refused.status).toBe(403);
  });
});

describe('劳务派遣协议 (dispatch agreements)', () => {
  it('takes an agreement named by a dispatched worker of its agency, and refuses one without a worker or with one not dispatched', async () => {
    // Two contract employees (0, 1) and two dispatched workers (2, 3) of one agency, counted here.
    const filing = syntheticFiling(305, { dispatched: { count: 2 } });
    const token = await api.login({ role: 'employer', uscc: filing.employer.uscc });
    const created = await api.request('POST', '/api/filings', { token, body: filing });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const agreement = { bytes: syntheticPdf('dispatch-agreement'), name: '劳务派遣协议.pdf', type: 'application/pdf' };

    const stored = await upload(api, token, id, { kind: 'dispatch_agreement', employeeIndex: '3', files: [agreement] });
    expect(stored.status).toBe(201);
    expect(stored.body.items).toEqual([expect.objectContaining({ kind: 'dispatch_agreement', employeeIndex: 3, originalName: '劳务派遣协议.pdf' })]);
    const listed = await api.request('GET', `/api/filings/${id}/documents`, { token });
    expect(listed.body.items.map((d: { kind: string }) => d.kind)).toEqual(['dispatch_agreement']);

    const withoutWorker = await upload(api, token, id, { kind: 'dispatch_agreement', files: [agreement] });
    expect(withoutWorker.status).toBe(400);
    expect(withoutWorker.body.errors).toEqual([{ path: '/employeeIndex', code: 'REQUIRED', message: '请选择所涉残疾职工序号' }]);
    const notDispatched = await upload(api, token, id, { kind: 'dispatch_agreement', employeeIndex: '0', files: [agreement] });
    expect(notDispatched.status).toBe(400);
    expect(notDispatched.body.errors).toEqual([
      { path: '/employeeIndex', code: 'NOT_DISPATCHED', message: '派遣协议须对应一名用工性质为“劳务派遣”的职工，第 1 名残疾职工不是劳务派遣人员' },
    ]);
    expect(await documentCount(api, id)).toBe(1);
  });
});

describe('rejected uploads store nothing', () => {
  async function expectNothingStored(run: () => Promise<void>) {
    const before = { rows: await documentCount(api, filingId), files: await filesIn(dir) };
    await run();
    expect(await documentCount(api, filingId)).toBe(before.rows);
    expect((await filesIn(dir)).sort()).toEqual(before.files.sort());
  }

  it('refuses a file that claims to be a PDF but is not, with FILE_TYPE, keeping the good file out too', async () => {
    await expectNothingStored(async () => {
      const res = await upload(api, employer, filingId, {
        kind: 'evidence',
        files: [
          { bytes: syntheticPdf('good-but-with-a-bad-one'), name: 'good.pdf', type: 'application/pdf' },
          { bytes: new TextEncoder().encode('<html><script>alert(1)</script></html>'), name: '证明.pdf', type: 'application/pdf' },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { path: '/file/1', code: 'FILE_TYPE', message: '第 2 个文件（证明.pdf）不是 PDF、JPEG 或 PNG 文件，请上传这三种格式之一' },
      ]);
    });
  });

  it('refuses an employee index the filing does not have, and a malformed one', async () => {
    await expectNothingStored(async () => {
      const res = await upload(api, employer, filingId, { kind: 'evidence', employeeIndex: '2', files: [{ bytes: syntheticPdf('index'), name: 'a.pdf' }] });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { path: '/employeeIndex', code: 'EMPLOYEE_INDEX', message: '所涉残疾职工序号应在 0–1 之间（本申报共 2 名残疾职工）' },
      ]);
      const malformed = await upload(api, employer, filingId, { kind: 'evidence', employeeIndex: '-1', files: [{ bytes: syntheticPdf('index'), name: 'a.pdf' }] });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([expect.objectContaining({ path: '/employeeIndex', code: 'FORMAT' })]);
    });
  });

  it('requires a kind and a file, field by field, in Chinese or English', async () => {
    await expectNothingStored(async () => {
      const res = await upload(api, employer, filingId, { files: [{ bytes: syntheticPdf('no-kind'), name: 'a.pdf' }] });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: '/kind', code: 'REQUIRED', message: '请选择材料类别' }]);
      const english = await upload(api, employer, filingId, { kind: 'photo', files: [] }, { 'accept-language': 'en' });
      expect(english.status).toBe(400);
      expect(english.body.errors).toEqual([
        { path: '/kind', code: 'FORMAT', message: 'document kind must be one of scan, evidence, other, dispatch_agreement' },
        { path: '/file', code: 'REQUIRED', message: 'file is required' },
      ]);
    });
  });

  it('refuses more than 10 files in one request', async () => {
    await expectNothingStored(async () => {
      const files = Array.from({ length: 11 }, (_, i) => ({ bytes: syntheticPdf(`many-${i}`), name: `${i}.pdf` }));
      const res = await upload(api, employer, filingId, { kind: 'scan', files });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: '/file', code: 'TOO_MANY_FILES', message: '一次最多上传 10 个文件' }]);
    });
  });

  it('answers a broken multipart body with a field-level 400', async () => {
    await expectNothingStored(async () => {
      const res = await fetch(`${api.url}/api/filings/${filingId}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${employer}`, 'content-type': 'multipart/form-data; boundary=cut' },
        body: '--cut\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 and then nothing',
      });
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([{ path: '/', code: 'FORMAT', message: '上传的材料格式不正确' }]);
      const noBoundary = await fetch(`${api.url}/api/filings/${filingId}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${employer}`, 'content-type': 'multipart/form-data' },
        body: 'whatever',
      });
      expect(noBoundary.status).toBe(400);
    });
  });

  it('answers 415 to a body that is not multipart', async () => {
    const res = await api.request('POST', `/api/filings/${filingId}/documents`, { token: employer, body: { kind: 'scan' } });
    expect(res.status).toBe(415);
  });
});

describe('the size limit', () => {
  let small: TestApi;
  let smallDir: string;

  beforeAll(async () => {
    smallDir = await mkdtemp(path.join(tmpdir(), 'documents-limit-'));
    small = await startTestApi({ DOCUMENT_DIR: smallDir, DOCUMENT_MAX_BYTES: '2048' });
  });
  afterAll(async () => {
    await small.close();
    await rm(smallDir, { recursive: true, force: true });
  });

  it('accepts a file of exactly the limit', async () => {
    const exact = new Uint8Array(2048).fill(0x20);
    exact.set(syntheticPdf('exact').subarray(0, 9));
    const res = await upload(small, employer, filingId, { kind: 'other', files: [{ bytes: exact, name: 'exact.pdf' }] });
    expect(res.status).toBe(201);
    await small.db.query('delete from documents where id = $1', [res.body.items[0].id]);
    await rm(smallDir, { recursive: true, force: true });
  });

  it('cuts an upload off at the limit with 413: no row, no file left, not even the good file before it', async () => {
    const before = await documentCount(small, filingId);
    const big = new Uint8Array(50 * 1024).fill(0x20);
    big.set(syntheticPdf('too-big').subarray(0, 9));
    const res = await upload(small, employer, filingId, {
      kind: 'scan',
      files: [
        { bytes: syntheticPng(0x80), name: 'small.png' },
        { bytes: big, name: 'big.pdf' },
      ],
    });
    expect(res.status).toBe(413);
    expect(res.body.title).toBe('单个文件不能超过 2 KB');
    expect(await documentCount(small, filingId)).toBe(before);
    expect(await filesIn(smallDir)).toEqual([]);
  });

  it('stops reading a huge streamed upload at the limit', async () => {
    const boundary = 'synthetic-boundary-7f3a';
    const encoder = new TextEncoder();
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const total = 64 * 1024 * 1024; // far more than anyone should read for a 2 KB limit
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nscan\r\n`));
        controller.enqueue(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`));
      },
      pull(controller) {
        if (sent >= total) {
          controller.enqueue(encoder.encode(`\r\n--${boundary}--\r\n`));
          controller.close();
          return;
        }
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const before = await documentCount(small, filingId);
    const res = await fetch(`${small.url}/api/filings/${filingId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${employer}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    await res.text();
    expect(sent).toBeLessThan(total);
    expect(await documentCount(small, filingId)).toBe(before);
    expect(await filesIn(smallDir)).toEqual([]);
  });

  it('refuses a declared length that cannot fit before reading it', async () => {
    const res = await upload(small, employer, filingId, { kind: 'scan', files: [{ bytes: new Uint8Array(200 * 1024), name: 'big.pdf' }] });
    expect(res.status).toBe(413);
    expect(await filesIn(smallDir)).toEqual([]);
  });
});

describe('scope', () => {
  let documentHref: string;

  beforeAll(async () => {
    const res = await upload(api, employer, filingId, { kind: 'evidence', files: [{ bytes: syntheticPng(0xc0), name: 'scope.png' }] });
    expect(res.status).toBe(201);
    documentHref = res.body.items[0].href;
  });

  it.each([
    ['another employer', () => ({ role: 'employer', uscc: syntheticFiling(303).employer.uscc })],
    ['a reviewer of another county', () => ({ role: 'reviewer', regionCode: '330108' })],
  ])('%s gets 404 for upload, list and download', async (_who, login) => {
    const token = await api.login(login());
    const before = await documentCount(api, filingId);
    const res = await upload(api, token, filingId, { kind: 'evidence', files: [{ bytes: syntheticPdf('intruder'), name: 'x.pdf' }] });
    expect(res.status).toBe(404);
    expect(await documentCount(api, filingId)).toBe(before);
    expect((await api.request('GET', `/api/filings/${filingId}/documents`, { token })).status).toBe(404);
    expect((await download(api, token, documentHref)).status).toBe(404);
  });

  it('answers an unknown document, and a document asked for under another filing, with the same 404', async () => {
    const other = syntheticFiling(304);
    const otherEmployer = await api.login({ role: 'employer', uscc: other.employer.uscc });
    const created = await api.request('POST', '/api/filings', { token: otherEmployer, body: other });
    const documentId = documentHref.split('/').pop();
    const crossed = await download(api, otherEmployer, `/api/filings/${created.body.id}/documents/${documentId}`);
    expect(crossed.status).toBe(404);
    expect((await download(api, employer, `/api/filings/${filingId}/documents/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await download(api, employer, `/api/filings/${filingId}/documents/not-a-uuid`)).status).toBe(404);
  });

  it('finds a document by its id in capitals too, as the database compares uuids', async () => {
    const documentId = documentHref.split('/').pop()!.toUpperCase();
    const res = await download(api, employer, `/api/filings/${filingId}/documents/${documentId}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(res.bytes).equals(Buffer.from(syntheticPng(0xc0)))).toBe(true);
  });
});
