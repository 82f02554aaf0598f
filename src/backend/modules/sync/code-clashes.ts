import type { EntityManager } from 'typeorm';
import { compareEvidenceCodes } from '../../../core/evidence/codes';
import type { SyncTx } from '../../db/sync-tx';
import type { CodeRules } from '../evidence/code-rules';
import { renumberEvidence } from '../evidence/evidence.service';
import { loadMetas, metaKey } from './outbox';

/**
 * Evidence codes issued on two computers of a school while both were offline (ADR 0013).
 * Codes are issued locally (per framework and criterion), so both computers may give
 * MC.1.1.01 to different evidence. Both rows reach everyone (the live-code index is not
 * unique); after each pulled page, in the same transaction, the computer that created the
 * row whose code the server numbered later gives it a fresh code as an ordinary logged edit,
 * which its next push carries to the others. Every computer applies the same rule, so exactly
 * one row keeps the code. Citations are `{{ev:<id>}}` tokens and follow the new code.
 */

/** A live evidence holding a code; `codeSeq` is the server sequence of its current code (null: not on the server yet). */
export interface CodeHolder {
  id: string;
  codeSeq: number | null;
}

/**
 * The rule, the same on every computer: the holder whose current code the server numbered
 * first keeps it; a code not yet on the server counts as newest; ties (two codes not yet on
 * the server) by id. Returns the holders in that order, the keeper first.
 */
export function rankCodeHolders<T extends CodeHolder>(holders: readonly T[]): T[] {
  const seq = (h: CodeHolder) => h.codeSeq ?? Number.POSITIVE_INFINITY;
  return [...holders].sort((a, b) => {
    if (seq(a) !== seq(b)) return seq(a) < seq(b) ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** One evidence this computer renumbered because another computer's evidence got its code first. */
export interface CodeRenumbering {
  evidenceId: string;
  frameworkId: string;
  title: string;
  oldCode: string;
  newCode: string;
  at: string;
}

/** The user-facing line for a renumbering (Vietnamese). */
export function renumberingMessage(r: Pick<CodeRenumbering, 'oldCode' | 'newCode' | 'title'>): string {
  return `Mã ${r.oldCode} đã được máy khác dùng trước; minh chứng "${r.title}" đổi thành ${r.newCode}.`;
}

/** The code rules of a framework, or null when this computer does not know the framework (nothing is renumbered then). */
export type CodeRulesLookup = (frameworkId: string) => Promise<CodeRules | null>;

type Holder = CodeHolder & { title: string };

async function holdersOf(m: EntityManager, frameworkId: string, code: string): Promise<Holder[]> {
  const rows: { id: string; title: string }[] = await m.query(
    `select id, title from evidence where frameworkId = ? and code = ? and deletedAt is null`,
    [frameworkId, code],
  );
  if (rows.length < 2) return [];
  const metas = await loadMetas(
    m,
    rows.map((r) => ({ entity: 'Evidence', rowId: r.id })),
  );
  // A code edit still waiting to be pushed is not on the server, whatever seq an older code had.
  const pending = new Set(
    (
      (await m.query(
        `select distinct rowId from change_log where entity = 'Evidence' and pushedAt is null and json_extract(data, '$.code') is not null
         and rowId in (${rows.map(() => '?').join(', ')})`,
        rows.map((r) => r.id),
      )) as { rowId: string }[]
    ).map((r) => r.rowId),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    codeSeq: pending.has(r.id) ? null : (metas.get(metaKey('Evidence', r.id))?.code ?? null),
  }));
}

async function createdHere(m: EntityManager, id: string): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `select 1 from change_log where entity = 'Evidence' and rowId = ? and op = 'insert' limit 1`,
    [id],
  );
  return rows.length > 0;
}

/**
 * Finds live evidence sharing a code with any of `evidenceIds` (the rows a pull just wrote) and
 * renumbers the losing rows this computer created. Rows created elsewhere stay as they are
 * until their own computer renumbers them. Runs inside the pull's write transaction; one
 * renumbering that fails (e.g. a first criterion the framework no longer has) is undone alone
 * and leaves the duplicate visible in the evidence health report.
 */
export async function settleEvidenceCodes(
  tx: SyncTx,
  evidenceIds: Iterable<string>,
  rulesFor: CodeRulesLookup,
  at: string,
): Promise<CodeRenumbering[]> {
  const m = tx.manager;
  const ids = [...new Set(evidenceIds)];
  const keys = new Map<string, { frameworkId: string; code: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    const rows: { frameworkId: string; code: string }[] = await m.query(
      `select distinct frameworkId, code from evidence where deletedAt is null and id in (${part.map(() => '?').join(', ')})`,
      part,
    );
    for (const r of rows) keys.set(`${r.frameworkId}\u0000${r.code}`, r);
  }
  // A fixed order, so a computer renumbering several rows issues their new codes in code order.
  const ordered = [...keys.values()].sort((a, b) =>
    a.frameworkId !== b.frameworkId
      ? a.frameworkId < b.frameworkId
        ? -1
        : 1
      : compareEvidenceCodes(a.code, b.code) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  const out: CodeRenumbering[] = [];
  for (const { frameworkId, code } of ordered) {
    const [, ...losers] = rankCodeHolders(await holdersOf(m, frameworkId, code));
    for (const loser of losers) {
      if (!(await createdHere(m, loser.id))) continue;
      const rules = await rulesFor(frameworkId);
      if (!rules) continue;
      await m.query('SAVEPOINT settle_code');
      try {
        const r = await renumberEvidence(tx, rules, loser.id);
        await m.query('RELEASE SAVEPOINT settle_code');
        out.push({ evidenceId: loser.id, frameworkId, title: r.title, oldCode: r.oldCode, newCode: r.newCode, at });
      } catch {
        await m.query('ROLLBACK TO SAVEPOINT settle_code');
        await m.query('RELEASE SAVEPOINT settle_code');
      }
    }
  }
  return out;
}
