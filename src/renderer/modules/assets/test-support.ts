/**
 * Component tests only: a FakeBridge that also serves the assets and stocktake RPCs from
 * memory. Params are validated with the contract's schemas and access is checked from the
 * contract, so screens meet the same error shapes as with the real backend. The rules kept
 * here (scan outcomes, follow-up decisions, import all-or-nothing) mirror the backend's;
 * import results are scripted per file name, since the fake does not read Excel.
 */
import { contract, type MethodName } from '../../../contract/methods';
import { RpcError, type RpcResponse } from '../../../contract/rpc';
import type { Asset, AssetEvent, FollowUp, ImportResult, Room, Stocktake, StocktakeLine } from '../../../contract/schemas/assets';
import type { Role } from '../../../contract/schemas/common';
import { fold } from '../../../core/fold';
import { FakeBridge, seededBridge } from '../../test/fake-bridge';

type Params = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const NOW = '2026-03-15T08:30:00.000Z';

/** A stable UUID for a readable name (ids must be UUIDs, as the contract says). */
export function uid(name: string): string {
  let hex = '';
  for (let lane = 0; hex.length < 32; lane++) {
    let h = (0x811c9dc5 ^ (lane * 0x9e3779b1)) >>> 0;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const SESSION_ID = uid('st-1');

export const CATALOGS = {
  classes: [
    { code: 'tangible.5', category: 'fixed', label: 'Máy móc, thiết bị', wearExempt: false },
    { code: 'tool', category: 'tool', label: 'Công cụ, dụng cụ', wearExempt: true },
  ],
  conditions: [
    { code: 'dang_hoat_dong', label: 'Đang hoạt động', variant: 'pho_thong', broken: false },
    { code: 'hu_hong', label: 'Đang hư hỏng', variant: 'pho_thong', broken: true },
    { code: 'chua_su_dung', label: 'Chưa sử dụng', variant: 'pho_thong', broken: false },
  ],
  lifecycleStates: [
    { code: 'in_use', label: 'Đang sử dụng' },
    { code: 'lost', label: 'Bị mất, bị hủy hoại' },
  ],
  origins: [{ code: 'mua_sam', label: 'Mua sắm' }],
  fundingSources: [
    { code: 'ngan_sach', label: 'Ngân sách nhà nước' },
    { code: 'xa_hoi_hoa', label: 'Xã hội hoá' },
  ],
  blocks: [{ code: 'hoc_tap', label: 'Khối phòng học tập', levels: ['thcs'] }],
  roomTypes: [{ code: 'phong_hoc', label: 'Phòng học', block: 'hoc_tap', levels: ['thcs'], subjectRoom: false }],
  wearGroups: [{ key: '5.1', name: 'Máy vi tính', usefulLifeYears: 7, ratePercent: 14.29, verified: false }],
  equipmentLists: [],
  provinceOverrides: [],
};

export function room(code: string, name = `Phòng ${code}`): Room {
  return {
    id: uid(`room-${code}`),
    siteId: uid('site-1'),
    buildingId: null,
    buildingName: null,
    code,
    name,
    floor: null,
    block: 'hoc_tap',
    roomType: 'phong_hoc',
    areaM2: null,
    seats: null,
    constructionType: null,
    effectiveConstructionType: null,
    meetsTt14: null,
    personInCharge: '',
    internet: false,
    status: 'in_use',
    inUseFromYear: null,
    inUseToYear: null,
    note: '',
    assetCount: 0,
    pcCount: 0,
    rev: 1,
    updatedAt: NOW,
  };
}

export function asset(code: string, name: string, roomOf: Room | null, fields: Partial<Asset> = {}): Asset {
  return {
    id: uid(`asset-${code}`),
    code,
    name,
    model: '',
    brand: '',
    serial: '',
    originCountry: '',
    yearMade: null,
    unit: 'cái',
    tracking: 'unit',
    quantity: 1,
    assetClass: 'tangible.5',
    category: 'fixed',
    categoryReason: '',
    wearGroupKey: null,
    usefulLifeYears: 7,
    wearRatePercent: null,
    costVnd: 12_000_000,
    costParts: null,
    accumulatedWearVnd: 0,
    remainingVnd: 12_000_000,
    lastWearYear: null,
    fundingSource: 'ngan_sach',
    acquiredVia: 'mua_sam',
    documentNo: '',
    documentDate: null,
    handoverDate: null,
    putInUseDate: '2024-09-15',
    bookedDate: null,
    siteId: uid('site-1'),
    roomId: roomOf?.id ?? null,
    roomCode: roomOf?.code ?? null,
    roomName: roomOf?.name ?? null,
    custodian: '',
    condition: 'dang_hoat_dong',
    conditionCounts: null,
    lifecycleState: 'in_use',
    disposalCandidate: false,
    warrantyUntil: null,
    it: null,
    equipmentItemCode: '',
    specs: '',
    notes: '',
    attachments: [],
    createdAt: NOW,
    updatedAt: NOW,
    rev: 1,
    ...fields,
  };
}

export function session(fields: Partial<Stocktake> = {}): Stocktake {
  return {
    id: SESSION_ID,
    name: 'Kiểm kê cuối năm 2025',
    decisionNo: '45/QĐ-THCS',
    decisionDate: '2025-12-20',
    members: [{ name: 'Trần Văn Hiệu', title: 'Phó hiệu trưởng', representing: 'Ban giám hiệu', role: 'chair' }],
    roomIds: [],
    cutoffAt: '2025-12-31T10:00:00.000Z',
    status: 'counting',
    principalDecision: '',
    closedAt: null,
    book: { items: 0, quantity: 0, costVnd: 0, remainingVnd: 0 },
    lineCount: 0,
    rev: 1,
    createdAt: NOW,
    ...fields,
  };
}

export function followUp(id: string, kind: FollowUp['kind'], code: string | null, fields: Partial<FollowUp> = {}): FollowUp {
  return {
    id: uid(id),
    kind,
    assetId: code && kind !== 'recognise' ? uid(`asset-${code}`) : null,
    code,
    name: null,
    quantity: 1,
    fromRoomId: null,
    toRoomId: null,
    reason: `Đề xuất ${kind}`,
    article: '',
    decision: 'pending',
    action: null,
    details: null,
    decidedBy: null,
    decidedAt: null,
    ...fields,
  };
}

const zeroAmounts = { quantity: 0, costVnd: 0, remainingVnd: 0 };
const zeroTotals = {
  items: 0,
  itemsFound: 0,
  itemsMissing: 0,
  book: zeroAmounts,
  actual: zeroAmounts,
  difference: zeroAmounts,
  missing: zeroAmounts,
  surplus: zeroAmounts,
  misplacedQuantity: 0,
  brokenQuantity: 0,
};

export class AssetsBridge extends FakeBridge {
  rooms: Room[] = [];
  assets: Asset[] = [];
  events: AssetEvent[] = [];
  sessions: Stocktake[] = [];
  lines: StocktakeLine[] = [];
  followUps: FollowUp[] = [];
  /** Scripted answers of assets.import, by file name and dry run. */
  importResults = new Map<string, ImportResult>();
  preview: unknown = null;
  reconcileExtra: Partial<{ total: typeof zeroTotals; items: unknown[]; unknown: unknown[] }> = {};

  override async invoke(method: MethodName, params: unknown): Promise<RpcResponse> {
    const mine = /^(assets|rooms|buildings|wear|stocktake)\./.test(method);
    if (!mine) return super.invoke(method, params);
    this.calls.push({ method, params });
    const id = this.calls.length;
    try {
      const spec = contract[method];
      const parsed = spec.input.safeParse(params ?? {});
      if (!parsed.success) {
        const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
        throw new RpcError('INVALID_ARGS', 'Dữ liệu không hợp lệ', fields);
      }
      const user = this.state.users.find((u) => u.id === this.state.sessionUserId);
      if (!user) throw new RpcError('UNAUTHENTICATED', 'Vui lòng đăng nhập');
      if (Array.isArray(spec.access) && !spec.access.includes(user.role)) throw new RpcError('FORBIDDEN', 'Không có quyền');
      return { id, ok: true, result: structuredClone(this.handle(method, parsed.data as Params)) };
    } catch (err) {
      if (err instanceof RpcError) return { id, ok: false, error: err.toBody() };
      throw err;
    }
  }

  private session(id: string): Stocktake {
    const s = this.sessions.find((x) => x.id === id);
    if (!s) throw new RpcError('NOT_FOUND', 'Không tìm thấy đợt kiểm kê.');
    return s;
  }

  private open(id: string): Stocktake {
    const s = this.session(id);
    if (s.status === 'closed') throw new RpcError('CONFLICT', 'Đợt kiểm kê đã kết thúc (khoá sổ).');
    return s;
  }

  private handle(method: MethodName, p: Params): unknown {
    switch (method) {
      case 'assets.catalogs':
        return CATALOGS;
      case 'rooms.list':
        return this.rooms;
      case 'buildings.list':
        return [];
      case 'assets.list': {
        let items = this.assets.filter(
          (a) => p.includeRemoved || !['lost', 'liquidated', 'destroyed', 'transferred_out'].includes(a.lifecycleState),
        );
        if (p.roomId !== undefined) items = items.filter((a) => a.roomId === p.roomId);
        if (p.condition) items = items.filter((a) => a.condition === p.condition);
        if (p.q) {
          const q = fold(p.q);
          items = items.filter((a) => fold(`${a.code} ${a.name} ${a.serial}`).includes(q));
        }
        return { items: items.slice(p.offset, p.offset + p.limit), total: items.length, offset: p.offset, limit: p.limit };
      }
      case 'assets.get': {
        const a = this.assets.find((x) => (p.id ? x.id === p.id : x.code === p.code));
        if (!a) throw new RpcError('NOT_FOUND', 'Không tìm thấy tài sản.');
        return a;
      }
      case 'assets.update': {
        const a = this.assets.find((x) => x.id === p.id);
        if (!a) throw new RpcError('NOT_FOUND', 'Không tìm thấy tài sản.');
        if (p.expectedRev !== undefined && p.expectedRev !== a.rev)
          throw new RpcError('CONFLICT', 'Tài sản đã được người khác thay đổi; hãy tải lại.');
        Object.assign(a, p.patch, { rev: a.rev + 1 });
        return a;
      }
      case 'assets.move': {
        for (const id of p.ids) {
          const a = this.assets.find((x) => x.id === id)!;
          const r = this.rooms.find((x) => x.id === p.roomId) ?? null;
          this.events.push(this.event(a.id, 'move', p, { before: { roomId: a.roomId }, after: { roomId: p.roomId } }));
          Object.assign(a, { roomId: r?.id ?? null, roomCode: r?.code ?? null, roomName: r?.name ?? null });
        }
        return { moved: p.ids.length };
      }
      case 'assets.repair': {
        const a = this.assets.find((x) => x.id === p.id)!;
        const e = this.event(a.id, 'repair', p, { costVnd: p.costVnd, description: p.description });
        this.events.push(e);
        return { asset: a, event: e, repairsTotalVnd: p.costVnd, exceedsThreshold: p.costVnd * 100 > a.costVnd * 30 };
      }
      case 'assets.history':
        return this.events.filter((e) => e.assetId === p.id);
      case 'assets.stateAt': {
        const a = this.assets.find((x) => x.id === p.id)!;
        return {
          exists: true,
          code: a.code,
          name: a.name,
          roomId: a.roomId,
          custodian: a.custodian,
          quantity: a.quantity,
          costVnd: a.costVnd,
          accumulatedWearVnd: a.accumulatedWearVnd,
          remainingVnd: a.remainingVnd,
          condition: a.condition,
          lifecycleState: a.lifecycleState,
          fields: {},
          eventCount: 1,
          lastEventId: null,
        };
      }
      case 'assets.importPreview':
        if (!this.preview) throw new RpcError('VALIDATION', 'Không đọc được tệp.');
        return this.preview;
      case 'assets.import': {
        const scripted = this.importResults.get(p.source.fileName);
        if (!scripted) throw new RpcError('VALIDATION', 'Không đọc được tệp.');
        const r = { ...scripted, dryRun: p.dryRun };
        // All or nothing: with errors, or on a dry run, nothing is written.
        if (p.dryRun || r.errors.length > 0) return { ...r, written: 0, created: 0, updated: 0 };
        return { ...r, written: r.valid, created: r.valid };
      }
      case 'stocktake.list':
        return this.sessions;
      case 'stocktake.get':
        return this.session(p.id);
      case 'stocktake.progress': {
        const s = this.session(p.id);
        const scope = s.roomIds.length ? this.rooms.filter((r) => s.roomIds.includes(r.id)) : this.rooms;
        const rows = scope.map((r) => {
          const expected = this.assets.filter((a) => a.roomId === r.id);
          const counted = expected.filter((a) => this.lines.some((l) => l.assetId === a.id && l.roomId === r.id)).length;
          const lines = this.lines.filter((l) => l.roomId === r.id);
          return {
            roomId: r.id,
            roomCode: r.code,
            roomName: r.name,
            expectedItems: expected.length,
            expectedQuantity: expected.length,
            countedItems: counted,
            countedQuantity: counted,
            lines: lines.length,
            counters: [...new Set(lines.map((l) => l.counter).filter(Boolean))],
            percent: expected.length ? Math.round((100 * counted) / expected.length) : 100,
          };
        });
        const exp = rows.reduce((n, r) => n + r.expectedItems, 0);
        const cnt = rows.reduce((n, r) => n + r.countedItems, 0);
        return {
          rooms: rows,
          total: {
            expectedItems: exp,
            countedItems: cnt,
            lines: this.lines.length,
            percent: exp ? Math.round((100 * cnt) / exp) : 100,
          },
        };
      }
      case 'stocktake.lines': {
        const items = this.lines.filter((l) => l.stocktakeId === p.id && (p.roomId === undefined || l.roomId === p.roomId));
        return { items: items.slice(p.offset, p.offset + p.limit), total: items.length };
      }
      case 'stocktake.scan':
        return this.scan(p);
      case 'stocktake.count': {
        this.open(p.id);
        const out = p.lines.map((l: Params) =>
          this.addLine(
            p.id,
            l.code,
            this.assets.find((a) => a.code === l.code)?.id ?? null,
            l.roomId,
            l.foundQuantity,
            l.condition,
            l.counter,
            'manual',
          ),
        );
        return { added: out.length, updated: 0, lines: out };
      }
      case 'stocktake.importCounts': {
        this.open(p.id);
        let added = 0;
        let skipped = 0;
        for (const l of p.file.lines) {
          if (this.lines.some((x) => x.id === l.id)) skipped++;
          else {
            this.lines.push({ ...l, stocktakeId: p.id });
            added++;
          }
        }
        return { added, skipped, rejected: [] };
      }
      case 'stocktake.reconcile':
        this.session(p.id);
        return {
          total: zeroTotals,
          byGroup: [],
          items: [],
          itemsTotal: 0,
          unknown: [],
          followUps: this.followUps,
          warnings: [],
          ...this.reconcileExtra,
        };
      case 'stocktake.decide': {
        this.open(p.id);
        const f = this.followUps.find((x) => x.id === p.followUpId);
        if (!f) throw new RpcError('NOT_FOUND', 'Không tìm thấy đề xuất xử lý (hãy đối chiếu lại).');
        f.decision = p.decision;
        f.action = f.kind === 'investigate' && p.decision === 'accepted' ? (p.action ?? 'record') : null;
        if (p.details) f.details = p.details;
        f.decidedAt = p.decision === 'pending' ? null : NOW;
        return f;
      }
      case 'stocktake.close': {
        const s = this.open(p.id);
        const pending = this.followUps.filter((f) => f.decision === 'pending').length;
        if (pending) throw new RpcError('VALIDATION', `Còn ${pending} đề xuất xử lý chưa quyết định.`);
        s.status = 'closed';
        s.closedAt = NOW;
        return {
          stocktake: s,
          applied: { recognised: 0, moved: 0, writtenOff: 0, recorded: 0, disposalCandidates: 0, rejected: 0 },
          events: this.followUps.filter((f) => f.decision === 'accepted').length,
        };
      }
      default:
        throw new RpcError('UNKNOWN_METHOD', method);
    }
  }

  private event(assetId: string, type: AssetEvent['type'], p: Params, payload: Record<string, unknown>): AssetEvent {
    return {
      id: uid(`event-${this.events.length + 1}`),
      assetId,
      type,
      date: p.date ?? '2026-03-15',
      documentNo: p.documentNo ?? '',
      documentDate: p.documentDate ?? null,
      attachmentSha256: null,
      refId: null,
      payload,
      note: p.note ?? '',
      actor: this.state.sessionUserId,
      createdAt: NOW,
    };
  }

  private addLine(
    stocktakeId: string,
    code: string,
    assetId: string | null,
    roomId: string | null,
    quantity: number,
    condition: StocktakeLine['condition'],
    counter: string,
    method: StocktakeLine['method'],
  ): StocktakeLine {
    const line: StocktakeLine = {
      id: uid(`line-${this.lines.length + 1}`),
      stocktakeId,
      code,
      assetId,
      roomId,
      foundQuantity: quantity,
      condition,
      location: '',
      note: '',
      counter,
      method,
      countedAt: NOW,
      device: 'test',
    };
    this.lines.push(line);
    return line;
  }

  private scan(p: Params) {
    this.open(p.id);
    const code = String(p.code).trim();
    const a = this.assets.find((x) => x.code.toUpperCase() === code.toUpperCase());
    if (!a) {
      const line = this.addLine(p.id, code, null, p.roomId ?? null, p.quantity, p.condition, p.counter, 'scan');
      return { status: 'unknown', message: `Mã "${code}" không có trong sổ tài sản.`, line };
    }
    const ref = { id: a.id, code: a.code, name: a.name, quantity: a.quantity, roomId: a.roomId };
    const bookRoom = this.rooms.find((r) => r.id === a.roomId);
    const expectedRoom = bookRoom ? { id: bookRoom.id, code: bookRoom.code, name: bookRoom.name } : null;
    if (this.lines.some((l) => l.assetId === a.id && l.roomId === (p.roomId ?? null))) {
      return { status: 'duplicate', message: `Đã quét ${a.code} ở phòng này rồi (không ghi thêm).`, asset: ref, expectedRoom };
    }
    const line = this.addLine(p.id, a.code, a.id, p.roomId ?? null, p.quantity, p.condition, p.counter, 'scan');
    if (p.roomId && a.roomId && p.roomId !== a.roomId) {
      return {
        status: 'misplaced',
        message: `${a.code} ${a.name} theo sổ ở phòng ${bookRoom?.code ?? '?'}.`,
        asset: ref,
        expectedRoom,
        line,
      };
    }
    return { status: 'found', message: `Khớp sổ: ${a.code} ${a.name}.`, asset: ref, expectedRoom, line };
  }
}

/** The seeded THCS school, logged in as `role` (admin by default), with the assets RPCs. */
export function assetsBridge(role: Role = 'admin'): AssetsBridge {
  const bridge = new AssetsBridge();
  bridge.state = seededBridge().state;
  if (role === 'admin') bridge.state.sessionUserId = bridge.state.users[0]!.id;
  else bridge.state.sessionUserId = bridge.addUser(`u-${role}`, role).id;
  return bridge;
}
