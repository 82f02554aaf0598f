/**
 * The school's side of returned comments, offline first (issue 8, school-comments.ts): a real
 * department server, a real school backend (SQLite file) behind a TCP proxy that can play
 * "offline" or cut an answer, and a department workstation that comments and returns. The
 * local copy serves the list offline with its time; a reply written offline waits in the queue
 * across a restart, goes with the next sync run and reaches the server exactly once, also when
 * the server's answer to the post is lost; a reply never overwrites one another computer of the
 * school wrote meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFrameworkRegistry, type FrameworkRegistry } from '../backend/frameworks/framework-loader';
import { AssessmentEntity } from '../backend/modules/assessment/entities';
import type { ReviewClient } from '../backend/modules/review/client';
import { reviewClientFor } from '../backend/modules/review/handlers';
import { defaultResourcesDir } from '../backend/platform/paths';
import type { SchoolComment } from '../contract/schemas/review';
import { DIALECTS } from '../server/db/test-database';
import { openLocal } from './local-backend';
import {
  addEvidence,
  approvedAssessment,
  enrol,
  FaultyProxy,
  newDevice,
  portOf,
  startSyncServer,
  TEST_PASSWORD,
  type Device,
  type TestSyncServer,
} from './sync.testkit';

const ASSESSMENT_ID = '0190cccc-0000-7000-8000-000000000001';
const FRAMEWORK = 'tt57-2026-pl2-pho-thong';

describe.each(DIALECTS)("the school's copy of the department's comments (%s server)", (dialect) => {
  let s: TestSyncServer;
  let proxy: FaultyProxy;
  let school: Device;
  let dept: ReviewClient;
  let deptDevice: Device;
  let frameworks: FrameworkRegistry;
  let submissionId: string;
  let evidence: { id: string; code: string };
  let onEvidence: SchoolComment;
  let onCriterion: SchoolComment;

  // Offline: the proxy drops every connection (open keep-alive ones too); online: it relays again.
  const offline = () => proxy.goOffline();
  const online = () => proxy.goOnline();
  const replies = async (commentId: string) =>
    (await dept.audit(submissionId)).filter((a) => a.action === 'reply' && a.detail === commentId).length;
  const list = () => school.local.call('sync.reviewComments', {});

  beforeAll(async () => {
    s = await startSyncServer(dialect);
    proxy = new FaultyProxy({ host: '127.0.0.1', port: portOf(s.url) });
    await proxy.listen();
    frameworks = await getFrameworkRegistry(defaultResourcesDir());
    school = await newDevice('A1');
    deptDevice = await newDevice('SO', { code: 'SO-MAY', name: 'Máy của Sở' });
    dept = reviewClientFor({ dataDir: deptDevice.dir, frameworks, ds: deptDevice.local.backend.readSource });

    // The school submits an assessment through the proxy.
    await enrol(school, proxy.url);
    const ev = await addEvidence(school, { title: 'Biên bản họp hội đồng', assessmentId: ASSESSMENT_ID });
    evidence = { id: ev.id, code: ev.code };
    await school.local.backend.writes.run('cli', (tx) =>
      tx.insert(AssessmentEntity, approvedAssessment(ASSESSMENT_ID, FRAMEWORK)),
    );
    expect((await school.local.call('sync.run', {})).errors).toEqual([]);
    const v1 = await school.local.call('sync.submit', { kind: 'assessment', assessmentId: ASSESSMENT_ID });
    submissionId = v1.id!;

    // The department assigns, comments on two criteria and returns the dossier.
    await dept.setup({ serverUrl: s.url, username: 'pgda.admin', password: TEST_PASSWORD });
    await dept.assign(submissionId, { leadId: s.fx.accounts.pgdaInsp.id, memberIds: [] });
    await dept.setup({ serverUrl: s.url, username: 'pgda.insp', password: TEST_PASSWORD });
    await dept.download(submissionId);
    await dept.comment({
      submissionId,
      kind: 'evidence_request',
      criterionCode: '1.1',
      requirementRef: '1.1',
      evidenceId: ev.id,
      body: 'Đề nghị bổ sung biên bản có chữ ký của hiệu trưởng.',
    });
    await dept.comment({
      submissionId,
      kind: 'comment',
      criterionCode: '1.2',
      requirementRef: '',
      evidenceId: '',
      body: 'Mô tả hiện trạng cần nêu số liệu cụ thể.',
    });
    await dept.pushJudgments(submissionId);
    await dept.returnDossier(submissionId, 'Trả lại để bổ sung theo các nhận xét của đoàn.');
  }, 180_000);

  afterAll(async () => {
    await school?.close();
    await deptDevice?.close();
    await proxy?.close();
    await s?.stop();
  });

  it('online: the list comes from the server, with the evidence code from the local library', async () => {
    const before = new Date().toISOString();
    const view = await list();
    expect(view).toMatchObject({ refreshed: true, error: null });
    expect(view.cachedAt! >= before).toBe(true);
    expect(view.comments).toHaveLength(2);
    onEvidence = view.comments.find((c) => c.criterionCode === '1.1')!;
    onCriterion = view.comments.find((c) => c.criterionCode === '1.2')!;
    expect(onEvidence).toMatchObject({
      kind: 'evidence_request',
      requirementRef: '1.1',
      evidenceId: evidence.id,
      evidenceCode: evidence.code,
      authorName: 'pgda.insp',
      subjectId: ASSESSMENT_ID,
      submissionId,
      reply: '',
      pendingReply: null,
    });
    expect(onCriterion).toMatchObject({ kind: 'comment', evidenceId: '', evidenceCode: '' });
  });

  it('offline: the saved copy with its time; a reply waits across a restart and goes once when back online', async () => {
    const cachedAt = (await list()).cachedAt;
    await offline();
    const view = await list();
    expect(view).toMatchObject({ refreshed: false, cachedAt });
    expect(view.error).toMatch(/Không kết nối được tới máy chủ của Sở; .*bản lưu trên máy/);
    expect(view.comments.map((c) => c.id).sort()).toEqual([onEvidence.id, onCriterion.id].sort());

    const queued = await school.local.call('sync.replyReviewComment', {
      commentId: onCriterion.id,
      reply: '  Đã bổ sung số liệu năm học 2025-2026.  ',
    });
    expect(queued).toMatchObject({ id: onCriterion.id, reply: '', pendingReply: 'Đã bổ sung số liệu năm học 2025-2026.' });
    expect(await replies(onCriterion.id)).toBe(0);

    // The queue is in the database file, not in memory: it survives closing the app.
    await school.local.close();
    school.local = await openLocal(school.dir);
    expect((await list()).comments.find((c) => c.id === onCriterion.id)!.pendingReply).toBe(
      'Đã bổ sung số liệu năm học 2025-2026.',
    );
    // A sync while still offline fails as a network problem and keeps the reply.
    expect((await school.local.call('sync.run', {})).errors).toEqual([expect.objectContaining({ kind: 'network' })]);
    expect((await list()).comments.find((c) => c.id === onCriterion.id)!.pendingReply).not.toBeNull();

    await online();
    // Back online, a sync run and two lists at the same moment: one post between them.
    const [run] = await Promise.all([school.local.call('sync.run', {}), list(), list()]);
    expect(run.errors).toEqual([]);
    expect(await replies(onCriterion.id)).toBe(1);
    // The run refreshed the copy: offline again, it shows the answer as the server holds it.
    await offline();
    const after = (await list()).comments.find((c) => c.id === onCriterion.id)!;
    expect(after).toMatchObject({ reply: 'Đã bổ sung số liệu năm học 2025-2026.', replyBy: 'a1.user', pendingReply: null });
    await online();
    // Further runs and lists send nothing again.
    expect((await school.local.call('sync.run', {})).errors).toEqual([]);
    await list();
    expect(await replies(onCriterion.id)).toBe(1);
    const team = await dept.team(submissionId);
    expect(team.comments.find((c) => c.id === onCriterion.id)).toMatchObject({
      reply: 'Đã bổ sung số liệu năm học 2025-2026.',
    });
  });

  it('the answer to the post is lost: the reply waits, and the next call finds it on the server instead of posting again', async () => {
    proxy.cutResponseTo = /^POST \/api\/review\/school\/comments\//;
    const r = await school.local.call('sync.replyReviewComment', {
      commentId: onEvidence.id,
      reply: 'Đã bổ sung biên bản có chữ ký.',
    });
    expect(proxy.cuts).toBeGreaterThanOrEqual(1);
    // The server did the work, the school did not hear: still "chờ gửi" here.
    expect(r.pendingReply).toBe('Đã bổ sung biên bản có chữ ký.');
    expect(await replies(onEvidence.id)).toBe(1);

    const view = await list();
    expect(view.refreshed).toBe(true);
    expect(view.comments.find((c) => c.id === onEvidence.id)).toMatchObject({
      reply: 'Đã bổ sung biên bản có chữ ký.',
      pendingReply: null,
    });
    expect((await school.local.call('sync.run', {})).errors).toEqual([]);
    expect(await replies(onEvidence.id)).toBe(1);
    expect(proxy.requests.filter((q) => q.startsWith('POST ') && q.includes(onEvidence.id))).toHaveLength(1);
  });

  it('another computer of the school answered meanwhile: the queued reply does not overwrite it', async () => {
    // A fresh comment on a resubmitted version would do as well; a second device answers the
    // one on 1.2 again while this computer is offline with its own new answer queued.
    await offline();
    const mine = await school.local.call('sync.replyReviewComment', {
      commentId: onCriterion.id,
      reply: 'Câu trả lời viết lại trên máy A.',
    });
    expect(mine.pendingReply).toBe('Câu trả lời viết lại trên máy A.');
    const other = await newDevice('A2');
    try {
      await enrol(other, s.url);
      const b = reviewClientFor({ dataDir: other.dir, frameworks, ds: other.local.backend.readSource });
      await b.reply(onCriterion.id, 'Câu trả lời của máy B.');
    } finally {
      await other.close();
    }
    await online();
    const run = await school.local.call('sync.run', {});
    expect(run.errors).toEqual([
      expect.objectContaining({ kind: 'submission', message: expect.stringMatching(/đã được trả lời từ máy khác/) }),
    ]);
    const c = (await list()).comments.find((x) => x.id === onCriterion.id)!;
    expect(c).toMatchObject({ reply: 'Câu trả lời của máy B.', pendingReply: null });
  });

  it('a comment that is not this school’s cannot be answered', async () => {
    await expect(
      school.local.call('sync.replyReviewComment', { commentId: '0190dddd-0000-7000-8000-000000000009', reply: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
