import fsp from 'node:fs/promises';
import path from 'node:path';
import type { reviewMethods } from '../../../contract/methods/review';
import { actorOf, type HandlersFor, type ModuleDeps } from '../module';
import { ReviewClient } from './client';
import type { ReviewDocumentKind } from '../../../contract/schemas/review';
import { dashboardTableXlsx, reviewDocument } from './documents';
import { SchoolComments } from './school-comments';
import { initWorkstation } from './workstation';

export function reviewClientFor(
  deps: Pick<ModuleDeps, 'dataDir' | 'frameworks' | 'ds'> & Partial<Pick<ModuleDeps, 'secrets'>>,
): ReviewClient {
  return new ReviewClient(
    {
      dataDir: deps.dataDir,
      frameworks: deps.frameworks,
      readSyncServerUrl: async () => {
        const rows = (await deps.ds.query(`select value from sync_state where key = 'serverUrl'`)) as { value: string }[];
        return rows[0]?.value ?? null;
      },
    },
    deps.secrets,
  );
}

async function writeOut(target: string, bytes: Buffer) {
  await fsp.mkdir(path.dirname(target), { recursive: true });
  await fsp.writeFile(target, bytes);
  return { path: target, fileName: path.basename(target), bytes: bytes.length };
}

/**
 * One of the review's documents (.docx), written to `target` or <dataDir>/review/reports/. The
 * decision needs the recorded decisions from the server; the others work from the local dossier
 * and the team view.
 */
export async function writeReviewReport(
  client: ReviewClient,
  submissionId: string,
  target?: string,
  kind: ReviewDocumentKind = 'report',
) {
  const data = await client.reportData(submissionId);
  const recognitions = kind === 'decision' ? await client.recognitions() : undefined;
  const doc = await reviewDocument(kind, { ...data, recognitions });
  const out = await writeOut(target ?? path.join(client.root, 'reports', doc.fileName), doc.bytes);
  return { ...out, kind, gaps: doc.gaps };
}

export async function writeDashboardTable(
  client: ReviewClient,
  table: Parameters<typeof dashboardTableXlsx>[1],
  target?: string,
) {
  const bytes = await dashboardTableXlsx(await client.dashboard(), table);
  return writeOut(target ?? path.join(client.root, 'exports', `${table}.xlsx`), bytes);
}

export function reviewHandlers(deps: ModuleDeps): HandlersFor<typeof reviewMethods> {
  const c = reviewClientFor(deps);
  const schoolComments = new SchoolComments(deps);
  return {
    'review.setup': async (i) => c.setup(i),
    'review.initWorkstation': async (i, { conn }) => initWorkstation(deps, c, i, conn),
    'review.status': async () => c.status(),
    'review.accounts': async () => c.accounts(),
    'review.units': async () => c.units(),
    'review.inbox': async (q) => c.inbox(q),
    'review.assign': async ({ submissionId, ...body }) => c.assign(submissionId, body),
    'review.download': async ({ submissionId }) => c.download(submissionId),
    'review.dossier': async ({ submissionId }) => c.dossier(submissionId),
    'review.evidenceFile': async ({ submissionId, evidenceId }) => c.evidenceFile(submissionId, evidenceId),
    'review.judge': async (i) => c.judge(i),
    'review.comment': async (i) => c.comment(i),
    'review.pushJudgments': async ({ submissionId }) => c.pushJudgments(submissionId),
    'review.team': async ({ submissionId }) => c.team(submissionId),
    'review.conclude': async ({ submissionId, ...body }) => c.conclude(submissionId, body),
    'review.return': async ({ submissionId, message }) => c.returnDossier(submissionId, message),
    'review.accept': async ({ submissionId }) => c.accept(submissionId),
    'review.decide': async ({ submissionId, ...body }) => c.decide(submissionId, body),
    'review.diff': async ({ submissionId }) => c.diff(submissionId),
    'review.audit': async ({ submissionId }) => c.audit(submissionId),
    'review.recognitions': async () => c.recognitions(),
    'review.dashboard': async () => c.dashboard(),
    'review.report': async ({ submissionId, target, kind }) => writeReviewReport(c, submissionId, target, kind),
    'review.exportTable': async ({ table, target }) => writeDashboardTable(c, table, target),
    // The school's side: served from the local copy when offline, replies queued (school-comments.ts).
    'sync.reviewComments': async () => schoolComments.list(c.schoolCommentsApi()),
    'sync.replyReviewComment': async ({ commentId, reply }, { conn }) =>
      schoolComments.reply(c.schoolCommentsApi(), commentId, reply, actorOf(conn)),
  };
}
