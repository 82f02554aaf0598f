import fs from 'node:fs';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import type { assetsMethods } from '../../../contract/methods/assets';
import { RpcError } from '../../../contract/rpc';
import type { FileResult, FileSource } from '../../../contract/schemas/assets';
import type { Connection } from '../../rpc/router';
import { BlobStore } from '../evidence/blob-store';
import { actorOf, type HandlersFor, type ModuleDeps } from '../module';
import { effectiveWear, loadAssetCatalogs, type AssetCatalogs } from './catalogs';
import { getSettingsRow, liveAsset, settingsOf, todayIso } from './common';
import { cardDocx, cardXlsx, labelsDocx, registerDocx, registerXlsx, stocktakeDocx, stocktakeXlsx } from './documents';
import { AssetSettingsEntity } from './entities';
import { exportAssets, exportBuildings, exportEvents, exportRooms, exportStocktakeLines } from './exports';
import { prepareImport, preview, writeImport } from './import';
import {
  decideDisposal,
  disposalCheck,
  executeDisposal,
  markDeclared,
  requestDisposal,
  stateAt,
  tasks,
  writeOff,
} from './ledger';
import {
  addBuilding,
  addRoom,
  listBuildings,
  listRooms,
  normsReport,
  removeBuilding,
  removeRoom,
  roomsByConstructionType,
  updateBuilding,
  updateRoom,
} from './places';
import {
  assetById,
  attachToAsset,
  changeCost,
  createAsset,
  getAsset,
  history,
  iterateAssets,
  listAssets,
  moveAssets,
  removeAsset,
  repairAsset,
  updateAsset,
} from './register';
import { cardModel, registerModel, schoolHeader } from './reports';
import {
  closeSession,
  countLines,
  createStocktake,
  decide,
  exportCounts,
  importCounts,
  listLines,
  listStocktakes,
  progress,
  reconcileSession,
  removeLine,
  reportModel,
  scan,
  stocktakeById,
  updateStocktake,
} from './stocktake';
import { equipmentReport, summary } from './summaries';
import { listRuns, runWear, wearReport } from './wear';
import { readFirstSheet, type XlsxInput } from './xlsx';

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/** A file the user chose (grant from a native open dialog) or the bytes sent inline. */
export function resolveSource(conn: Connection, source: FileSource): XlsxInput & { fileName: string } {
  if ('fileHandle' in source) {
    const grant = conn.grants.get(source.fileHandle);
    if (!grant || grant.mode !== 'read')
      throw new RpcError('FORBIDDEN', 'Tệp chưa được chọn qua hộp thoại mở tệp (hoặc đã hết hạn); hãy chọn lại tệp.');
    return { path: grant.path, fileName: path.basename(grant.path) };
  }
  return { bytes: Buffer.from(source.contentBase64, 'base64'), fileName: path.basename(source.fileName) };
}

/** Writes a generated file to the granted save path, or returns it inline. */
export async function deliver(
  conn: Connection,
  fileHandle: string | undefined,
  fileName: string,
  mimeType: string,
  produce: (file?: string) => Promise<Buffer | null>,
): Promise<FileResult> {
  if (fileHandle) {
    const grant = conn.grants.get(fileHandle);
    if (!grant || grant.mode !== 'write')
      throw new RpcError('FORBIDDEN', 'Chưa chọn nơi lưu tệp qua hộp thoại lưu (hoặc đã hết hạn); hãy chọn lại.');
    const buf = await produce(grant.path);
    if (buf) fs.writeFileSync(grant.path, buf);
    return { fileName: path.basename(grant.path), bytes: fs.statSync(grant.path).size, mimeType };
  }
  const buf = (await produce()) ?? Buffer.alloc(0);
  return { fileName, bytes: buf.length, mimeType, contentBase64: buf.toString('base64') };
}

/** Everything the assets services need, for handlers and the CLI alike. */
export interface AssetsContext {
  cats: AssetCatalogs;
  settings(m: EntityManager): Promise<ReturnType<typeof settingsOf>>;
  wear(m: EntityManager): Promise<ReturnType<typeof effectiveWear>>;
}

export function assetsContext(resourcesDir: string): AssetsContext {
  const cats = loadAssetCatalogs(resourcesDir);
  return {
    cats,
    settings: async (m) => settingsOf(await getSettingsRow(m)),
    wear: async (m) => effectiveWear(cats, settingsOf(await getSettingsRow(m)).provinceOverrideId),
  };
}

export function assetsHandlers(deps: ModuleDeps): HandlersFor<typeof assetsMethods> {
  const { ds, writes } = deps;
  const m = ds.manager;
  let ctx: AssetsContext | null = null;
  // Catalogs load on first use, so a broken catalog file fails asset calls with its name, not the whole app.
  const c = (): AssetsContext => (ctx ??= assetsContext(deps.resourcesDir));
  const blobs = new BlobStore(deps.dataDir);

  return {
    'assets.catalogs': async () => {
      const { cats } = c();
      const wear = await c().wear(m);
      return {
        classes: cats.classes.classes.map((x) => ({
          code: x.code,
          category: x.category,
          label: x.label,
          wearExempt: x.wearExempt,
        })),
        conditions: cats.classes.conditions.map((x) => ({ code: x.code, label: x.label, variant: x.variant, broken: x.broken })),
        lifecycleStates: cats.classes.lifecycleStates.map((x) => ({ code: x.code, label: x.label })),
        origins: cats.classes.origins.map((x) => ({ code: x.code, label: x.label })),
        fundingSources: cats.classes.fundingSources.map((x) => ({ code: x.code, label: x.label })),
        blocks: cats.roomTypes.blocks.map((x) => ({ code: x.code, label: x.label, levels: x.levels })),
        roomTypes: cats.roomTypes.roomTypes.map((x) => ({
          code: x.code,
          label: x.label,
          block: x.block,
          levels: x.levels,
          subjectRoom: x.subjectRoom,
        })),
        wearGroups: wear.rows.map((x) => ({
          key: x.key,
          name: x.name,
          usefulLifeYears: x.usefulLifeYears,
          ratePercent: x.ratePercent,
          verified: x.verified,
        })),
        equipmentLists: cats.equipment.lists.map((x) => ({
          id: x.id,
          title: x.title,
          level: x.level,
          items: x.items.length,
          incomplete: x.incomplete,
        })),
        provinceOverrides: cats.provinceLayers.map((x) => ({ id: x.id, province: x.province })),
      };
    },
    'assets.settings.get': async () => c().settings(m),
    'assets.settings.update': async ({ expectedRev, ...patch }, { conn }) =>
      writes.run(actorOf(conn), async (tx) => {
        if (patch.provinceOverrideId) effectiveWear(c().cats, patch.provinceOverrideId);
        const row = await getSettingsRow(tx.manager);
        const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        if (!row) {
          await tx.insert(AssetSettingsEntity, {
            roundingUnit: 'vnd',
            provinceOverrideId: null,
            selfFunded: false,
            disposalDelegated: false,
            ...clean,
          });
        } else await tx.update(AssetSettingsEntity, row.id, clean, expectedRev);
        return settingsOf(await getSettingsRow(tx.manager));
      }),

    // ── places ──
    'buildings.list': async ({ siteId }) => listBuildings(m, siteId),
    'buildings.add': async (input, { conn }) => writes.run(actorOf(conn), (tx) => addBuilding(tx, input)),
    'buildings.update': async ({ id, expectedRev, building }, { conn }) =>
      writes.run(actorOf(conn), (tx) => updateBuilding(tx, id, building, expectedRev)),
    'buildings.remove': async ({ id }, { conn }) => {
      await writes.run(actorOf(conn), (tx) => removeBuilding(tx, id));
      return { ok: true as const };
    },
    'rooms.list': async (input) => listRooms(m, input),
    'rooms.add': async (input, { conn }) => writes.run(actorOf(conn), (tx) => addRoom(tx, c().cats, input)),
    'rooms.update': async ({ id, expectedRev, room }, { conn }) =>
      writes.run(actorOf(conn), (tx) => updateRoom(tx, c().cats, id, room, expectedRev)),
    'rooms.remove': async ({ id }, { conn }) => {
      await writes.run(actorOf(conn), (tx) => removeRoom(tx, id));
      return { ok: true as const };
    },
    'rooms.normsReport': async (input) => normsReport(m, c().cats, input),

    // ── register ──
    'assets.list': async (input) => listAssets(m, input, await c().wear(m)),
    'assets.get': async (input) => getAsset(m, input, await c().wear(m)),
    'assets.create': async (input, { conn }) => {
      const wear = await c().wear(m);
      const row = await writes.run(actorOf(conn), (tx) => createAsset(tx, input, { cats: c().cats, wear }));
      return assetById(m, row.id, wear);
    },
    'assets.update': async ({ id, expectedRev, patch, date, note }, { conn }) => {
      const wear = await c().wear(m);
      await writes.run(actorOf(conn), (tx) => updateAsset(tx, id, patch, { expectedRev, date, note, cats: c().cats, wear }));
      return assetById(m, id, wear);
    },
    'assets.remove': async ({ id }, { conn }) => {
      await writes.run(actorOf(conn), (tx) => removeAsset(tx, id));
      return { ok: true as const };
    },
    'assets.move': async (input, { conn }) => ({ moved: await writes.run(actorOf(conn), (tx) => moveAssets(tx, input)) }),
    'assets.repair': async (input, { conn }) => {
      const pct = c().cats.disposal.liquidation.repairCostAbovePercentOfCost.percent;
      const r = await writes.run(actorOf(conn), (tx) => repairAsset(tx, input, pct));
      return {
        asset: await assetById(m, input.id, await c().wear(m)),
        event: (await history(m, input.id)).find((e) => e.id === r.event.id)!,
        repairsTotalVnd: r.repairsTotalVnd,
        exceedsThreshold: r.exceedsThreshold,
      };
    },
    'assets.changeCost': async (input, { conn }) => {
      const wear = await c().wear(m);
      await writes.run(actorOf(conn), (tx) => changeCost(tx, input, wear));
      return assetById(m, input.id, wear);
    },
    'assets.attach': async ({ id, source, mimeType }, { conn }) => {
      await liveAsset(m, id);
      const src = resolveSource(conn, source);
      const put = 'path' in src ? await blobs.putFile(src.path) : await blobs.putBuffer(src.bytes);
      await writes.run(actorOf(conn), (tx) =>
        attachToAsset(tx, id, { sha256: put.sha256, fileName: src.fileName, mimeType, sizeBytes: put.sizeBytes }),
      );
      return assetById(m, id, await c().wear(m));
    },
    'assets.history': async ({ id }) => history(m, id),
    'assets.stateAt': async ({ id, date }) => stateAt(m, id, date),

    // ── disposal ──
    'assets.disposal.check': async ({ id, asOf, repairEstimateVnd, revaluedVnd }) =>
      disposalCheck(m, c().cats, await c().wear(m), await c().settings(m), await liveAsset(m, id), {
        asOf,
        repairEstimateVnd,
        revaluedVnd,
      }),
    'assets.disposal.request': async (input, { conn }) => {
      const wear = await c().wear(m);
      const settings = await c().settings(m);
      const r = await writes.run(actorOf(conn), (tx) => requestDisposal(tx, c().cats, wear, settings, input));
      return { asset: await assetById(m, input.id, wear), check: r.check };
    },
    'assets.disposal.decide': async (input, { conn }) => {
      await writes.run(actorOf(conn), (tx) => decideDisposal(tx, input));
      return assetById(m, input.id, await c().wear(m));
    },
    'assets.disposal.execute': async (input, { conn }) => {
      await writes.run(actorOf(conn), (tx) => executeDisposal(tx, input));
      return assetById(m, input.id, await c().wear(m));
    },
    'assets.writeOff': async (input, { conn }) => {
      await writes.run(actorOf(conn), (tx) => writeOff(tx, input));
      return assetById(m, input.id, await c().wear(m));
    },
    'assets.tasks': async ({ asOf, includeDone }) => tasks(m, c().cats, asOf ?? todayIso(), includeDone),
    'assets.markDeclared': async ({ eventId, documentNo, date }, { conn }) =>
      writes.run(actorOf(conn), (tx) => markDeclared(tx, eventId, documentNo, date)),

    // ── wear ──
    'wear.run': async ({ year, rerun }, { conn }) => {
      const wear = await c().wear(m);
      const settings = await c().settings(m);
      return writes.run(actorOf(conn), (tx) => runWear(tx, c().cats, wear, settings, year, rerun));
    },
    'wear.runs': async () => listRuns(m),
    'wear.report': async ({ year }) => wearReport(m, c().cats, year),
    'assets.register': async ({ format, year, fileHandle }, { conn }) => {
      const model = await registerModel(m, c().cats, year);
      return deliver(conn, fileHandle, `So-TSCD-${year}.${format}`, MIME[format], (file) =>
        format === 'docx' ? registerDocx(model) : registerXlsx(model, file),
      );
    },
    'assets.card': async ({ id, format, fileHandle }, { conn }) => {
      const model = await cardModel(m, c().cats, id);
      return deliver(conn, fileHandle, `The-TSCD-${model.asset.code}.${format}`, MIME[format], (file) =>
        format === 'docx' ? cardDocx(model) : cardXlsx(model, file),
      );
    },

    // ── stocktake ──
    'stocktake.create': async (input, { conn }) => writes.run(actorOf(conn), (tx) => createStocktake(tx, input)),
    'stocktake.list': async () => listStocktakes(m),
    'stocktake.get': async ({ id }) => stocktakeById(m, id),
    'stocktake.update': async (input, { conn }) => writes.run(actorOf(conn), (tx) => updateStocktake(tx, input)),
    'stocktake.scan': async (input, { conn }) => writes.run(actorOf(conn), (tx) => scan(tx, input)),
    'stocktake.count': async ({ id, lines }, { conn }) => writes.run(actorOf(conn), (tx) => countLines(tx, id, lines)),
    'stocktake.removeLine': async ({ id, lineId }, { conn }) => {
      await writes.run(actorOf(conn), (tx) => removeLine(tx, id, lineId));
      return { ok: true as const };
    },
    'stocktake.lines': async ({ id, roomId, offset, limit }) => listLines(m, id, roomId, offset, limit),
    'stocktake.progress': async ({ id }) => progress(m, id),
    'stocktake.exportCounts': async ({ id, counter }) => exportCounts(m, id, counter),
    'stocktake.importCounts': async ({ id, file }, { conn }) => writes.run(actorOf(conn), (tx) => importCounts(tx, id, file)),
    'stocktake.reconcile': async ({ id, offset, limit }, { conn }) =>
      writes.run(actorOf(conn), (tx) => reconcileSession(tx, c().cats, id, offset, limit)),
    'stocktake.decide': async (input, { conn }) => writes.run(actorOf(conn), (tx) => decide(tx, input)),
    'stocktake.close': async ({ id, principalDecision }, { conn }) => {
      const wear = await c().wear(m);
      return writes.run(actorOf(conn), (tx) => closeSession(tx, c().cats, wear, id, principalDecision));
    },
    'stocktake.report': async ({ id, format, fileHandle }, { conn }) => {
      const model = { school: await schoolHeader(m), ...(await reportModel(m, c().cats, id)) };
      const name = `Bien-ban-kiem-ke-${model.session.cutoffAt.slice(0, 10)}.${format}`;
      return deliver(conn, fileHandle, name, MIME[format], (file) =>
        format === 'docx' ? stocktakeDocx(model) : stocktakeXlsx(model, file),
      );
    },

    // ── import / export ──
    'assets.importPreview': async ({ source }, { conn }) => preview(m, await readFirstSheet(resolveSource(conn, source))),
    'assets.import': async ({ source, mapping, firstDataRow, dryRun, updateExisting, saveMapping }, { conn }) => {
      const sheet = await readFirstSheet(resolveSource(conn, source));
      const wear = await c().wear(m);
      const opts = { mapping, firstDataRow, updateExisting, dryRun, cats: c().cats, wear };
      if (dryRun) return (await prepareImport(m, sheet, opts)).result;
      return writes.run(actorOf(conn), async (tx) => {
        const prepared = await prepareImport(tx.manager, sheet, opts);
        sheet.rows.length = 0; // the prepared rows are all that is needed now
        if (prepared.result.errors.length > 0) return prepared.result;
        return writeImport(tx, prepared, wear, saveMapping);
      });
    },
    'assets.export': async ({ list, filter, stocktakeId, fileHandle }, { conn }) => {
      const cats = c().cats;
      return deliver(conn, fileHandle, `Danh-sach-${list}-${todayIso()}.xlsx`, MIME.xlsx, async (file) => {
        switch (list) {
          case 'assets':
            return (await exportAssets(m, cats, filter ?? {}, file)).buffer;
          case 'rooms':
            return (await exportRooms(m, cats, file)).buffer;
          case 'buildings':
            return (await exportBuildings(m, cats, file)).buffer;
          case 'events':
            return (await exportEvents(m, file)).buffer;
          case 'stocktakeLines':
            return (await exportStocktakeLines(m, stocktakeId, file)).buffer;
        }
      });
    },
    'assets.labels': async ({ ids, filter, layout, symbology, fileHandle }, { conn }) => {
      const rooms = new Map(
        ((await m.query(`SELECT id, code FROM asset_room`)) as { id: string; code: string }[]).map((r) => [r.id, r.code]),
      );
      const items: { code: string; name: string; room: string }[] = [];
      if (ids?.length) {
        for (const id of ids) {
          const a = await liveAsset(m, id);
          items.push({ code: a.code, name: a.name, room: a.roomId ? (rooms.get(a.roomId) ?? '') : '' });
        }
      } else {
        for await (const page of iterateAssets(m, filter ?? {}))
          for (const a of page) items.push({ code: a.code, name: a.name, room: a.roomId ? (rooms.get(a.roomId) ?? '') : '' });
      }
      if (items.length === 0) throw new RpcError('VALIDATION', 'Không có tài sản nào để in nhãn.');
      const school = (await schoolHeader(m)).name;
      return deliver(conn, fileHandle, `Nhan-tai-san-${layout}.docx`, MIME.docx, () =>
        labelsDocx(items, layout, symbology, school),
      );
    },

    // ── summaries ──
    'assets.summary': async ({ year, students }) => summary(m, c().cats, year, students),
    'assets.roomsByConstructionType': async ({ year }) => roomsByConstructionType(m, c().cats, year),
    'assets.equipmentReport': async ({ listId }) => equipmentReport(m, c().cats, listId),
  };
}
