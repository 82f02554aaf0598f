import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PulledChange } from '../../../contract/sync-protocol';
import { openBackend, type Backend } from '../../backend';
import { getFrameworkRegistry } from '../../frameworks/framework-loader';
import { defaultResourcesDir } from '../../platform/paths';
import { codeRulesFrom, type CodeRules } from '../evidence/code-rules';
import { EvidenceEntity } from '../evidence/entities';
import { addLinkEvidence } from '../evidence/evidence.service';
import { rankCodeHolders, renumberingMessage, settleEvidenceCodes, type CodeRulesLookup } from './code-clashes';
import { applyPage, retryInbox } from './inbox';
import { ackChanges, readPending } from './outbox';

const FW = 'tt57-2026-pl2-pho-thong';
const AT = '2026-03-01T08:00:00.000Z';

describe('the rule: who keeps a code', () => {
  const a = { id: '0190a-a', codeSeq: 12 };
  const b = { id: '0190a-b', codeSeq: 7 };
  const local = { id: '0190a-0', codeSeq: null };
  const localToo = { id: '0190a-z', codeSeq: null };

  it('the code the server numbered first; a code not yet on the server is newest; ties by id', () => {
    expect(rankCodeHolders([a, b]).map((h) => h.id)).toEqual([b.id, a.id]);
    expect(rankCodeHolders([local, a]).map((h) => h.id)).toEqual([a.id, local.id]);
    expect(rankCodeHolders([localToo, local]).map((h) => h.id)).toEqual([local.id, localToo.id]);
    expect(
      rankCodeHolders([
        { id: 'y', codeSeq: 3 },
        { id: 'x', codeSeq: 3 },
      ]).map((h) => h.id),
    ).toEqual(['x', 'y']);
  });

  it('does not depend on the order the rows are seen in (every computer agrees)', () => {
    const all = [a, b, local, localToo];
    const expected = [b.id, a.id, local.id, localToo.id];
    const perms = (xs: typeof all): (typeof all)[] =>
      xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    for (const p of perms(all)) expect(rankCodeHolders(p).map((h) => h.id)).toEqual(expected);
    expect(all.map((h) => h.id)).toEqual([a.id, b.id, local.id, localToo.id]); // input untouched
  });

  it('says in Vietnamese what changed', () => {
    expect(renumberingMessage({ oldCode: 'MC.1.1.01', newCode: 'MC.1.1.03', title: 'Kế hoạch năm học' })).toBe(
      'Mã MC.1.1.01 đã được máy khác dùng trước; minh chứng "Kế hoạch năm học" đổi thành MC.1.1.03.',
    );
  });
});

describe('settling codes after a pull (real SQLite database)', () => {
  let dir: string;
  let backend: Backend;
  let rules: CodeRules;
  const rulesFor: CodeRulesLookup = async (id) => (id === FW ? rules : null);

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-codes-'));
    backend = await openBackend({ dataDir: dir });
    rules = codeRulesFrom(await getFrameworkRegistry(defaultResourcesDir()), FW);
  });
  afterEach(async () => {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Evidence filed here under 1.1, as the app does (issueCode, change log). */
  const fileHere = (title: string) =>
    backend.writes.run('u', (tx) => addLinkEvidence(tx, rules, { criterionCode: '1.1' }, 'paper', { title }));
  /** The server took every pending change; the first gets `firstSeq`, the next ones follow. */
  const pushed = async (firstSeq: number) => {
    const pending = await readPending(backend.dataSource.manager, 0, 1000);
    await backend.writes.run(null, (tx) =>
      ackChanges(
        tx.manager,
        pending.map((change, i) => ({ change, seq: firstSeq + i })),
        AT,
      ),
    );
  };
  const fields = (code: string, title: string, frameworkId: string) => ({
    code,
    sortKey: code,
    legacyCode: '',
    title,
    documentNumber: '',
    issuedDate: null,
    issuer: '',
    format: '',
    storageLocation: '',
    url: '',
    kind: 'paper' as const,
    validFrom: null,
    validUntil: null,
    notes: '',
    blobHash: null,
    fileName: '',
    mimeType: '',
    sizeBytes: null,
    firstCriterionCode: '1.1',
    frameworkId,
    assessmentId: null,
    verification: 'pending' as const,
    verifiedBy: null,
    verifiedAt: null,
    rejectReason: '',
    searchText: '',
  });
  let remoteSeq = 0;
  /** Another computer's evidence arriving in a pull, numbered `seq` by the server. */
  const remote = (seq: number, code: string, title = 'Từ máy khác', frameworkId = FW): PulledChange => {
    const id = `0190cccc-0000-7000-8000-${String(++remoteSeq).padStart(12, '0')}`;
    return {
      seq,
      changeId: `0190dddd-0000-7000-8000-${String(remoteSeq).padStart(12, '0')}`,
      entity: 'Evidence',
      rowId: id,
      op: 'insert',
      at: AT,
      actor: null,
      data: { id, createdAt: AT, updatedAt: AT, deletedAt: null, ...fields(code, title, frameworkId) },
    };
  };
  const pullAndSettle = (changes: PulledChange[]) =>
    backend.writes.run(null, async (tx) => {
      await applyPage(tx.manager, changes, AT);
      return settleEvidenceCodes(
        tx,
        changes.map((c) => c.rowId),
        rulesFor,
        AT,
      );
    });
  const codes = async () =>
    (
      (await backend.dataSource.query(`select id, code from evidence where deletedAt is null order by code, id`)) as {
        id: string;
        code: string;
      }[]
    ).map((r) => [r.id, r.code]);

  it('this computer’s evidence numbered later by the server is renumbered, as a logged edit the next push carries', async () => {
    const l1 = await fileHere('Kế hoạch');
    const l2 = await fileHere('Biên bản');
    await pushed(20); // l1 → 20…, l2 → 22…
    const r1 = remote(10, 'MC.1.1.01');
    const r2 = remote(11, 'MC.1.1.02');
    const done = await pullAndSettle([r1, r2]);
    expect(done).toEqual([
      { evidenceId: l1.id, frameworkId: FW, title: 'Kế hoạch', oldCode: 'MC.1.1.01', newCode: 'MC.1.1.03', at: AT },
      { evidenceId: l2.id, frameworkId: FW, title: 'Biên bản', oldCode: 'MC.1.1.02', newCode: 'MC.1.1.04', at: AT },
    ]);
    expect(await codes()).toEqual([
      [r1.rowId, 'MC.1.1.01'],
      [r2.rowId, 'MC.1.1.02'],
      [l1.id, 'MC.1.1.03'],
      [l2.id, 'MC.1.1.04'],
    ]);
    const pending = await readPending(backend.dataSource.manager, 0, 100);
    expect(pending.map((c) => [c.entity, c.op, c.rowId, JSON.parse(c.data).code])).toEqual([
      ['Evidence', 'update', l1.id, 'MC.1.1.03'],
      ['Evidence', 'update', l2.id, 'MC.1.1.04'],
    ]);
    // The new codes are searchable; links (criterion 1.1) and ids are unchanged.
    const row = await backend.dataSource.getRepository(EvidenceEntity).findOneByOrFail({ id: l1.id });
    expect(row).toMatchObject({ code: 'MC.1.1.03', firstCriterionCode: '1.1' });
    expect(row.searchText).toContain('mc.1.1.03');
    // Settling again changes nothing (the rows no longer share a code).
    expect(await pullAndSettle([r1, r2])).toEqual([]);
  });

  it('this computer’s evidence numbered first keeps its code; the other computer’s row stays as it is here', async () => {
    const l1 = await fileHere('Kế hoạch');
    await pushed(5);
    const r1 = remote(10, 'MC.1.1.01');
    expect(await pullAndSettle([r1])).toEqual([]);
    expect(await codes()).toEqual(
      [
        [l1.id, 'MC.1.1.01'],
        [r1.rowId, 'MC.1.1.01'],
      ].sort(),
    );
    expect(await readPending(backend.dataSource.manager, 0, 100)).toEqual([]);
  });

  it('evidence not yet pushed loses to any code on the server', async () => {
    const l1 = await fileHere('Kế hoạch');
    const r1 = remote(900, 'MC.1.1.01');
    const [done] = await pullAndSettle([r1]);
    expect(done).toMatchObject({ evidenceId: l1.id, oldCode: 'MC.1.1.01', newCode: 'MC.1.1.02' });
  });

  it('a code edit still waiting to be pushed counts as newest, whatever sequence the older code had', async () => {
    const l1 = await fileHere('Kế hoạch');
    await pushed(3); // l1's first code (MC.1.1.01) is numbered 3
    await backend.writes.run('u', (tx) => tx.update(EvidenceEntity, l1.id, { code: 'MC.1.1.07', sortKey: 'MC.1.1.07' }));
    const r1 = remote(10, 'MC.1.1.07');
    const [done] = await pullAndSettle([r1]);
    expect(done).toMatchObject({ evidenceId: l1.id, oldCode: 'MC.1.1.07', newCode: 'MC.1.1.02' });
  });

  it('rows created on other computers are never renumbered here, nor rows of a framework this computer does not know', async () => {
    const r1 = remote(10, 'MC.1.1.01');
    const r2 = remote(11, 'MC.1.1.01');
    expect(await pullAndSettle([r1, r2])).toEqual([]);
    expect(await codes()).toEqual([
      [r1.rowId, 'MC.1.1.01'],
      [r2.rowId, 'MC.1.1.01'],
    ]);
    // A framework without rules here: the duplicate stays (the health report shows it).
    await backend.writes.run('u', (tx) => tx.insert(EvidenceEntity, fields('X.01', 'Của máy này', 'khung-khac')));
    expect(await pullAndSettle([remote(12, 'X.01', 'Khác', 'khung-khac')])).toEqual([]);
    expect(await backend.dataSource.query(`select count(*) as n from evidence where code = 'X.01'`)).toEqual([{ n: 2 }]);
  });

  it('a tombstone does not hold a code for the rule, but its code is never issued again', async () => {
    const l1 = await fileHere('Kế hoạch');
    await pushed(20);
    const gone = remote(8, 'MC.1.1.02');
    gone.data.deletedAt = AT; // issued and deleted on the other computer
    const r1 = remote(10, 'MC.1.1.01');
    const [done] = await pullAndSettle([gone, r1]);
    expect(done).toMatchObject({ evidenceId: l1.id, oldCode: 'MC.1.1.01', newCode: 'MC.1.1.03' });
  });

  it('a pulled evidence the old unique index refused (kept in the inbox) applies at the retry and is settled the same way', async () => {
    const l1 = await fileHere('Kế hoạch');
    await pushed(20);
    const r1 = remote(10, 'MC.1.1.01');
    await backend.dataSource.query(
      `insert into sync_inbox_failure (seq, changeId, entity, rowId, change, tries, lastError, lastTriedAt) values (?, ?, ?, ?, ?, 1, 'trùng', ?)`,
      [r1.seq, r1.changeId, r1.entity, r1.rowId, JSON.stringify(r1), AT],
    );
    const done = await backend.writes.run(null, async (tx) => {
      const retried = await retryInbox(tx.manager, AT, 5);
      expect(retried.changes.map((c) => c.rowId)).toEqual([r1.rowId]);
      return settleEvidenceCodes(
        tx,
        retried.changes.map((c) => c.rowId),
        rulesFor,
        AT,
      );
    });
    expect(done).toMatchObject([{ evidenceId: l1.id, oldCode: 'MC.1.1.01', newCode: 'MC.1.1.02' }]);
    expect(await backend.dataSource.query('select seq from sync_inbox_failure')).toEqual([]);
  });
});
