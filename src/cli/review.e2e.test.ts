/**
 * Issue 8 end to end: a real department server, a school backend and a department
 * workstation backend. School submits → admin assigns → reviewer downloads (offline copy
 * checked by hash), comments on two criteria and returns → the school sees the comments,
 * answers and resubmits → the reviewer sees the diff and the answers, concludes and accepts →
 * decision recorded → dashboard shows the school accepted with its level → review report
 * .docx read back. Plus the authorisation edges (not assigned → 403; another school sees no
 * comments).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citationToken } from '../core/evidence/citations';
import { getFrameworkRegistry, type FrameworkRegistry } from '../backend/frameworks/framework-loader';
import { AssessmentEntity, RequirementEntryEntity } from '../backend/modules/assessment/entities';
import { reviewClientFor, writeDashboardTable, writeReviewReport } from '../backend/modules/review/handlers';
import type { ReviewClient } from '../backend/modules/review/client';
import { defaultResourcesDir } from '../backend/platform/paths';
import { readDocx } from '../backend/reports/docx-read';
import { DIALECTS } from '../server/db/test-database';
import {
  addEvidence,
  approvedAssessment,
  enrol,
  newDevice,
  startSyncServer,
  TEST_PASSWORD,
  type Device,
  type TestSyncServer,
} from './sync.testkit';

const ASSESSMENT_ID = '0190bbbb-0000-7000-8000-000000000001';
const FRAMEWORK = 'tt57-2026-pl2-pho-thong';

describe.each(DIALECTS)('review end to end (%s server)', (dialect) => {
  let s: TestSyncServer;
  let school: Device;
  let dept: Device;
  let frameworks: FrameworkRegistry;
  let schoolClient: ReviewClient;
  let deptClient: ReviewClient;
  let crit: { code: string; reqs: { level: number; code: string }[] }[];

  beforeAll(async () => {
    s = await startSyncServer(dialect);
    school = await newDevice('A1');
    dept = await newDevice('SO', { code: 'SO-MAY', name: 'Máy của Sở' });
    frameworks = await getFrameworkRegistry(defaultResourcesDir());
    schoolClient = reviewClientFor({ dataDir: school.dir, frameworks, ds: school.local.backend.readSource });
    deptClient = reviewClientFor({ dataDir: dept.dir, frameworks, ds: dept.local.backend.readSource });
    const fw = frameworks.require(FRAMEWORK);
    if (!('standards' in fw)) throw new Error('levels framework expected');
    crit = fw.standards[0]!.criteria.slice(0, 2).map((c) => ({
      code: c.code,
      reqs: c.levels[0]!.requirements.map((r) => ({ level: 1, code: r.code })),
    }));
  }, 120_000);

  afterAll(async () => {
    await school?.close();
    await dept?.close();
    await s?.stop();
  });

  it('runs the whole review cycle', async () => {
    // --- the school writes its self-assessment and submits -------------------------------------
    await enrol(school, s.url);
    const fileBytes = Buffer.from('%PDF-1.4 biên bản họp hội đồng tự đánh giá');
    const ev = await addEvidence(school, { title: 'Biên bản họp hội đồng', assessmentId: ASSESSMENT_ID, bytes: fileBytes });
    const entryIds: string[] = [];
    await school.local.backend.writes.run('cli', async (tx) => {
      await tx.insert(AssessmentEntity, approvedAssessment(ASSESSMENT_ID, FRAMEWORK));
      for (const c of crit)
        for (const r of c.reqs) {
          const row = await tx.insert(RequirementEntryEntity, {
            assessmentId: ASSESSMENT_ID,
            criterionCode: c.code,
            level: r.level,
            requirementCode: r.code,
            description: `Nhà trường thực hiện đầy đủ ${citationToken(ev.id)}.`,
            judgment: 'met',
            carriedOver: false,
            confirmedAt: null,
            confirmedBy: null,
            updatedBy: null,
          } as never);
          entryIds.push(row.id);
        }
    });
    const run = await school.local.call('sync.run', {});
    expect(run.errors).toEqual([]);
    // Before it submits, the department sees the approved (synced) self-assessment.
    await deptClient.setup({ serverUrl: s.url, username: 'pgda.admin', password: TEST_PASSWORD });
    expect((await deptClient.dashboard()).schools.find((x) => x.code === 'SCH-A1')).toMatchObject({ state: 'approved' });
    const v1 = await school.local.call('sync.submit', { kind: 'assessment', assessmentId: ASSESSMENT_ID });
    expect(v1).toMatchObject({ state: 'received', version: 1 });

    // --- department admin on the workstation: inbox, assignment ---------------------------------
    const adminStatus = await deptClient.setup({ serverUrl: s.url, username: 'pgda.admin', password: TEST_PASSWORD });
    expect(adminStatus).toMatchObject({ mode: 'department', account: { username: 'pgda.admin', role: 'dept_admin' } });
    expect(adminStatus.units.filter((u) => !u.context).map((u) => u.code)).toEqual(['PGD-A', 'SCH-A1']);
    // The Sở above is named for document headers, not visible.
    expect(adminStatus.units.filter((u) => u.context).map((u) => u.code)).toEqual(['SO']);
    // The token is in the secret store, not in any output.
    expect(JSON.stringify(adminStatus)).not.toMatch(/token/i);
    const inbox = await deptClient.inbox({ state: 'received' });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ submissionId: v1.id, schoolCode: 'SCH-A1', frameworkId: FRAMEWORK, myRole: 'admin' });
    expect(await deptClient.inbox({ framework: 'khac' })).toEqual([]);

    // The inspector before assignment: empty inbox, 403 on the dossier.
    await deptClient.setup({ serverUrl: s.url, username: 'pgda.insp', password: TEST_PASSWORD });
    expect(await deptClient.inbox()).toEqual([]);
    await expect(deptClient.download(v1.id!)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await deptClient.setup({ serverUrl: s.url, username: 'pgda.admin', password: TEST_PASSWORD });
    const assignment = await deptClient.assign(v1.id!, {
      leadId: s.fx.accounts.pgdaInsp.id,
      memberIds: [],
      deadline: '2027-05-30',
    });
    expect(assignment).toMatchObject({ leadName: 'pgda.insp', deadline: '2027-05-30' });

    // --- the reviewer downloads and works offline ------------------------------------------------
    await deptClient.setup({ serverUrl: s.url, username: 'pgda.insp', password: TEST_PASSWORD });
    expect((await deptClient.inbox()).map((i) => i.myRole)).toEqual(['lead']);
    const dl = await deptClient.download(v1.id!);
    expect(dl).toMatchObject({ files: 1, reused: 0, bytes: fileBytes.length });
    const stored = fs.readFileSync(deptClient.blobPath(createHash('sha256').update(fileBytes).digest('hex')));
    expect(stored.equals(fileBytes)).toBe(true);

    // Offline: the server is not needed from here until the push.
    const view = await deptClient.dossier(v1.id!);
    expect(view.school.code).toBe('SCH-A1');
    const c1 = view.criteria.find((c) => c.code === crit[0]!.code)!;
    expect(c1.schoolLevel).toBeGreaterThanOrEqual(1);
    expect(c1.requirements[0]!.text.length).toBeGreaterThan(10);
    expect(c1.requirements[0]!.description).toContain(`[${ev.code}]`);
    expect(c1.requirements[0]!.evidence[0]).toMatchObject({ id: ev.id, hasFile: true });
    const file = await deptClient.evidenceFile(v1.id!, ev.id);
    expect(Buffer.from(file.base64, 'base64').equals(fileBytes)).toBe(true);

    await deptClient.judge({
      submissionId: v1.id!,
      criterionCode: crit[0]!.code,
      level: 1,
      requirementCode: crit[0]!.reqs[0]!.code,
      judgment: 'not_met',
      agree: 'disagree',
      note: 'Minh chứng chưa có chữ ký.',
    });
    await deptClient.judge({
      submissionId: v1.id!,
      criterionCode: crit[0]!.code,
      judgment: 'unassessed',
      levelReached: 0,
      agree: 'disagree',
      note: '',
    });
    await deptClient.judge({
      submissionId: v1.id!,
      criterionCode: crit[1]!.code,
      judgment: 'unassessed',
      levelReached: 1,
      agree: 'agree',
      note: '',
    });
    const k1 = await deptClient.comment({
      submissionId: v1.id!,
      kind: 'evidence_request',
      criterionCode: crit[0]!.code,
      requirementRef: `1.${crit[0]!.reqs[0]!.code}`,
      evidenceId: ev.id,
      body: 'Đề nghị bổ sung biên bản có chữ ký của hiệu trưởng.',
    });
    await deptClient.comment({
      submissionId: v1.id!,
      kind: 'comment',
      criterionCode: crit[1]!.code,
      requirementRef: '',
      evidenceId: '',
      body: 'Mô tả hiện trạng cần nêu số liệu cụ thể.',
    });
    const pushed = await deptClient.pushJudgments(v1.id!);
    expect(pushed).toMatchObject({ judgments: 3, comments: 2, locked: [] });
    // Idempotent: nothing waits, and pushing the same ids again changes nothing on the server.
    expect(await deptClient.pushJudgments(v1.id!)).toMatchObject({ judgments: 0, comments: 0 });
    const team = await deptClient.team(v1.id!);
    expect(team.comments).toHaveLength(2);
    expect(team.criteria.find((c) => c.criterionCode === crit[0]!.code)!.requirements[0]!.judgments[0]).toMatchObject({
      judgment: 'not_met',
      agree: 'disagree',
    });
    expect((await deptClient.dossier(v1.id!)).criteria[0]!.comments[0]).toMatchObject({ id: k1.id, pushed: true });

    const returned = await deptClient.returnDossier(v1.id!, 'Trả lại để bổ sung theo các nhận xét của đoàn.');
    expect(returned.state).toBe('returned');

    // --- the school sees the comments, answers and resubmits --------------------------------------
    const comments = await schoolClient.schoolComments();
    expect(comments).toHaveLength(2);
    expect(comments.map((c) => c.criterionCode).sort()).toEqual([crit[0]!.code, crit[1]!.code].sort());
    expect(comments.every((c) => c.submissionId === v1.id)).toBe(true);
    // Another school sees none of them.
    const other = await newDevice('B1', { code: 'SCH-B1' });
    try {
      await enrol(other, s.url, 'b1.user');
      const otherClient = reviewClientFor({ dataDir: other.dir, frameworks, ds: other.local.backend.readSource });
      expect(await otherClient.schoolComments()).toEqual([]);
      await expect(otherClient.reply(comments[0]!.id, 'không phải của tôi')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await other.close();
    }
    const c1Comment = comments.find((c) => c.criterionCode === crit[0]!.code)!;
    const answered = await schoolClient.reply(c1Comment.id, 'Đã bổ sung biên bản có chữ ký.');
    expect(answered).toMatchObject({ reply: 'Đã bổ sung biên bản có chữ ký.', replyBy: 'a1.user' });
    await school.local.backend.writes.run('cli', (tx) =>
      tx.update(RequirementEntryEntity, entryIds[0]!, {
        description: `Nhà trường thực hiện đầy đủ, biên bản có chữ ký ${citationToken(ev.id)}.`,
      } as never),
    );
    expect((await school.local.call('sync.run', {})).errors).toEqual([]);
    const v2 = await school.local.call('sync.submit', { kind: 'assessment', assessmentId: ASSESSMENT_ID });
    expect(v2).toMatchObject({ state: 'received', version: 2 });

    // --- the reviewer sees the diff and the answers, concludes and accepts --------------------------
    const inbox2 = await deptClient.inbox();
    expect(inbox2).toHaveLength(1);
    expect(inbox2[0]).toMatchObject({ submissionId: v2.id, version: 2, myRole: 'lead' });
    expect((await deptClient.download(v2.id!)).reused).toBe(1);
    const diff = await deptClient.diff(v2.id!);
    expect(diff.diff!.changed).toEqual([{ entity: 'RequirementEntry', id: entryIds[0] }]);
    expect(diff.changedCriteria).toEqual([crit[0]!.code]);
    expect(diff.comments.find((c) => c.id === c1Comment.id)).toMatchObject({ answered: true, criterionChanged: true });
    expect(diff.comments.filter((c) => !c.answered)).toHaveLength(1);
    await expect(deptClient.accept(v2.id!)).rejects.toMatchObject({ code: 'CONFLICT' });
    await deptClient.conclude(v2.id!, {
      level: 1,
      findings: 'Hồ sơ đầy đủ sau khi bổ sung.',
      conclusion: 'Trường đạt Mức 1.',
      recommendation: 'Tiếp tục cải tiến chất lượng.',
    });
    expect((await deptClient.accept(v2.id!)).state).toBe('accepted');
    const audit = await deptClient.audit(v2.id!);
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['assign', 'download', 'judgments', 'return', 'reply', 'conclusion', 'accept']),
    );
    expect(audit.find((a) => a.action === 'return')).toMatchObject({ actorName: 'pgda.insp' });

    // --- the admin records the decision; dashboard and documents ------------------------------------
    await deptClient.setup({ serverUrl: s.url, username: 'pgda.admin', password: TEST_PASSWORD });
    const rec = await deptClient.decide(v2.id!, { number: '123/QĐ-SGDĐT', date: '2026-03-01', validYears: 5 });
    expect(rec).toMatchObject({ level: 1, validUntil: '2031-03-01', expiringSoon: false });
    const dash = await deptClient.dashboard();
    expect(dash.schools.find((x) => x.code === 'SCH-A1')).toMatchObject({
      state: 'accepted',
      level: 1,
      validUntil: '2031-03-01',
    });
    expect(dash.byState.find((x) => x.state === 'accepted')!.count).toBe(1);
    expect(dash.levels).toEqual([{ frameworkId: FRAMEWORK, level: 1, count: 1 }]);
    expect(dash.facilities.digitalRecordsShare).toBe(1);

    const report = await writeReviewReport(deptClient, v2.id!, path.join(os.tmpdir(), `tc-review-${process.pid}.docx`));
    const doc = await readDocx(report.path);
    expect(doc.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(doc.text).toContain('Trường Tiểu học A1');
    expect(doc.text).toContain('Trường đạt Mức 1.');
    expect(doc.tables.some((t) => t.rows.some((r) => r.cells[0] === crit[0]!.code && r.cells[3]!.includes('chữ ký')))).toBe(true);
    fs.rmSync(report.path, { force: true });

    const xlsx = await writeDashboardTable(deptClient, 'schools');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.path);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Mã');
    const a1Row = ws.getRows(2, ws.rowCount - 1)!.find((r) => r.getCell(1).value === 'SCH-A1')!;
    expect(a1Row.getCell(4).value).toBe('Đã được công nhận kết quả');
  }, 240_000);
});
