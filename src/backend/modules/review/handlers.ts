import fsp from 'node:fs/promises';
import path from 'node:path';
import type { reviewMethods } from '../../../contract/methods/review';
import type { HandlersFor, ModuleDeps } from '../module';
import { ReviewClient } from './client';
import { dashboardTableXlsx, reviewReportDocx } from './documents';

export function reviewClientFor(deps: Pick<ModuleDeps, 'dataDir' | 'frameworks' | 'ds'>): ReviewClient {
  return new ReviewClient({
    dataDir: deps.dataDir,
    frameworks: deps.frameworks,
    readSyncServerUrl: async () => {
      const rows = (await deps.ds.query(`select value from sync_state where key = 'serverUrl'`)) as { value: string }[];
      return rows[0]?.value ?? null;
    },
  });
}

async function writeOut(target: string, bytes: Buffer) {
  await fsp.mkdir(path.dirname(target), { recursive: true });
  await fsp.writeFile(target, bytes);
  return { path: target, fileName: path.basename(target), bytes: bytes.length };
}

/** The review report as .docx, written to `target` or <dataDir>/review/reports/. */
export async function writeReviewReport(client: ReviewClient, submissionId: string, target?: string) {
  const { dossier, team } = await client.reportData(submissionId);
  const st = await client.status();
  const bytes = await reviewReportDocx(dossier, team, {
    managingBody: 'ỦY BAN NHÂN DÂN',
    issuer: st.account?.unit.name ?? 'Sở Giáo dục và Đào tạo',
  });
  return writeOut(
    target ??
      path.join(client.root, 'reports', `bao-cao-danh-gia-ngoai-${dossier.school.code || submissionId}-v${dossier.version}.docx`),
    bytes,
  );
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
  return {
    'review.setup': async (i) => c.setup(i),
    'review.status': async () => c.status(),
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
    'review.report': async ({ submissionId, target }) => writeReviewReport(c, submissionId, target),
    'review.exportTable': async ({ table, target }) => writeDashboardTable(c, table, target),
    'sync.reviewComments': async () => c.schoolComments(),
    'sync.replyReviewComment': async ({ commentId, reply }) => c.reply(commentId, reply),
  };
}
