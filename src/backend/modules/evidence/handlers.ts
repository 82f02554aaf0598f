import path from 'node:path';
import type { evidenceMethods } from '../../../contract/methods/evidence';
import { RpcError } from '../../../contract/rpc';
import { actorOf, type HandlersFor, type ModuleDeps } from '../module';
import type { CitationLookup } from './citation-hook';
import {
  addLinkEvidence,
  getEvidence,
  getEvidenceByCode,
  getSettings,
  linkCriterion,
  listEvidence,
  liveRow,
  moveEvidence,
  removeEvidence,
  unlinkCriterion,
  updateEvidence,
  updateSettings,
  verifyEvidence,
} from './evidence.service';
import { EvidenceLibrary } from './library';

/** RPC handlers of the evidence library; the rules live in evidence.service.ts and library.ts. */
export function evidenceHandlers(
  deps: ModuleDeps,
  opts: { citations?: CitationLookup } = {},
): HandlersFor<typeof evidenceMethods> {
  const { ds, writes } = deps;
  // Reads use the backend's read-only reader connection; writes go through the queue.
  const m = ds.manager;
  const lib = new EvidenceLibrary(deps, opts);
  // Temp files of a crashed add (never of a running one: only old ones go).
  void lib.store.cleanTemp().catch(() => undefined);

  return {
    'evidence.list': async (input) => listEvidence(m, input),
    'evidence.get': async (input) =>
      'id' in input ? getEvidence(m, input.id) : getEvidenceByCode(m, input.frameworkId, input.code),
    'evidence.addLink': async ({ frameworkId, criterionCode, assessmentId, box, kind, meta }, { conn }) => {
      const rules = await lib.rules(frameworkId);
      return writes.run(actorOf(conn), (tx) => addLinkEvidence(tx, rules, { criterionCode, assessmentId, box }, kind, meta));
    },
    'evidence.addFromUpload': async ({ contentBase64, fileName, mimeType, meta, onDuplicate, ...filing }, { conn }) => {
      const bytes = Buffer.from(contentBase64, 'base64');
      if (bytes.length === 0)
        throw new RpcError('VALIDATION', 'Tệp rỗng (0 byte); hãy chọn tệp khác.', { contentBase64: 'Tệp rỗng' });
      return lib.addUpload(bytes, fileName, mimeType, filing, meta, { actor: actorOf(conn), onDuplicate });
    },
    'evidence.addFromGrants': async ({ handles, meta, onDuplicate, ...filing }, { conn }) => {
      const paths = handles.map((h) => {
        const grant = conn.grants.get(h);
        if (!grant || grant.mode !== 'read') {
          throw new RpcError('VALIDATION', 'Không còn quyền đọc tệp đã chọn; hãy chọn lại tệp.', {
            handles: 'Tệp đã chọn không còn hiệu lực',
          });
        }
        return grant.path;
      });
      for (const h of handles) conn.grants.delete(h);
      const out = await lib.addFiles(paths, filing, meta, { actor: actorOf(conn), onDuplicate });
      return {
        results: out.results.map(({ path: _path, ...r }) => r),
        failed: out.failed.map((f) => ({ fileName: path.basename(f.path), message: f.message })),
      };
    },
    'evidence.addFromStored': async ({ sha256, fileName, mimeType, meta, ...filing }, { conn }) =>
      lib.addFromStored(sha256, fileName, mimeType, filing, meta, actorOf(conn)),
    'evidence.update': async ({ id, expectedRev, kind, fileName, meta }, { conn }) =>
      writes.run(actorOf(conn), (tx) => updateEvidence(tx, id, { meta, kind, fileName, expectedRev })),
    'evidence.linkCriterion': async ({ id, criterionCode, assessmentId }, { conn }) => {
      const rules = await lib.rules((await liveRow(m, id)).frameworkId);
      return writes.run(actorOf(conn), (tx) => linkCriterion(tx, rules, id, criterionCode, assessmentId ?? null));
    },
    'evidence.unlinkCriterion': async ({ id, criterionCode, assessmentId }, { conn }) =>
      writes.run(actorOf(conn), (tx) => unlinkCriterion(tx, id, criterionCode, assessmentId ?? null)),
    'evidence.move': async ({ id, criterionCode, box, keepOldLink }, { conn }) => {
      const rules = await lib.rules((await liveRow(m, id)).frameworkId);
      return writes.run(actorOf(conn), (tx) => moveEvidence(tx, rules, id, criterionCode, { box, keepOldLink }));
    },
    'evidence.verify': async ({ id, status, reason }, { conn }) =>
      writes.run(actorOf(conn), (tx) => verifyEvidence(tx, id, status, reason)),
    'evidence.remove': async ({ id }, { conn }) => {
      await writes.run(actorOf(conn), (tx) => removeEvidence(tx, id, lib.citationLookup));
      return { ok: true as const };
    },
    'evidence.health': async (input) => lib.health(input),
    'evidence.download': async ({ id }) => lib.download(id),
    'evidence.getSettings': async ({ frameworkId }) => getSettings(m, frameworkId),
    'evidence.updateSettings': async ({ frameworkId, boxes }, { conn }) => {
      const rules = await lib.rules(frameworkId);
      return writes.run(actorOf(conn), (tx) => updateSettings(tx, rules, boxes));
    },
  };
}
