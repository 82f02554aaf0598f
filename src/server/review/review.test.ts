import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_VERSION, type DossierManifest, type SnapshotRow } from '../../contract/sync-protocol';
import { buildServer, type BuiltServer } from '../app';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../db/test-database';
import { manifestHash, rowHash } from '../sync/submissions';
import { seedFixture, TEST_PASSWORD, TestClock, testConfig, type Fixture } from '../testing';
import { E } from '../db/entities/index';
import { addYears } from './service';

/** Who may open which dossier, and who sees which comments (issue 8), on both dialects. */
describe.each(DIALECTS)('review authorisation on %s', (dialect) => {
  let tdb: TestDatabase;
  let server: BuiltServer;
  let app: FastifyInstance;
  let fx: Fixture;
  const clock = new TestClock();
  const tokens: Record<string, string> = {};
  const h = (u: string) => ({
    authorization: `Bearer ${tokens[u]}`,
    'x-tc-protocol': String(SYNC_PROTOCOL_VERSION),
    'x-tc-app-version': '0.1.0',
  });
  const call = (u: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: h(u), payload });

  const submitFor = async (user: string, code: string) => {
    const rows: SnapshotRow[] = [
      { entity: 'Assessment', id: 'as-1', data: { id: 'as-1', frameworkId: 'tt57-2026-pl2-pho-thong', schoolYear: '2026-2027' } },
    ];
    const manifest: DossierManifest = {
      format: 'truong-chuan-dossier',
      formatVersion: 1,
      submissionId: uuidv7(),
      kind: 'assessment',
      subjectId: 'as-1',
      school: { id: 's', code, name: code },
      createdAt: '2026-03-02T08:00:00.000Z',
      appVersion: '0.1.0',
      schemaVersion: 'x',
      rows: rows.map((r) => ({ entity: r.entity, id: r.id, sha256: rowHash(r.entity, r.id, r.data) })),
      blobs: [],
    };
    const res = await call(user, 'POST', '/api/sync/submissions', { manifest, manifestHash: manifestHash(manifest), rows });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    server = await buildServer({ config: testConfig(tdb.config, tdb.dir), logger: false, now: clock.now });
    app = server.app;
    fx = await seedFixture(server.services);
    for (const u of ['a1.user', 'b1.user', 'so.admin', 'pgda.admin', 'pgda.insp']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: TEST_PASSWORD } });
      tokens[u] = res.json().token;
    }
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await tdb?.cleanup();
  });

  it('lists the units an account sees, with the units above its own only as named context', async () => {
    const units = (await call('pgda.admin', 'GET', '/api/review/units')).json().units as {
      code: string;
      context?: boolean;
    }[];
    expect(units.filter((u) => u.context).map((u) => u.code)).toEqual(['SO']);
    expect(units.filter((u) => !u.context).map((u) => u.code)).toEqual(expect.arrayContaining(['PGD-A', 'SCH-A1']));
    expect(units.map((u) => u.code)).not.toContain('PGD-B');
    expect(units.map((u) => u.code)).not.toContain('SCH-B1');
    // The Sở is at the root: nothing above it.
    const so = (await call('so.admin', 'GET', '/api/review/units')).json().units as { context?: boolean }[];
    expect(so.some((u) => u.context)).toBe(false);
  });

  it('a reviewer opens only assigned dossiers; a school sees only its own comments', async () => {
    const a1 = await submitFor('a1.user', 'SCH-A1');
    const b1 = await submitFor('b1.user', 'SCH-B1');

    // Admin of PGD-A: its subtree only.
    const inbox = (await call('pgda.admin', 'GET', '/api/review/inbox')).json().items as { submissionId: string }[];
    expect(inbox.map((i) => i.submissionId)).toEqual([a1]);
    expect((await call('pgda.admin', 'GET', `/api/review/dossiers/${b1}`)).statusCode).toBe(403);
    expect((await call('so.admin', 'GET', '/api/review/inbox')).json().items).toHaveLength(2);

    // Inspector not assigned: nothing, 403 everywhere.
    expect((await call('pgda.insp', 'GET', '/api/review/inbox')).json().items).toEqual([]);
    for (const url of [`/api/review/dossiers/${a1}`, `/api/review/dossiers/${a1}/snapshot`, `/api/review/dossiers/${a1}/team`])
      expect((await call('pgda.insp', 'GET', url)).statusCode).toBe(403);
    // Only an admin assigns, and not outside its subtree.
    const assign = { leadId: fx.accounts.pgdaInsp.id, memberIds: [], deadline: '2026-04-01' };
    expect((await call('pgda.insp', 'POST', `/api/review/dossiers/${a1}/assign`, assign)).statusCode).toBe(403);
    expect((await call('pgda.admin', 'POST', `/api/review/dossiers/${b1}/assign`, assign)).statusCode).toBe(403);
    expect(
      (await call('pgda.admin', 'POST', `/api/review/dossiers/${a1}/assign`, { ...assign, leadId: fx.accounts.a1User.id }))
        .statusCode,
    ).toBe(400);
    expect((await call('pgda.admin', 'POST', `/api/review/dossiers/${a1}/assign`, assign)).statusCode).toBe(200);

    // Assigned: a1 yes, b1 still no; a school account never.
    expect((await call('pgda.insp', 'GET', '/api/review/inbox')).json().items).toHaveLength(1);
    expect((await call('pgda.insp', 'GET', `/api/review/dossiers/${a1}/snapshot`)).statusCode).toBe(200);
    expect((await call('pgda.insp', 'GET', `/api/review/dossiers/${b1}`)).statusCode).toBe(403);
    expect((await call('a1.user', 'GET', `/api/review/dossiers/${a1}`)).statusCode).toBe(403);

    const comment = {
      id: uuidv7(),
      kind: 'comment',
      criterionCode: '1.1',
      requirementRef: '',
      evidenceId: '',
      body: 'Bổ sung.',
      createdAt: clock.now().toISOString(),
    };
    const push = { judgments: [], comments: [comment] };
    expect((await call('pgda.insp', 'POST', `/api/review/dossiers/${a1}/judgments`, push)).json()).toMatchObject({ comments: 1 });
    // Not sent to the school before the return.
    expect((await call('a1.user', 'GET', '/api/review/school/comments')).json().comments).toEqual([]);
    expect(
      (await call('pgda.insp', 'POST', `/api/review/dossiers/${a1}/return`, { message: 'Bổ sung theo nhận xét.' })).statusCode,
    ).toBe(200);
    expect((await call('a1.user', 'GET', '/api/review/school/comments')).json().comments).toHaveLength(1);
    expect((await call('b1.user', 'GET', '/api/review/school/comments')).json().comments).toEqual([]);
    expect((await call('b1.user', 'POST', `/api/review/school/comments/${comment.id}/reply`, { reply: 'x' })).statusCode).toBe(
      404,
    );
    // Once returned, the comment is locked.
    expect((await call('pgda.insp', 'POST', `/api/review/dossiers/${a1}/judgments`, push)).json()).toMatchObject({
      locked: [comment.id],
    });
    // The audit is the lead's and the admin's.
    const audit = (await call('pgda.admin', 'GET', `/api/review/dossiers/${a1}/audit`)).json().entries as { action: string }[];
    expect(audit.map((e) => e.action)).toEqual(['assign', 'download', 'judgments', 'return']);
  });

  it('an admin lists the accounts it may put on a team: inspectors and admins of its subtree', async () => {
    const sys = { kind: 'system' } as const;
    const add = (username: string, role: 'inspector' | 'dept_admin', orgUnitId: string) =>
      server.services.accounts.create(sys, {
        username,
        displayName: `Chuyên viên ${username}`,
        role,
        orgUnitId,
        password: TEST_PASSWORD,
      });
    await add('pgdb.insp', 'inspector', fx.units.pgdB.id);
    const gone = await add('pgda.nghi', 'inspector', fx.units.pgdA.id);
    await server.services.ctx.manager.getRepository(E.Account).update({ id: gone.id }, { disabled: true });

    const list = async (u: string) => {
      const res = await call(u, 'GET', '/api/review/accounts');
      expect(res.statusCode).toBe(200);
      return (res.json().accounts as { username: string; role: string; unit: { code: string } }[]).map(
        (a) => `${a.unit.code}/${a.username}/${a.role}`,
      );
    };
    // PGD-A: its own people, not the school's account, not PGD-B's inspector, not a disabled one.
    expect(await list('pgda.admin')).toEqual(['PGD-A/pgda.admin/dept_admin', 'PGD-A/pgda.insp/inspector']);
    // The department sees its whole tree.
    expect(await list('so.admin')).toEqual([
      'PGD-A/pgda.admin/dept_admin',
      'PGD-A/pgda.insp/inspector',
      'PGD-B/pgdb.insp/inspector',
      'SO/so.admin/dept_admin',
    ]);
    // Inspectors and schools never assign, so they may not list.
    expect((await call('pgda.insp', 'GET', '/api/review/accounts')).statusCode).toBe(403);
    expect((await call('a1.user', 'GET', '/api/review/accounts')).statusCode).toBe(403);
  });

  it('recognition lasts five years', () => {
    expect(addYears('2026-03-01', 5)).toBe('2031-03-01');
    expect(addYears('2028-02-29', 5)).toBe('2033-02-28');
  });
});
