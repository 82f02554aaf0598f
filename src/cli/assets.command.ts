import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatVnd } from '../core/assets';
import type { Room, Stocktake } from '../contract/schemas/assets';
import { EXPORT_LISTS } from '../contract/schemas/assets';
import { assetsContext } from '../backend/modules/assets/handlers';
import {
  exportAssets,
  exportBuildings,
  exportEvents,
  exportRooms,
  exportStocktakeLines,
} from '../backend/modules/assets/exports';
import { prepareImport, writeImport } from '../backend/modules/assets/import';
import { readFirstSheet } from '../backend/modules/assets/xlsx';
import { defaultResourcesDir } from '../backend/platform/paths';
import { CliError, printResult, type CliContext } from './output';
import { resolveDataDir, withLocal, type LocalBackend } from './local-backend';

const CLI_ACTOR = 'cli';

function globals(cmd: Command): { dataDir: string; json: boolean } {
  const o = cmd.optsWithGlobals() as { dataDir?: string; json?: boolean };
  return { dataDir: resolveDataDir(o.dataDir), json: Boolean(o.json) };
}

function int(flag: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new CliError(`${flag} phải là số nguyên${min > 0 ? ' dương' : ' không âm'}: "${value}"`);
  return n;
}

function num(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n) || n < 0) throw new CliError(`${flag} phải là số không âm: "${value}"`);
  return n;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A room named by code (as people type it) or by id. */
async function resolveRoom(local: LocalBackend, ref: string): Promise<Room> {
  const rooms = await local.call('rooms.list', {});
  const hit = UUID_RE.test(ref)
    ? rooms.find((r) => r.id === ref)
    : rooms.find((r) => r.code.toLowerCase() === ref.trim().toLowerCase());
  if (!hit) throw new CliError(`Không có phòng "${ref}". Xem danh sách bằng "truong-chuan rooms list".`);
  return hit;
}

/** A stocktake named by id, or by its exact name. */
async function resolveStocktake(local: LocalBackend, ref: string): Promise<Stocktake> {
  if (UUID_RE.test(ref)) return local.call('stocktake.get', { id: ref });
  const hit = (await local.call('stocktake.list', {})).find((s) => s.name === ref);
  if (!hit) throw new CliError(`Không có đợt kiểm kê "${ref}".`);
  return hit;
}

function existingFile(file: string): string {
  const p = path.resolve(file);
  if (!fs.existsSync(p) || !fs.statSync(p).isFile()) throw new CliError(`Không tìm thấy tệp ${p}`);
  return p;
}

export function registerAssetsCommands(program: Command, ctx: CliContext): void {
  // ───────────── assets ─────────────
  const assets = program.command('assets').description('Sổ tài sản, thiết bị');

  assets
    .command('import')
    .description('Nhập sổ tài sản từ tệp Excel (.xlsx): tất cả các dòng hoặc không dòng nào')
    .argument('<file>', 'tệp .xlsx')
    .option('--dry-run', 'chỉ kiểm tra, không ghi')
    .option('--update-existing', 'dòng có mã đã có trong sổ thì cập nhật tài sản đó')
    .action(async (file: string, o: { dryRun?: boolean; updateExisting?: boolean }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const source = existingFile(file);
      const result = await withLocal(dataDir, async (local) => {
        const b = local.backend;
        const actx = assetsContext(defaultResourcesDir());
        const sheet = await readFirstSheet({ path: source });
        const wear = await actx.wear(b.readSource.manager);
        const opts = { updateExisting: Boolean(o.updateExisting), dryRun: Boolean(o.dryRun), cats: actx.cats, wear };
        if (o.dryRun) return (await prepareImport(b.readSource.manager, sheet, opts)).result;
        return b.writes.run(CLI_ACTOR, async (tx) => {
          const prepared = await prepareImport(tx.manager, sheet, opts);
          sheet.rows.length = 0; // the prepared rows are all that is needed now
          if (prepared.result.errors.length > 0) return prepared.result;
          return writeImport(tx, prepared, wear, true);
        });
      });
      printResult(ctx, json, result, () =>
        [
          `${result.dryRun ? 'Kiểm tra' : 'Nhập'} ${result.rows} dòng: ${result.valid} hợp lệ, ${result.errors.length} lỗi; đã ghi ${result.written} (${result.created} mới, ${result.updated} cập nhật).`,
          ...(result.newRooms.length ? [`Phòng mới: ${result.newRooms.join(', ')}`] : []),
          ...result.errors.map((e) => `  Dòng ${e.row}, cột ${e.column}: ${e.message}`),
          ...(result.errors.length && !result.dryRun ? ['Không ghi dòng nào. Sửa các lỗi trên rồi nhập lại.'] : []),
        ].join('\n'),
      );
      if (result.errors.length > 0 && !result.dryRun) process.exitCode = 1;
    });

  assets
    .command('export')
    .description('Xuất danh sách ra Excel (cùng tiêu đề cột mà lệnh nhập hiểu được)')
    .requiredOption('--out <file>', 'tệp .xlsx đích')
    .option('--list <name>', `danh sách (${EXPORT_LISTS.join(', ')})`, 'assets')
    .option('--stocktake <id>', 'đợt kiểm kê (với --list stocktakeLines)')
    .action(async (o: { out: string; list: string; stocktake?: string }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      if (!(EXPORT_LISTS as readonly string[]).includes(o.list))
        throw new CliError(`--list không hợp lệ: "${o.list}". Dùng: ${EXPORT_LISTS.join(', ')}`);
      const out = path.resolve(o.out);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const r = await withLocal(dataDir, async (local) => {
        const m = local.backend.readSource.manager;
        const cats = assetsContext(defaultResourcesDir()).cats;
        switch (o.list) {
          case 'rooms':
            return exportRooms(m, cats, out);
          case 'buildings':
            return exportBuildings(m, cats, out);
          case 'events':
            return exportEvents(m, out);
          case 'stocktakeLines':
            return exportStocktakeLines(m, o.stocktake ? (await resolveStocktake(local, o.stocktake)).id : undefined, out);
          default:
            return exportAssets(m, cats, {}, out);
        }
      });
      const result = { file: out, list: o.list, rows: r.rows, bytes: fs.statSync(out).size };
      printResult(ctx, json, result, () => `Đã xuất ${r.rows} dòng vào ${out}`);
    });

  assets
    .command('list')
    .description('Danh sách tài sản (lọc theo phòng, tìm không dấu)')
    .option('--room <code>', 'mã phòng')
    .option('--q <text>', 'tìm theo mã, tên, model, hãng, serial… (không cần dấu)')
    .option('--limit <n>', 'số dòng tối đa', '50')
    .option('--offset <n>', 'bỏ qua n dòng đầu', '0')
    .action(async (o: { room?: string; q?: string; limit: string; offset: string }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const limit = int('--limit', o.limit, 1)!;
      const offset = int('--offset', o.offset)!;
      const r = await withLocal(dataDir, async (local) => {
        const roomId = o.room ? (await resolveRoom(local, o.room)).id : undefined;
        return local.call('assets.list', { ...(roomId ? { roomId } : {}), ...(o.q ? { q: o.q } : {}), limit, offset });
      });
      printResult(ctx, json, r, () =>
        [
          ...r.items.map((a) => `${a.code}\t${a.name}\t${a.roomCode ?? '—'}\t${a.quantity} ${a.unit}\t${formatVnd(a.costVnd)} đ`),
          `(${r.items.length}/${r.total})`,
        ].join('\n'),
      );
    });

  // ───────────── rooms ─────────────
  const rooms = program.command('rooms').description('Phòng, khu vực');
  rooms
    .command('add')
    .description('Thêm phòng')
    .requiredOption('--code <code>', 'mã phòng (duy nhất)')
    .requiredOption('--name <name>', 'tên phòng')
    .option('--type <roomType>', 'loại phòng theo danh mục (vd. phong_hoc, bm_tin_hoc)', 'phong_khac')
    .option('--block <block>', 'khối chức năng (mặc định: theo loại phòng)')
    .option('--area <m2>', 'diện tích (m²)')
    .option('--seats <n>', 'số chỗ ngồi')
    .option('--floor <n>', 'tầng')
    .option('--construction <type>', 'kết cấu: kien_co, ban_kien_co, tam')
    .option('--person <name>', 'người phụ trách', '')
    .option('--internet', 'có kết nối Internet')
    .action(
      async (
        o: {
          code: string;
          name: string;
          type: string;
          block?: string;
          area?: string;
          seats?: string;
          floor?: string;
          construction?: string;
          person: string;
          internet?: boolean;
        },
        cmd: Command,
      ) => {
        const { dataDir, json } = globals(cmd);
        if (o.construction && !['kien_co', 'ban_kien_co', 'tam'].includes(o.construction))
          throw new CliError(`--construction không hợp lệ: "${o.construction}". Dùng: kien_co, ban_kien_co, tam`);
        const room = await withLocal(dataDir, (local) =>
          local.call('rooms.add', {
            code: o.code,
            name: o.name,
            roomType: o.type,
            ...(o.block ? { block: o.block } : {}),
            areaM2: num('--area', o.area) ?? null,
            seats: int('--seats', o.seats) ?? null,
            floor: int('--floor', o.floor, -5) ?? null,
            constructionType: (o.construction as 'kien_co' | 'ban_kien_co' | 'tam' | undefined) ?? null,
            personInCharge: o.person,
            internet: Boolean(o.internet),
          }),
        );
        printResult(ctx, json, room, () => `Đã thêm phòng ${room.code} — ${room.name}`);
      },
    );
  rooms
    .command('list')
    .description('Danh sách phòng')
    .option('--q <text>', 'tìm theo mã, tên, người phụ trách')
    .action(async (o: { q?: string }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const list = await withLocal(dataDir, (local) => local.call('rooms.list', o.q ? { q: o.q } : {}));
      printResult(
        ctx,
        json,
        list,
        () =>
          list.map((r) => `${r.code}\t${r.name}\t${r.roomType}\t${r.areaM2 ?? '—'} m²\t${r.assetCount} tài sản`).join('\n') ||
          'Chưa có phòng nào.',
      );
    });

  // ───────────── stocktake ─────────────
  const st = program.command('stocktake').description('Kiểm kê tài sản');
  st.command('create')
    .description('Mở đợt kiểm kê: chốt số liệu sổ sách tại thời điểm tạo')
    .requiredOption('--name <name>', 'tên đợt kiểm kê')
    .option('--rooms <codes>', 'mã phòng trong phạm vi, cách nhau bởi dấu phẩy (mặc định: mọi phòng)')
    .option('--decision-no <text>', 'số quyết định thành lập ban kiểm kê', '')
    .option('--decision-date <YYYY-MM-DD>', 'ngày quyết định')
    .action(async (o: { name: string; rooms?: string; decisionNo: string; decisionDate?: string }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const s = await withLocal(dataDir, async (local) => {
        const roomIds: string[] = [];
        for (const code of (o.rooms ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean))
          roomIds.push((await resolveRoom(local, code)).id);
        return local.call('stocktake.create', {
          name: o.name,
          roomIds,
          decisionNo: o.decisionNo,
          ...(o.decisionDate ? { decisionDate: o.decisionDate } : {}),
        });
      });
      printResult(
        ctx,
        json,
        s,
        () =>
          `Đã mở đợt kiểm kê "${s.name}" (${s.id}): ${s.book.items} tài sản theo sổ, nguyên giá ${formatVnd(s.book.costVnd)} đ`,
      );
    });
  st.command('scan')
    .description('Ghi một mã quét/gõ được và cho biết ngay kết quả')
    .argument('<session>', 'mã (id) hoặc tên đợt kiểm kê')
    .argument('<code>', 'mã tài sản')
    .option('--room <code>', 'phòng đang kiểm đếm')
    .option('--counter <name>', 'người kiểm đếm', '')
    .option('--quantity <n>', 'số lượng (bộ/đồ dùng theo số lượng)', '1')
    .action(async (session: string, code: string, o: { room?: string; counter: string; quantity: string }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const quantity = int('--quantity', o.quantity, 1)!;
      const r = await withLocal(dataDir, async (local) => {
        const s = await resolveStocktake(local, session);
        const roomId = o.room ? (await resolveRoom(local, o.room)).id : null;
        return local.call('stocktake.scan', { id: s.id, code, roomId, counter: o.counter, quantity });
      });
      printResult(ctx, json, r, () => `${r.status.toUpperCase()}: ${r.message}`);
    });
  st.command('reconcile')
    .description('Đối chiếu sổ sách với kết quả kiểm đếm; lập danh sách đề xuất xử lý')
    .argument('<session>', 'mã (id) hoặc tên đợt kiểm kê')
    .action(async (session: string, _o: unknown, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const r = await withLocal(dataDir, async (local) =>
        local.call('stocktake.reconcile', { id: (await resolveStocktake(local, session)).id }),
      );
      printResult(ctx, json, r, () =>
        [
          `Theo sổ: ${r.total.book.quantity} (${formatVnd(r.total.book.costVnd)} đ); thực tế: ${r.total.actual.quantity}; thiếu ${r.total.missing.quantity}, thừa ${r.total.surplus.quantity}, sai vị trí ${r.total.misplacedQuantity}, hư hỏng ${r.total.brokenQuantity}`,
          ...r.followUps.map((f) => `  [${f.decision}] ${f.kind} ${f.code ?? ''} × ${f.quantity}: ${f.reason}`),
        ].join('\n'),
      );
    });
  st.command('close')
    .description('Kết thúc kiểm kê: áp dụng các đề xuất đã chấp nhận vào sổ (một giao dịch); sau đó chỉ được xem')
    .argument('<session>', 'mã (id) hoặc tên đợt kiểm kê')
    .option('--decision <text>', 'ý kiến giải quyết số chênh lệch của thủ trưởng')
    .option('--accept-all', 'chấp nhận mọi đề xuất còn chờ (tài sản thiếu: chỉ ghi nhận, không ghi giảm)')
    .action(async (session: string, o: { decision?: string; acceptAll?: boolean }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const r = await withLocal(dataDir, async (local) => {
        const s = await resolveStocktake(local, session);
        if (o.acceptAll) {
          const rec = await local.call('stocktake.reconcile', { id: s.id });
          for (const f of rec.followUps.filter((x) => x.decision === 'pending')) {
            await local.call('stocktake.decide', {
              id: s.id,
              followUpId: f.id,
              decision: 'accepted',
              ...(f.kind === 'investigate' ? { action: 'record' as const } : {}),
            });
          }
        }
        return local.call('stocktake.close', {
          id: s.id,
          ...(o.decision !== undefined ? { principalDecision: o.decision } : {}),
        });
      });
      printResult(ctx, json, r, () => {
        const a = r.applied;
        return `Đã kết thúc "${r.stocktake.name}": ghi tăng ${a.recognised}, điều chuyển ${a.moved}, ghi giảm ${a.writtenOff}, ghi nhận thiếu ${a.recorded}, đề nghị thanh lý ${a.disposalCandidates}, không xử lý ${a.rejected}; ${r.events} nghiệp vụ.`;
      });
    });
  st.command('list')
    .description('Các đợt kiểm kê')
    .action(async (_o: unknown, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const list = await withLocal(dataDir, (local) => local.call('stocktake.list', {}));
      printResult(
        ctx,
        json,
        list,
        () => list.map((s) => `${s.id}\t${s.status}\t${s.name}\t${s.lineCount} dòng`).join('\n') || 'Chưa có đợt kiểm kê nào.',
      );
    });

  // ───────────── wear ─────────────
  const wear = program.command('wear').description('Hao mòn tài sản cố định (TT 141/2025)');
  wear
    .command('run')
    .description('Tính hao mòn năm (một lần mỗi năm; --rerun đảo bút toán cũ rồi tính lại)')
    .requiredOption('--year <n>', 'năm tài chính')
    .option('--rerun', 'tính lại năm đã tính')
    .action(async (o: { year: string; rerun?: boolean }, cmd: Command) => {
      const { dataDir, json } = globals(cmd);
      const year = int('--year', o.year, 1990)!;
      const r = await withLocal(dataDir, (local) => local.call('wear.run', { year, rerun: Boolean(o.rerun) }));
      printResult(ctx, json, r, () =>
        [
          `Hao mòn năm ${r.run.year}: ${r.run.assetCount} tài sản, ${formatVnd(r.run.totalVnd)} đ${r.reversedRunId ? ' (đã đảo lần tính trước)' : ''}`,
          ...r.skipped.map((s) => `  Bỏ qua ${s.code}: ${s.reason}`),
        ].join('\n'),
      );
    });
}
