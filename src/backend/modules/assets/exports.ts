import { IsNull, type EntityManager } from 'typeorm';
import { ASSET_FIELDS, FIELD_LABELS, type AssetField } from '../../../core/assets';
import { RpcError } from '../../../contract/rpc';
import { labelOf, type AssetCatalogs } from './catalogs';
import { BuildingEntity, RoomEntity, StocktakeLineEntity } from './entities';
import { iterateAssets, type AssetFilter } from './register';
import { vnDate } from './reports';
import { VND_FORMAT, addRow, writeXlsx } from './xlsx';

/**
 * Every list to .xlsx with the streaming writer. The asset list uses the very headers the
 * import recognises (FIELD_LABELS), so an export can be edited and imported back
 * ("cập nhật tài sản đã có" by code).
 */

export const EXPORT_FIELDS: AssetField[] = ASSET_FIELDS.filter((f) => f !== 'unitPriceVnd');
const MONEY_FIELDS = new Set<AssetField>(['costVnd', 'remainingVnd', 'accumulatedWearVnd']);

export async function exportAssets(
  m: EntityManager,
  cats: AssetCatalogs,
  filter: AssetFilter,
  file?: string,
): Promise<{ buffer: Buffer | null; rows: number }> {
  const rooms = new Map((await m.getRepository(RoomEntity).find()).map((r) => [r.id, r.code]));
  let rows = 0;
  const buffer = await writeXlsx(
    [
      {
        name: 'So tai san',
        widths: EXPORT_FIELDS.map((f) => (f === 'name' ? 40 : f === 'specs' || f === 'notes' ? 30 : 16)),
        async write(ws) {
          addRow(
            ws,
            EXPORT_FIELDS.map((f) => FIELD_LABELS[f]),
            { bold: true, border: true, center: true },
          );
          const fmt = (i: number) => (MONEY_FIELDS.has(EXPORT_FIELDS[i]!) ? VND_FORMAT : undefined);
          for await (const page of iterateAssets(m, filter)) {
            for (const a of page) {
              const value: Record<AssetField, unknown> = {
                code: a.code,
                name: a.name,
                model: a.model,
                brand: a.brand,
                serial: a.serial,
                origin: a.originCountry,
                yearMade: a.yearMade,
                unit: a.unit,
                quantity: a.quantity,
                costVnd: a.costVnd,
                unitPriceVnd: null,
                remainingVnd: a.remainingVnd,
                accumulatedWearVnd: a.accumulatedWearVnd,
                wearRatePercent: a.wearRatePercent,
                usefulLifeYears: a.usefulLifeYears,
                fundingSource: a.fundingSource ? labelOf(cats.classes.fundingSources, a.fundingSource) : null,
                acquiredVia: labelOf(cats.classes.origins, a.acquiredVia),
                documentNo: a.documentNo,
                documentDate: vnDate(a.documentDate),
                putInUseDate: vnDate(a.putInUseDate),
                room: a.roomId ? (rooms.get(a.roomId) ?? '') : '',
                custodian: a.custodian,
                condition: labelOf(cats.classes.conditions, a.condition),
                assetClass: labelOf(cats.classes.classes, a.assetClass),
                specs: a.specs,
                notes: a.notes,
              };
              ws.addRow(EXPORT_FIELDS.map((f) => value[f] ?? null)).eachCell((cell, col) => {
                const f = fmt(col - 1);
                if (f) cell.numFmt = f;
              });
              rows++;
            }
          }
        },
      },
    ],
    file,
  );
  return { buffer, rows };
}

export async function exportRooms(m: EntityManager, cats: AssetCatalogs, file?: string) {
  const rooms = await m.getRepository(RoomEntity).find({ where: { deletedAt: IsNull() }, order: { code: 'ASC' } });
  const buildings = new Map((await m.getRepository(BuildingEntity).find()).map((b) => [b.id, b]));
  const ct = { kien_co: 'Kiên cố', ban_kien_co: 'Bán kiên cố', tam: 'Tạm' } as Record<string, string>;
  const buffer = await writeXlsx(
    [
      {
        name: 'Phong',
        widths: [12, 30, 24, 8, 30, 30, 12, 10, 14, 24, 10, 14],
        async write(ws) {
          addRow(
            ws,
            [
              'Mã phòng',
              'Tên phòng',
              'Công trình',
              'Tầng',
              'Khối chức năng',
              'Loại phòng',
              'Diện tích (m²)',
              'Số chỗ',
              'Kết cấu',
              'Người phụ trách',
              'Internet',
              'Tình trạng',
            ],
            { bold: true, border: true, center: true },
          );
          for (const r of rooms) {
            const b = r.buildingId ? buildings.get(r.buildingId) : undefined;
            addRow(
              ws,
              [
                r.code,
                r.name,
                b?.name ?? '',
                r.floor,
                labelOf(cats.roomTypes.blocks, r.block),
                labelOf(cats.roomTypes.roomTypes, r.roomType),
                r.areaM2,
                r.seats,
                ct[r.constructionType ?? b?.constructionType ?? ''] ?? '',
                r.personInCharge,
                r.internet ? 'Có' : 'Không',
                r.status === 'in_use' ? 'Đang sử dụng' : r.status === 'under_repair' ? 'Đang sửa chữa' : 'Ngừng sử dụng',
              ],
              { border: true },
            );
          }
        },
      },
    ],
    file,
  );
  return { buffer, rows: rooms.length };
}

export async function exportBuildings(m: EntityManager, cats: AssetCatalogs, file?: string) {
  const rows = await m.getRepository(BuildingEntity).find({ where: { deletedAt: IsNull() }, order: { name: 'ASC' } });
  const ct = { kien_co: 'Kiên cố', ban_kien_co: 'Bán kiên cố', tam: 'Tạm' } as Record<string, string>;
  const buffer = await writeXlsx(
    [
      {
        name: 'Cong trinh',
        widths: [12, 36, 10, 14, 8, 14, 12, 18, 24],
        async write(ws) {
          addRow(
            ws,
            [
              'Mã',
              'Tên công trình',
              'Cấp',
              'Kết cấu',
              'Số tầng',
              'Diện tích sàn (m²)',
              'Năm sử dụng',
              'Nguyên giá',
              'Nguồn kinh phí',
            ],
            { bold: true, border: true, center: true },
          );
          for (const b of rows) {
            addRow(
              ws,
              [
                b.code,
                b.name,
                b.grade,
                ct[b.constructionType] ?? b.constructionType,
                b.floors,
                b.floorAreaM2,
                b.yearInUse,
                b.costVnd,
                labelOf(cats.classes.fundingSources, b.fundingSource, ''),
              ],
              { border: true, numFmt: (i) => (i === 7 ? VND_FORMAT : undefined) },
            );
          }
        },
      },
    ],
    file,
  );
  return { buffer, rows: rows.length };
}

const EVENT_LABEL: Record<string, string> = {
  recognise: 'Ghi tăng',
  edit: 'Sửa thông tin',
  move: 'Điều chuyển nội bộ',
  repair: 'Sửa chữa',
  cost_change: 'Thay đổi nguyên giá',
  wear: 'Hao mòn',
  wear_reversal: 'Đảo hao mòn',
  stocktake_result: 'Kết quả kiểm kê',
  disposal_request: 'Đề nghị xử lý',
  disposal_decision: 'Quyết định xử lý',
  disposal_execution: 'Thực hiện xử lý',
  write_off: 'Ghi giảm',
  declaration: 'Kê khai biến động',
  attachment: 'Đính kèm',
};

export async function exportEvents(m: EntityManager, file?: string) {
  let n = 0;
  const buffer = await writeXlsx(
    [
      {
        name: 'So nghiep vu',
        widths: [12, 14, 40, 20, 16, 12, 60, 30],
        async write(ws) {
          addRow(ws, ['Ngày', 'Mã tài sản', 'Tên tài sản', 'Nghiệp vụ', 'Số chứng từ', 'Ngày chứng từ', 'Thay đổi', 'Ghi chú'], {
            bold: true,
            border: true,
            center: true,
          });
          let after = '';
          for (;;) {
            const rows = (await m.query(
              `SELECT e.id, e.date, e.type, e.documentNo, e.documentDate, e.payload, e.note, a.code, a.name FROM asset_event e JOIN asset a ON a.id = e.assetId WHERE e.id > ? ORDER BY e.id LIMIT 2000`,
              [after],
            )) as {
              id: string;
              date: string;
              type: string;
              documentNo: string;
              documentDate: string | null;
              payload: string;
              note: string;
              code: string;
              name: string;
            }[];
            if (!rows.length) break;
            for (const r of rows) {
              const p = JSON.parse(r.payload) as { before?: Record<string, unknown>; after?: Record<string, unknown> };
              const changes =
                r.type === 'recognise'
                  ? ''
                  : Object.keys(p.after ?? {})
                      .map((k) => `${k}: ${String(p.before?.[k] ?? '')} → ${String(p.after?.[k] ?? '')}`)
                      .join('; ');
              ws.addRow([
                vnDate(r.date),
                r.code,
                r.name,
                EVENT_LABEL[r.type] ?? r.type,
                r.documentNo,
                vnDate(r.documentDate),
                changes,
                r.note,
              ]);
              n++;
            }
            after = rows[rows.length - 1]!.id;
          }
        },
      },
    ],
    file,
  );
  return { buffer, rows: n };
}

export async function exportStocktakeLines(m: EntityManager, stocktakeId: string | undefined, file?: string) {
  if (!stocktakeId) throw new RpcError('VALIDATION', 'Chọn đợt kiểm kê cần xuất.', { stocktakeId: 'Chưa chọn đợt kiểm kê' });
  const lines = await m
    .getRepository(StocktakeLineEntity)
    .find({ where: { stocktakeId, deletedAt: IsNull() }, order: { countedAt: 'ASC', id: 'ASC' } });
  const rooms = new Map((await m.getRepository(RoomEntity).find()).map((r) => [r.id, r.code]));
  const buffer = await writeXlsx(
    [
      {
        name: 'Dong kiem dem',
        widths: [16, 12, 10, 18, 20, 30, 20, 10, 22],
        async write(ws) {
          addRow(
            ws,
            ['Mã tài sản', 'Phòng', 'Số lượng', 'Tình trạng', 'Vị trí', 'Ghi chú', 'Người kiểm đếm', 'Cách ghi', 'Thời điểm'],
            { bold: true, border: true, center: true },
          );
          for (const l of lines)
            addRow(
              ws,
              [
                l.code,
                l.roomId ? (rooms.get(l.roomId) ?? '') : '',
                l.foundQuantity,
                l.condition ?? '',
                l.location,
                l.note,
                l.counter,
                l.method,
                l.countedAt,
              ],
              { border: true },
            );
        },
      },
    ],
    file,
  );
  return { buffer, rows: lines.length };
}
