/**
 * Assets benchmark at school-district scale (default 50,000 assets), each operation next to the
 * same work done with raw better-sqlite3 prepared statements (no validation, no change log,
 * no ledger), printing seconds, the ratio and peak RSS (sampled every 20 ms):
 *
 * 1. import of an .xlsx register (streaming reader → validation → one transaction with the
 *    assets, their `recognise` events and change-log rows) vs streaming read + INSERT per row;
 * 2. filtered searches (a: one room + condition + folded text; b: condition + FTS5 over the whole
 *    register; a page of 50 rows + the total) through the router vs the same SQL;
 * 3. stocktake reconciliation of every asset (snapshot vs count lines, follow-ups stored) vs a
 *    GROUP BY over the same tables.
 *
 *   npx tsx bench/assets.bench.ts [--assets 50000] [--queries 200] [--keep]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { openBackend, type Backend } from '../src/backend/backend';
import { openDatabase } from '../src/backend/db/open-database';
import { newId, nowIso } from '../src/backend/db/clock';
import { assetWhere } from '../src/backend/modules/assets/register';
import { readFirstSheet } from '../src/backend/modules/assets/xlsx';
import { databaseFile } from '../src/backend/platform/paths';
import { newConnection } from '../src/backend/transports/connections';
import { fold } from '../src/core/fold';
import { parseVnd, parseVnDate } from '../src/core/assets';
import type { MethodInput, MethodName, MethodOutput } from '../src/contract/methods';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const N = arg('assets', 50_000);
const QUERIES = arg('queries', 200);
const ROOMS = 100;
const keep = process.argv.includes('--keep');

interface Measured {
  seconds: number;
  peakRssMb: number;
}

async function measure(work: () => Promise<void>): Promise<Measured> {
  if (global.gc) global.gc();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  const start = process.hrtime.bigint();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  peak = Math.max(peak, process.memoryUsage.rss());
  return { seconds, peakRssMb: peak / 1024 / 1024 };
}

const fmt = (m: Measured, per?: number) =>
  `${m.seconds.toFixed(per ? 4 : 2).padStart(8)} s${per ? ` (${((m.seconds / per) * 1000).toFixed(2)} ms each)` : ''}  peak RSS ${m.peakRssMb.toFixed(0)} MB`;

function report(title: string, ours: Measured, raw: Measured, per?: number): void {
  console.log(`\n${title}`);
  console.log(`  app (router/services)  ${fmt(ours, per)}`);
  console.log(`  raw better-sqlite3     ${fmt(raw, per)}`);
  console.log(`  ratio app/raw          ${(ours.seconds / raw.seconds).toFixed(1)}×`);
}

const NAMES = [
  'Máy vi tính Dell OptiPlex',
  'Máy chiếu Epson EB-X06',
  'Bàn ghế học sinh 2 chỗ',
  'Tivi Samsung 65 inch',
  'Bộ thí nghiệm Vật lí',
  'Loa kéo di động',
  'Tủ đựng hồ sơ',
  'Máy in Canon LBP',
  'Bảng tương tác',
  'Đàn organ Yamaha',
];
const CONDITIONS = ['Đang sử dụng', 'Hỏng', 'Tốt', 'Mới'];
const CONDITION_CODES = ['dang_hoat_dong', 'hu_hong', 'dang_hoat_dong', 'chua_su_dung'];

/** A register of N rows written with exceljs's streaming writer. */
async function makeRegister(file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false } as never);
  const ws = wb.addWorksheet('Sổ tài sản');
  ws.addRow([
    'STT',
    'Mã tài sản',
    'Tên tài sản',
    'Số lượng',
    'Nguyên giá',
    'Ngày đưa vào sử dụng',
    'Phòng',
    'Tình trạng',
    'Nguồn kinh phí',
    'Hãng sản xuất',
    'Số serial',
  ]).commit();
  for (let i = 0; i < N; i++) {
    const cost = 500_000 + ((i * 7919) % 400) * 100_000;
    ws.addRow([
      i + 1,
      `TS${String(i + 1).padStart(6, '0')}`,
      `${NAMES[i % NAMES.length]} ${i % 97}`,
      1 + (i % 3 === 0 ? 9 : 0),
      i % 2 ? cost : `${cost.toLocaleString('de-DE')} đ`,
      `${String(1 + (i % 28)).padStart(2, '0')}/${String(1 + (i % 12)).padStart(2, '0')}/${2010 + (i % 15)}`,
      `P${String(1 + (i % ROOMS)).padStart(3, '0')}`,
      CONDITIONS[i % CONDITIONS.length],
      i % 5 ? 'Ngân sách' : 'Xã hội hóa',
      i % 4 ? 'Dell' : 'Samsung',
      `SN${i}`,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

let seq = 0;
async function call<M extends MethodName>(
  b: Backend,
  conn: ReturnType<typeof newConnection>,
  method: M,
  params: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const res = await b.router.dispatch(conn, { id: ++seq, method, params });
  if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
  return res.result as MethodOutput<M>;
}

async function main(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-bench-assets-'));
  const xlsx = path.join(root, 'so-tai-san.xlsx');
  console.log(`Assets benchmark: ${N} assets, ${ROOMS} rooms, ${QUERIES} searches — ${root}`);
  const t0 = Date.now();
  await makeRegister(xlsx);
  console.log(
    `register file: ${(fs.statSync(xlsx).size / 1024 / 1024).toFixed(1)} MB written in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );

  // ── app ──
  const dataDir = path.join(root, 'app');
  const b = await openBackend({ dataDir });
  const conn = newConnection('test', true);
  await call(b, conn, 'setup.initialize', {
    school: { name: 'Trường Bench', levels: ['thcs'] },
    admin: { username: 'admin', displayName: 'A', password: 'mat-khau-admin' },
  });
  for (let r = 1; r <= ROOMS; r++)
    await call(b, conn, 'rooms.add', { code: `P${String(r).padStart(3, '0')}`, name: `Phòng ${r}`, roomType: 'phong_hoc' });
  conn.grants.set('x', { handle: 'x', path: xlsx, kind: 'spreadsheet', mode: 'read' });
  let imported: MethodOutput<'assets.import'> | null = null;
  const appImport = await measure(async () => {
    imported = await call(b, conn, 'assets.import', { source: { fileHandle: 'x' }, saveMapping: false });
  });
  if (!imported || (imported as MethodOutput<'assets.import'>).written !== N)
    throw new Error(`import wrote ${JSON.stringify(imported).slice(0, 300)}`);

  // ── raw import: same streaming read, INSERT per row in one transaction ──
  const rawFile = path.join(root, 'raw', 'raw.sqlite');
  fs.mkdirSync(path.dirname(rawFile), { recursive: true });
  const rawDb0 = await openDatabase(rawFile);
  await rawDb0.dataSource.destroy();
  const raw = new Database(rawFile);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  const now = nowIso();
  const schoolId = newId();
  const siteId = newId();
  raw
    .prepare(
      `insert into school (id, createdAt, updatedAt, name, levels, ownership) values (?, ?, ?, 'Raw', '["thcs"]', 'cong_lap')`,
    )
    .run(schoolId, now, now);
  raw
    .prepare(`insert into school_site (id, createdAt, updatedAt, schoolId, name, isMain) values (?, ?, ?, ?, 'Chính', 1)`)
    .run(siteId, now, now, schoolId);
  const rawRooms = new Map<string, string>();
  const insRoom = raw.prepare(`insert into asset_room (id, createdAt, updatedAt, siteId, code, name) values (?, ?, ?, ?, ?, ?)`);
  for (let r = 1; r <= ROOMS; r++) {
    const id = newId();
    const code = `P${String(r).padStart(3, '0')}`;
    insRoom.run(id, now, now, siteId, code, `Phòng ${r}`);
    rawRooms.set(code, id);
  }
  const rawImport = await measure(async () => {
    const sheet = await readFirstSheet({ path: xlsx });
    const ins = raw.prepare(
      `insert into asset (id, createdAt, updatedAt, code, name, quantity, costVnd, remainingVnd, putInUseDate, roomId, siteId, condition, fundingSource, brand, serial, assetClass, category, searchText) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'tangible.5', 'fixed', ?)`,
    );
    raw.transaction(() => {
      for (const row of sheet.rows.slice(1)) {
        const v = row.values;
        const cost = parseVnd(v[4] as string | number);
        const date = parseVnDate(v[5] as string);
        const name = String(v[2]);
        ins.run(
          newId(),
          now,
          now,
          v[1],
          name,
          v[3],
          cost.ok ? cost.value : 0,
          cost.ok ? cost.value : 0,
          date.ok ? date.value : null,
          rawRooms.get(String(v[6])) ?? null,
          siteId,
          CONDITION_CODES[CONDITIONS.indexOf(String(v[7]))] ?? 'dang_hoat_dong',
          'ngan_sach',
          v[9],
          v[10],
          fold(`${String(v[1])} ${name} ${String(v[9])} ${String(v[10])}`),
        );
      }
    })();
  });
  raw.exec('ANALYZE "asset"');
  report(`1. Import ${N} rows from .xlsx (${(fs.statSync(xlsx).size / 1024 / 1024).toFixed(1)} MB)`, appImport, rawImport);

  // ── search ──
  const rooms = await call(b, conn, 'rooms.list', {});
  const words = ['dell', 'may chieu', 'ban ghe', 'tivi samsung'];
  const rawRoomIds = [...rawRooms.values()];
  // Raw: the very SQL the list builds (same plan), run with prepared statements and no mapping.
  const rawQuery = (f: Parameters<typeof assetWhere>[0]) => {
    const { sql, params } = assetWhere(f);
    raw.prepare(`SELECT a.* FROM asset a WHERE ${sql} ORDER BY a."code" ASC LIMIT 50 OFFSET 0`).all(...params);
    return (raw.prepare(`SELECT count(*) AS n FROM asset a WHERE ${sql}`).get(...params) as { n: number }).n;
  };

  let hits = 0;
  const appRoom = await measure(async () => {
    for (let i = 0; i < QUERIES; i++)
      hits += (
        await call(b, conn, 'assets.list', {
          roomId: rooms[i % ROOMS]!.id,
          q: words[i % 4]!,
          condition: 'dang_hoat_dong',
          limit: 50,
        })
      ).total;
  });
  let rawHits = 0;
  const rawRoom = await measure(async () => {
    for (let i = 0; i < QUERIES; i++)
      rawHits += rawQuery({ roomId: rawRoomIds[i % ROOMS]!, q: words[i % 4]!, condition: 'dang_hoat_dong' });
  });
  report(
    `2a. Search in one room (room + condition + folded text; page of 50 + total), ${QUERIES} queries over ${N} assets [hits ${hits} / ${rawHits}]`,
    appRoom,
    rawRoom,
    QUERIES,
  );

  let hitsAll = 0;
  const appAll = await measure(async () => {
    for (let i = 0; i < QUERIES; i++)
      hitsAll += (await call(b, conn, 'assets.list', { q: words[i % 4]!, condition: 'dang_hoat_dong', limit: 50 })).total;
  });
  let rawHitsAll = 0;
  const rawAll = await measure(async () => {
    for (let i = 0; i < QUERIES; i++) rawHitsAll += rawQuery({ q: words[i % 4]!, condition: 'dang_hoat_dong' });
  });
  report(
    `2b. Search the whole register for common words (condition + FTS5 trigram; page of 50 + total; worst case: each word is in 10–75 % of rows), ${QUERIES} queries over ${N} assets [hits ${hitsAll} / ${rawHitsAll}]`,
    appAll,
    rawAll,
    QUERIES,
  );

  let hitsRare = 0;
  const rare = (i: number) => `SN${(i * 7919) % N}`;
  const appRare = await measure(async () => {
    for (let i = 0; i < QUERIES; i++) hitsRare += (await call(b, conn, 'assets.list', { q: rare(i), limit: 50 })).total;
  });
  let rawHitsRare = 0;
  const rawRare = await measure(async () => {
    for (let i = 0; i < QUERIES; i++) rawHitsRare += rawQuery({ q: rare(i) });
  });
  report(
    `2c. Search the whole register for a serial number (FTS5 trigram; page of 50 + total), ${QUERIES} queries [hits ${hitsRare} / ${rawHitsRare}]`,
    appRare,
    rawRare,
    QUERIES,
  );

  // ── stocktake reconciliation ──
  const st = await call(b, conn, 'stocktake.create', { name: 'Kiểm kê bench' });
  // Count lines straight into the table (the setup is not what is measured): 97 % found in place,
  // 1 % in another room, 2 % not found, plus 500 unknown codes.
  const w = new Database(databaseFile(dataDir));
  const assetsRaw = w.prepare(`SELECT id, code, roomId, quantity FROM asset ORDER BY code`).all() as {
    id: string;
    code: string;
    roomId: string;
    quantity: number;
  }[];
  const insLine = w.prepare(
    `insert into asset_stocktake_line (id, createdAt, updatedAt, stocktakeId, code, assetId, roomId, foundQuantity, counter, method, countedAt) values (?, ?, ?, ?, ?, ?, ?, ?, 'Bench', 'scan', ?)`,
  );
  w.transaction(() => {
    assetsRaw.forEach((a, i) => {
      if (i % 50 === 7) return;
      const room = i % 100 === 3 ? rooms[(i + 1) % ROOMS]!.id : a.roomId;
      insLine.run(newId(), now, now, st.id, a.code, a.id, room, a.quantity, now);
    });
    for (let u = 0; u < 500; u++) insLine.run(newId(), now, now, st.id, `LA-${u}`, null, rooms[u % ROOMS]!.id, 1, now);
  })();
  w.close();
  let rec: MethodOutput<'stocktake.reconcile'> | null = null;
  const appRec = await measure(async () => {
    rec = await call(b, conn, 'stocktake.reconcile', { id: st.id, limit: 500 });
  });
  // Raw: the same snapshot-vs-lines comparison as one GROUP BY, classified in JS.
  const rw = new Database(databaseFile(dataDir), { readonly: true });
  let rawSummary = { missing: 0, misplaced: 0, surplus: 0, unknown: 0 };
  const rawRec = await measure(async () => {
    const rows = rw
      .prepare(
        `SELECT b.assetId, b.roomId, b.quantity, coalesce(sum(l.foundQuantity), 0) AS found, coalesce(sum(CASE WHEN l.roomId = b.roomId THEN l.foundQuantity ELSE 0 END), 0) AS inRoom
         FROM asset_stocktake_book b LEFT JOIN asset_stocktake_line l ON l.stocktakeId = b.stocktakeId AND l.assetId = b.assetId AND l.deletedAt IS NULL
         WHERE b.stocktakeId = ? AND b.inBooks = 1 GROUP BY b.seq`,
      )
      .all(st.id) as { quantity: number; found: number; inRoom: number }[];
    const s = { missing: 0, misplaced: 0, surplus: 0, unknown: 0 };
    for (const r of rows) {
      if (r.found < r.quantity) s.missing++;
      if (r.found > r.quantity) s.surplus++;
      if (r.found - r.inRoom > 0 && r.inRoom < r.quantity) s.misplaced++;
    }
    s.unknown = (
      rw
        .prepare(`SELECT count(*) AS n FROM asset_stocktake_line WHERE stocktakeId = ? AND assetId IS NULL AND deletedAt IS NULL`)
        .get(st.id) as { n: number }
    ).n;
    rawSummary = s;
  });
  rw.close();
  const r = rec as unknown as MethodOutput<'stocktake.reconcile'>;
  report(
    `3. Stocktake reconciliation of ${N} items (${r.total.itemsMissing} missing, ${r.total.misplacedQuantity} misplaced units, ${r.unknown.length} unknown codes, ${r.followUps.length} follow-ups stored) [raw: ${JSON.stringify(rawSummary)}]`,
    appRec,
    rawRec,
  );

  raw.close();
  await b.close();
  if (!keep) fs.rmSync(root, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
