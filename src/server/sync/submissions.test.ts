import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, type DossierManifest, type SnapshotRow } from '../../contract/sync-protocol';
import { buildServer, type BuiltServer } from '../app';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/test-database';
import { seedFixture, TEST_PASSWORD, TestClock, testConfig, type Fixture } from '../testing';
import { manifestHash, rowHash } from './submissions';

describe.each(DIALECTS)('dossier submissions on %s', (dialect) => {
  let tdb: TestDatabase;
  let server: BuiltServer;
  let app: FastifyInstance;
  let fx: Fixture;
  const clock = new TestClock();
  const tokens: Record<string, string> = {};
  const file = randomBytes(5000);
  const fileSha = createHash('sha256').update(file).digest('hex');

  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    return res.json().token as string;
  };
  const h = (token: string) => ({
    authorization: `Bearer ${token}`,
    'x-tc-protocol': String(SYNC_PROTOCOL_VERSION),
    'x-tc-app-version': '0.1.0',
  });

  const dossier = (rows: SnapshotRow[], blobs: { sha256: string; sizeBytes: number }[], submissionId = uuidv7()) => {
    const manifest: DossierManifest = {
      format: 'truong-chuan-dossier',
      formatVersion: 1,
      submissionId,
      kind: 'assessment',
      subjectId: 'assessment-1',
      school: { id: 'school-1', code: 'SCH-A1', name: 'Trường Tiểu học A1' },
      createdAt: '2026-03-02T08:00:00.000Z',
      appVersion: '0.1.0',
      schemaVersion: 'Sync1764700000000',
      rows: rows.map((r) => ({ entity: r.entity, id: r.id, sha256: rowHash(r.entity, r.id, r.data) })),
      blobs,
    };
    return { manifest, manifestHash: manifestHash(manifest), rows };
  };
  const submit = (token: string, body: object) =>
    app.inject({ method: 'POST', url: '/api/sync/submissions', headers: h(token), payload: body });
  const review = (token: string, id: string, action: string, comment?: string) =>
    app.inject({
      method: 'POST',
      url: `/api/submissions/${id}/review`,
      headers: { authorization: `Bearer ${token}` },
      payload: { action, comment },
    });

  const rowsV1: SnapshotRow[] = [
    { entity: 'School', id: 'school-1', data: { id: 'school-1', name: 'Trường Tiểu học A1' } },
    { entity: 'Evidence', id: 'ev-1', data: { id: 'ev-1', title: 'Kế hoạch', assessmentId: 'assessment-1', blobHash: fileSha } },
    { entity: 'Evidence', id: 'ev-2', data: { id: 'ev-2', title: 'Biên bản', assessmentId: 'assessment-1', blobHash: null } },
  ];

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    server = await buildServer({ config: testConfig(tdb.config, tdb.dir), logger: false, now: clock.now });
    app = server.app;
    fx = await seedFixture(server.services);
    for (const u of ['a1.user', 'b1.user', 'so.admin', 'pgda.admin', 'pgda.insp']) tokens[u] = await login(u);
  });
  afterAll(async () => {
    await server?.close();
    await tdb?.cleanup();
  });

  let v1Id = '';

  it('refuses a dossier whose files the server does not hold yet, then accepts it once they are uploaded', async () => {
    const body = dossier(rowsV1, [{ sha256: fileSha, sizeBytes: file.length }]);
    const missing = await submit(tokens['a1.user']!, body);
    expect(missing.statusCode).toBe(409);
    expect(missing.json().error).toMatchObject({ code: 'BLOBS_MISSING' });
    const put = await app.inject({
      method: 'PUT',
      url: `/api/blobs/${fileSha}`,
      headers: {
        ...h(tokens['a1.user']!),
        'content-type': 'application/octet-stream',
        'upload-offset': '0',
        'upload-length': String(file.length),
      },
      payload: file,
    });
    expect(put.json()).toEqual({ offset: file.length, complete: true });
    const res = await submit(tokens['a1.user']!, body);
    expect(res.statusCode).toBe(201);
    const v = res.json();
    expect(v).toMatchObject({
      version: 1,
      state: 'received',
      rowCount: 3,
      blobCount: 1,
      diff: null,
      kind: 'assessment',
      subjectId: 'assessment-1',
    });
    expect(v.events.map((e: { state: string }) => e.state)).toEqual(['submitted', 'received']);
    v1Id = v.id;
    // Sending the same submission again (a retry after a cut) returns it, no new version.
    const again = await submit(tokens['a1.user']!, body);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: v1Id, version: 1 });
  });

  it('refuses a snapshot that does not match its manifest, or a manifest that does not match its hash', async () => {
    const body = dossier(rowsV1.slice(1, 3), []);
    const tampered = { ...body, rows: [{ ...body.rows[0]!, data: { ...body.rows[0]!.data, title: 'Đã sửa' } }, body.rows[1]!] };
    const r1 = await submit(tokens['a1.user']!, tampered);
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.code).toBe('SNAPSHOT_MISMATCH');
    const r2 = await submit(tokens['a1.user']!, { ...body, manifestHash: 'f'.repeat(64) });
    expect(r2.json().error.code).toBe('MANIFEST_HASH_MISMATCH');
  });

  it('the department reviews: under review, returned with comments; the school sees state and comments', async () => {
    const inspector = await review(tokens['pgda.insp']!, v1Id, 'start_review');
    expect(inspector.statusCode).toBe(404);
    const otherBranch = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'b1.user', password: TEST_PASSWORD },
    });
    expect(otherBranch.statusCode).toBe(200);
    expect((await review(tokens['pgda.admin']!, v1Id, 'start_review')).json().state).toBe('under_review');
    const noComment = await review(tokens['pgda.admin']!, v1Id, 'return', '  ');
    expect(noComment.statusCode).toBe(400);
    const returned = await review(tokens['so.admin']!, v1Id, 'return', 'Bổ sung biên bản họp hội đồng.');
    expect(returned.json().state).toBe('returned');
    const bad = await review(tokens['so.admin']!, v1Id, 'accept');
    expect(bad.statusCode).toBe(409);
    expect(bad.json().error.message).toMatch(/Trả lại để bổ sung/);

    const mine = await app.inject({ method: 'GET', url: '/api/sync/submissions', headers: h(tokens['a1.user']!) });
    const [s] = mine.json().submissions;
    expect(s).toMatchObject({ id: v1Id, state: 'returned' });
    expect(s.events.at(-1)).toMatchObject({ state: 'returned', comment: 'Bổ sung biên bản họp hội đồng.', by: 'so.admin' });
  });

  it('a resubmission is version 2 with the diff from version 1', async () => {
    const rowsV2: SnapshotRow[] = [
      rowsV1[0]!,
      { entity: 'Evidence', id: 'ev-2', data: { ...rowsV1[2]!.data, title: 'Biên bản họp hội đồng' } },
      { entity: 'Evidence', id: 'ev-3', data: { id: 'ev-3', title: 'Mới', assessmentId: 'assessment-1' } },
    ];
    const res = await submit(tokens['a1.user']!, dossier(rowsV2, []));
    expect(res.statusCode).toBe(201);
    const v2 = res.json();
    expect(v2).toMatchObject({ version: 2, previousId: v1Id, state: 'received' });
    expect(v2.diff).toEqual({
      previousVersion: 1,
      added: [{ entity: 'Evidence', id: 'ev-3' }],
      changed: [{ entity: 'Evidence', id: 'ev-2' }],
      removed: [{ entity: 'Evidence', id: 'ev-1' }],
      blobsAdded: [],
      blobsRemoved: [fileSha],
    });
    expect((await review(tokens['so.admin']!, v2.id, 'accept', 'Đạt.')).json().state).toBe('accepted');
    const snap = await app.inject({
      method: 'GET',
      url: `/api/submissions/${v2.id}/snapshot`,
      headers: { authorization: `Bearer ${tokens['so.admin']}` },
    });
    expect(snap.statusCode).toBe(200);
    expect(snap.json().rows).toHaveLength(3);
    expect(snap.json().manifestHash).toBe(v2.manifestHash);
  });

  it("another school cannot read a school's dossiers (404) and lists only its own", async () => {
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/submissions/${v1Id}`,
          headers: { authorization: `Bearer ${tokens['b1.user']}` },
        })
      ).statusCode,
    ).toBe(404);
    const theirs = await app.inject({ method: 'GET', url: '/api/sync/submissions', headers: h(tokens['b1.user']!) });
    expect(theirs.json()).toEqual({ submissions: [] });
    const all = await app.inject({
      method: 'GET',
      url: `/api/submissions?unitId=${fx.units.schA1.id}`,
      headers: { authorization: `Bearer ${tokens['so.admin']}` },
    });
    expect(all.json().submissions.map((s: { version: number }) => s.version)).toEqual([2, 1]);
    const pgdB = await app.inject({
      method: 'GET',
      url: '/api/submissions',
      headers: { authorization: `Bearer ${tokens['pgda.admin']}` },
    });
    expect(pgdB.json().submissions).toHaveLength(2);
  });
});
