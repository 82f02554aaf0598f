import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Evidence } from '../contract/schemas/evidence';
import { citationToken } from '../core/evidence/citations';
import { DIALECTS } from '../server/db/test-database';
import {
  FaultyProxy,
  newDevice,
  pendingCount,
  portOf,
  rowsOfDevice,
  rowsOfServer,
  sameRows,
  startSyncServer,
  TEST_PASSWORD,
  type Device,
  type TestSyncServer,
} from './sync.testkit';

/**
 * Issue 7, ADR 0013, end to end: two computers of one school, both offline, each file two
 * evidence under criterion 1.1 (both issue MC.1.1.01 and .02) and cite them in a description.
 * A real department server and real school backends (SQLite files); every call through the
 * RPC router as the app makes it. One `sync run` on each computer, in any order, converges:
 * identical evidence tables, four distinct codes, no refused changes, citations still on the
 * same evidence, and a code deleted on one computer never issued again on the other.
 */
describe.each(DIALECTS)('evidence codes issued offline on two computers of one school, on %s', (dialect) => {
  let s: TestSyncServer;
  let proxy: FaultyProxy | null = null;
  const devices: Device[] = [];

  beforeEach(async () => {
    s = await startSyncServer(dialect);
  });
  afterEach(async () => {
    for (const d of devices.splice(0)) await d.close();
    await proxy?.close();
    proxy = null;
    await s?.stop();
  });

  const run = (d: Device) => d.local.call('sync.run', {});

  interface School {
    a: Device;
    b: Device;
    assessmentId: string;
    frameworkId: string;
  }

  /** A and B enrolled with one school account and in step, with this year's assessment; then offline. */
  async function twoComputers(opts: { viaProxy?: boolean } = {}): Promise<School> {
    let url = s.url;
    if (opts.viaProxy) {
      proxy = new FaultyProxy({ host: '127.0.0.1', port: portOf(s.url) });
      await proxy.listen();
      url = proxy.url;
    }
    const computer = async (name: string) => {
      const d = await newDevice(name);
      devices.push(d);
      await d.local.call('sync.enrol', { serverUrl: url, username: 'a1.user', password: TEST_PASSWORD, deviceName: name });
      return d;
    };
    const a = await computer('A');
    const { assessment } = await a.local.call('assessment.create', { schoolYear: '2026-2027', educationLevel: 'tieu_hoc' });
    expect((await run(a)).errors).toEqual([]);
    const b = await computer('B');
    expect((await run(b)).errors).toEqual([]);
    expect((await b.local.call('assessment.get', { id: assessment.id })).frameworkId).toBe(assessment.frameworkId);
    return { a, b, assessmentId: assessment.id, frameworkId: assessment.frameworkId };
  }

  /** Offline work: two evidence filed under 1.1, both cited in the first requirement of `criterionCode`. */
  async function fileAndCite(d: Device, school: School, criterionCode: string): Promise<Evidence[]> {
    const ev: Evidence[] = [];
    for (const title of [`Kế hoạch (máy ${d.name})`, `Biên bản (máy ${d.name})`]) {
      ev.push(
        await d.local.call('evidence.addLink', {
          frameworkId: school.frameworkId,
          criterionCode: '1.1',
          kind: 'paper',
          meta: { title },
        }),
      );
    }
    expect(ev.map((e) => e.code)).toEqual(['MC.1.1.01', 'MC.1.1.02']);
    const req = (await d.local.call('criterion.get', { assessmentId: school.assessmentId, criterionCode })).levels[0]!
      .requirements[0]!;
    await d.local.call('criterion.saveRequirement', {
      assessmentId: school.assessmentId,
      criterionCode,
      level: req.level,
      requirementCode: req.code,
      expectedRev: req.rev,
      description: `Nhà trường có kế hoạch ${citationToken(ev[0]!.id)} và biên bản họp ${citationToken(ev[1]!.id)}.`,
    });
    return ev;
  }

  const evidenceTable = async (d: Device) =>
    d.local.backend.dataSource.query(
      'select id, code, sortKey, title, firstCriterionCode, deletedAt, searchText from evidence order by id',
    ) as Promise<{ id: string; code: string; deletedAt: string | null }[]>;
  const inboxFailures = async (d: Device) =>
    Number(((await d.local.backend.dataSource.query('select count(*) as n from sync_inbox_failure')) as { n: number }[])[0]!.n);

  /** What every scenario must end with. */
  async function expectConverged(school: School, mine: Record<string, Evidence[]>) {
    const { a, b } = school;
    const tableA = await evidenceTable(a);
    expect(await evidenceTable(b)).toEqual(tableA);
    const live = tableA.filter((r) => r.deletedAt === null);
    expect(live).toHaveLength(4);
    expect(new Set(live.map((r) => r.code)).size).toBe(4);
    expect(live.map((r) => r.code).sort()).toEqual(['MC.1.1.01', 'MC.1.1.02', 'MC.1.1.03', 'MC.1.1.04']);
    expect(live.map((r) => r.id).sort()).toEqual(
      Object.values(mine)
        .flat()
        .map((e) => e.id)
        .sort(),
    );
    const server = await rowsOfServer(s, s.fx.units.schA1.id);
    for (const d of [a, b]) {
      expect(sameRows(await rowsOfDevice(d), server), `${d.name} vs server`).toEqual([]);
      expect(await pendingCount(d)).toBe(0);
      expect(await inboxFailures(d)).toBe(0);
      // Nothing is refused and nothing is a duplicate any more.
      const status = await d.local.call('sync.status', {});
      expect(status).toMatchObject({ inboxFailures: [], poisoned: [] });
      const health = await d.local.call('evidence.health', { frameworkId: school.frameworkId, checkFiles: 'none' });
      expect(health.duplicateCodes).toBeUndefined();
    }
    // Citations point at the same evidence (ids) on both computers and render their current codes.
    const codeOf = new Map(live.map((r) => [r.id, r.code]));
    for (const [criterionCode, ev] of Object.entries(mine)) {
      for (const d of [a, b]) {
        const req = (await d.local.call('criterion.get', { assessmentId: school.assessmentId, criterionCode })).levels[0]!
          .requirements[0]!;
        expect(req.citations.map((c) => [c.evidenceId, c.code, c.problem])).toEqual(
          ev.map((e) => [e.id, codeOf.get(e.id), null]),
        );
        expect(req.descriptionRendered).toBe(
          `Nhà trường có kế hoạch ${codeOf.get(ev[0]!.id)} và biên bản họp ${codeOf.get(ev[1]!.id)}.`,
        );
      }
    }
    return live;
  }

  /** After convergence: a code issued and deleted on one computer is never issued on the other. */
  async function deletedCodeStaysUsed(school: School, issuer: Device, other: Device) {
    const gone = await issuer.local.call('evidence.addLink', {
      frameworkId: school.frameworkId,
      criterionCode: '1.1',
      kind: 'paper',
      meta: { title: 'Nhầm, xóa đi' },
    });
    expect(gone.code).toBe('MC.1.1.05');
    await issuer.local.call('evidence.remove', { id: gone.id });
    expect((await run(issuer)).errors).toEqual([]);
    expect((await run(other)).errors).toEqual([]);
    const next = await other.local.call('evidence.addLink', {
      frameworkId: school.frameworkId,
      criterionCode: '1.1',
      kind: 'paper',
      meta: { title: 'Minh chứng mới' },
    });
    expect(next.code).toBe('MC.1.1.06');
    expect((await run(other)).errors).toEqual([]);
    expect((await run(issuer)).errors).toEqual([]);
    expect(await evidenceTable(issuer)).toEqual(await evidenceTable(other));
  }

  /** The computer that renumbered says so, in the run result and in status. */
  function expectRenumberedReport(result: Awaited<ReturnType<typeof run>>, renumbered: Evidence[]) {
    expect(result.errors).toEqual([]);
    expect(result.notices.map((e) => [e.kind, e.ref])).toEqual(renumbered.map((e) => ['renumbered', e.id]));
    expect(result.notices[0]!.message).toBe(
      `Mã MC.1.1.01 đã được máy khác dùng trước; minh chứng "${renumbered[0]!.title}" đổi thành MC.1.1.03.`,
    );
  }

  it('sync A, sync B, sync A: B renumbers its two evidence (A numbered first) and sends them in the same run', async () => {
    const school = await twoComputers();
    const { a, b } = school;
    const evA = await fileAndCite(a, school, '1.1');
    const evB = await fileAndCite(b, school, '1.2');

    expect((await run(a)).errors).toEqual([]);
    const rb = await run(b);
    expectRenumberedReport(rb, evB);
    expect((await run(a)).errors).toEqual([]);

    const live = await expectConverged(school, { '1.1': evA, '1.2': evB });
    const code = new Map(live.map((r) => [r.id, r.code]));
    expect(evA.map((e) => code.get(e.id))).toEqual(['MC.1.1.01', 'MC.1.1.02']);
    expect(evB.map((e) => code.get(e.id))).toEqual(['MC.1.1.03', 'MC.1.1.04']);
    const status = await b.local.call('sync.status', {});
    expect(status.renumbered?.map((r) => [r.evidenceId, r.oldCode, r.newCode])).toEqual([
      [evB[1]!.id, 'MC.1.1.02', 'MC.1.1.04'],
      [evB[0]!.id, 'MC.1.1.01', 'MC.1.1.03'],
    ]);
    expect((await a.local.call('sync.status', {})).renumbered).toEqual([]);

    await deletedCodeStaysUsed(school, b, a);
  });

  it('sync B, sync A, sync B: A renumbers its evidence instead', async () => {
    const school = await twoComputers();
    const { a, b } = school;
    const evA = await fileAndCite(a, school, '1.1');
    const evB = await fileAndCite(b, school, '1.2');

    expect((await run(b)).errors).toEqual([]);
    expectRenumberedReport(await run(a), evA);
    expect((await run(b)).errors).toEqual([]);

    const live = await expectConverged(school, { '1.1': evA, '1.2': evB });
    const code = new Map(live.map((r) => [r.id, r.code]));
    expect(evB.map((e) => code.get(e.id))).toEqual(['MC.1.1.01', 'MC.1.1.02']);
    expect(evA.map((e) => code.get(e.id))).toEqual(['MC.1.1.03', 'MC.1.1.04']);

    await deletedCodeStaysUsed(school, a, b);
  });

  it('both push before either pulls the other’s rows: the later one renumbers, nothing is refused on the way', async () => {
    const school = await twoComputers({ viaProxy: true });
    const { a, b } = school;
    const evA = await fileAndCite(a, school, '1.1');
    const evB = await fileAndCite(b, school, '1.2');

    // The pull of each run is cut after its push went through: both computers' codes reach the
    // server as they were issued, A's numbered first.
    for (const d of [a, b]) {
      proxy!.cutResponseTo = /^GET \/api\/sync\/pull/;
      const r = await run(d);
      expect(r.errors.map((e) => e.kind)).toEqual(['network']);
      expect(r.pushed).toBeGreaterThan(0);
      expect(await pendingCount(d)).toBe(0);
    }
    const onServer = (await rowsOfServer(s, s.fx.units.schA1.id)).Evidence!;
    expect(onServer.filter((r) => r.code === 'MC.1.1.01')).toHaveLength(2);

    // A pulls B's rows: A's codes came first, B's rows stay as they are on A for now.
    expect((await run(a)).errors).toEqual([]);
    expect(await inboxFailures(a)).toBe(0);
    const healthA = await a.local.call('evidence.health', { frameworkId: school.frameworkId, checkFiles: 'none' });
    expect(healthA.duplicateCodes?.map((d) => [d.code, d.evidence.map((e) => e.id)])).toEqual([
      ['MC.1.1.01', [evA[0]!.id, evB[0]!.id]],
      ['MC.1.1.02', [evA[1]!.id, evB[1]!.id]],
    ]);
    // B pulls A's rows and renumbers its own; A takes them at its next run.
    expectRenumberedReport(await run(b), evB);
    expect((await run(a)).errors).toEqual([]);

    const live = await expectConverged(school, { '1.1': evA, '1.2': evB });
    const code = new Map(live.map((r) => [r.id, r.code]));
    expect(evB.map((e) => code.get(e.id))).toEqual(['MC.1.1.03', 'MC.1.1.04']);
  });
});
