/**
 * Issue 8, items 3 and 5: the team's level from the level engine and the review's documents,
 * on a real department server and a real department workstation. A TT 57 school submits (every
 * requirement met and backed by evidence); a team of three judges it — the lead on the
 * workstation, two members through the server's HTTP API — with a lead override, a tie and the
 * Điều 16 conditions; each document is built and read back from the .docx.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citationToken } from '../core/evidence/citations';
import type { LevelsFramework } from '../core/frameworks/framework.schema';
import { allCriteria } from '../core/frameworks/lookup';
import { joinNoteEvidence, NATIONAL_STANDARD_CODE } from '../core/levels/team-level-conditions';
import type { RpcError } from '../contract/rpc';
import type { JudgmentInput, ReviewStatus } from '../contract/schemas/review';
import { getFrameworkRegistry, type FrameworkRegistry } from '../backend/frameworks/framework-loader';
import { AssessmentEntity, RequirementEntryEntity } from '../backend/modules/assessment/entities';
import { buildAppraisalSummary } from '../backend/modules/review/appraisal-summary';
import type { ReviewClient } from '../backend/modules/review/client';
import { buildReviewReport } from '../backend/modules/review/review-report';
import { reviewClientFor, writeReviewReport } from '../backend/modules/review/handlers';
import { defaultResourcesDir } from '../backend/platform/paths';
import { readDocx, type DocxContent } from '../backend/reports/docx-read';
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

const ASSESSMENT_ID = '0190cccc-0000-7000-8000-000000000001';
const FRAMEWORK = 'tt57-2026-pl2-pho-thong';

const rowOf = (doc: DocxContent, first: string) =>
  doc.tables.flatMap((t) => t.rows).find((r) => r.cells[0] === first)?.cells ?? [];

describe('review documents and the team level (SQLite server)', () => {
  let s: TestSyncServer;
  let school: Device;
  let dept: Device;
  let frameworks: FrameworkRegistry;
  let fw: LevelsFramework;
  let client: ReviewClient;
  let submissionId: string;
  let evidence: { id: string; code: string };
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-review-docs-'));
  const members: { id: string; token: string }[] = [];

  /** A member's judgments sent the way the workstation sends them, with the member's own session. */
  async function pushAs(token: string, judgments: Omit<JudgmentInput, 'id' | 'updatedAt' | 'agree' | 'note' | 'levelReached'>[]) {
    const res = await fetch(`${s.url}/api/review/dossiers/${submissionId}/judgments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        judgments: judgments.map((j) => ({
          ...j,
          id: crypto.randomUUID(),
          updatedAt: new Date().toISOString(),
          agree: '',
          note: '',
          levelReached: null,
        })),
        comments: [],
      }),
    });
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    s = await startSyncServer('sqlite');
    school = await newDevice('A1');
    dept = await newDevice('SO', { code: 'SO-MAY', name: 'Máy của Sở' });
    frameworks = await getFrameworkRegistry(defaultResourcesDir());
    fw = frameworks.require(FRAMEWORK) as LevelsFramework;
    client = reviewClientFor({ dataDir: dept.dir, frameworks, ds: dept.local.backend.readSource });
    const sys = { kind: 'system' } as const;
    for (const username of ['pgda.insp2', 'pgda.insp3']) {
      const a = await s.server.services.accounts.create(sys, {
        username,
        displayName: username === 'pgda.insp2' ? 'Phạm Văn Hai' : 'Trần Thị Ba',
        role: 'inspector',
        orgUnitId: s.fx.units.pgdA.id,
        password: TEST_PASSWORD,
      });
      const login = (await (
        await fetch(`${s.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: TEST_PASSWORD }),
        })
      ).json()) as { token: string };
      members.push({ id: a.id, token: login.token });
    }

    // The school: every requirement of Mức 1 and Mức 2 met, described, citing one evidence file.
    await enrol(school, s.url);
    const ev = await addEvidence(school, {
      title: 'Biên bản công nhận tốt nghiệp khóa 2022–2026',
      assessmentId: ASSESSMENT_ID,
      bytes: Buffer.from('%PDF-1.4 bien ban'),
    });
    evidence = { id: ev.id, code: ev.code };
    await school.local.backend.writes.run('cli', async (tx) => {
      await tx.insert(AssessmentEntity, approvedAssessment(ASSESSMENT_ID, FRAMEWORK));
      for (const c of allCriteria(fw))
        for (const l of c.levels)
          for (const r of l.requirements)
            await tx.insert(RequirementEntryEntity, {
              assessmentId: ASSESSMENT_ID,
              criterionCode: c.code,
              level: l.level,
              requirementCode: r.code,
              description: `Nhà trường thực hiện đầy đủ ${citationToken(ev.id)}.`,
              judgment: 'met',
              carriedOver: false,
              confirmedAt: null,
              confirmedBy: null,
              updatedBy: null,
            } as never);
    });
    expect((await school.local.call('sync.run', {})).errors).toEqual([]);
    submissionId = (await school.local.call('sync.submit', { kind: 'assessment', assessmentId: ASSESSMENT_ID })).id!;

    await client.setup({ serverUrl: s.url, username: 'pgda.admin', password: TEST_PASSWORD });
    await client.assign(submissionId, { leadId: s.fx.accounts.pgdaInsp.id, memberIds: members.map((m) => m.id) });
    await client.setup({ serverUrl: s.url, username: 'pgda.insp', password: TEST_PASSWORD });
    await client.download(submissionId);
  }, 180_000);

  afterAll(async () => {
    await school?.close();
    await dept?.close();
    await s?.stop();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('computes the school level of the dossier with the engine, and the team level from the merged judgments', async () => {
    const d = await client.dossier(submissionId);
    expect(d.schoolLevel).toBe(2);
    expect(d.schoolLevelExplanation).toContain('Kết quả: đạt Mức 2.');
    expect(d.criteria.every((c) => c.schoolLevel === 2)).toBe(true);
    expect(d.conditions?.map((c) => [c.key, c.judged])).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
      ['d', true],
    ]);

    // The lead, on the workstation: everything met, except 1.3 Mức 2 (mandatory) not met; 2.1 Mức 2 left to the members.
    for (const c of allCriteria(fw))
      for (const l of c.levels) {
        if (c.code === '2.1' && l.level === 2) continue;
        await client.judge({
          submissionId,
          criterionCode: c.code,
          level: l.level,
          requirementCode: '1',
          judgment: c.code === '1.3' && l.level === 2 ? 'not_met' : 'met',
          agree: c.code === '1.3' && l.level === 2 ? 'disagree' : 'agree',
          note: c.code === '1.3' && l.level === 2 ? 'Chưa có minh chứng rà soát kế hoạch.' : '',
        });
      }
    await client.judge({ submissionId, criterionCode: '1.1', judgment: 'unassessed', levelReached: 2, agree: 'agree', note: '' });
    await client.judge({
      submissionId,
      criterionCode: NATIONAL_STANDARD_CODE,
      level: 1,
      requirementCode: 'a',
      judgment: 'met',
      agree: '',
      note: joinNoteEvidence('Khóa 2022–2026 đã hoàn thành chương trình.', [evidence.id]),
    });
    expect((await client.dossier(submissionId)).conditions?.find((c) => c.key === 'a')?.mine).toMatchObject({
      judgment: 'met',
      evidenceIds: [evidence.id],
      pushed: false,
    });
    expect((await client.pushJudgments(submissionId)).judgments).toBe(31);

    // The members: everything met, but split 1–1 on 2.1 Mức 2; both find condition b met.
    const all = (split: 'met' | 'not_met') =>
      allCriteria(fw).flatMap((c) =>
        c.levels.map((l) => ({
          criterionCode: c.code,
          level: l.level,
          requirementCode: '1',
          judgment: (c.code === '2.1' && l.level === 2 ? split : 'met') as 'met' | 'not_met',
        })),
      );
    const b = { criterionCode: NATIONAL_STANDARD_CODE, level: 1, requirementCode: 'b', judgment: 'met' as const };
    await pushAs(members[0]!.token, [...all('met'), b]);
    await pushAs(members[1]!.token, [...all('not_met'), b]);

    const team = await client.team(submissionId);
    const p = team.proposed!;
    expect(p.frameworkId).toBe(FRAMEWORK);
    // 1.3: the lead's "not met" overrides two "met"; 2.1: a tie counts as not met. Both are mandatory.
    expect(p.criteria.find((c) => c.criterionCode === '1.3')).toMatchObject({ level: 1, mandatory: true, ties: [] });
    expect(p.criteria.find((c) => c.criterionCode === '1.3')!.explanation).toContain('theo trưởng đoàn');
    expect(p.criteria.find((c) => c.criterionCode === '2.1')).toMatchObject({ level: 1, ties: ['2.1'] });
    expect(p.criteria.find((c) => c.criterionCode === '1.1')).toMatchObject({ level: 2, assessed: true });
    expect(p.requirements.find((r) => r.criterionCode === '1.3' && r.level === 2)).toMatchObject({
      judgment: 'not_met',
      basis: 'lead',
    });
    expect(p.school).toMatchObject({ level: 1, label: 'Mức 1' });
    expect(p.school.explanation).toContain('1.3, 2.1 (bắt buộc) cần Mức 2, hiện Mức 1');
    expect(p.school.explanation).toContain('Ngang phiếu, tính là chưa đạt: 2.1 (Mức 2: 1).');
  });

  it('writes the review report with the team level beside the school level', async () => {
    const r = await writeReviewReport(client, submissionId, path.join(out, 'bao-cao.docx'));
    expect(r).toMatchObject({ kind: 'report', fileName: 'bao-cao.docx' });
    const doc = await readDocx(r.path);
    expect(doc.text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(doc.tables[0]!.rows[0]!.cells[0]).toContain('Phòng GDĐT A');
    expect(rowOf(doc, 'Tiêu chí')).toEqual(['Tiêu chí', 'Trường tự đánh giá', 'Đoàn đánh giá', 'Nhận xét của đoàn']);
    expect(rowOf(doc, '1.3')[1]).toBe('Mức 2');
    expect(rowOf(doc, '1.3')[2]).toContain('Theo các yêu cầu: Mức 1');
    expect(rowOf(doc, '2.1')[2]).toContain('Ngang phiếu (tính chưa đạt): 2.1');
    expect(rowOf(doc, '1.1')[2]).toContain('pgda.insp: Mức 2');
    expect(doc.text).toContain('Trường tự đánh giá: Mức 2.');
    expect(doc.text).toContain('Theo đánh giá từng yêu cầu của đoàn: Mức 1.');
    // The account's unit (Phòng GDĐT A) issues it; the server names the Sở above it (as
    // context, not visible), so the header carries both names, nothing invented.
    expect(doc.tables[0]!.rows[0]!.cells[0]).toContain('Sở GDĐT Thử Nghiệm');
    expect(doc.tables[0]!.rows[0]!.cells[0]).toContain('Phòng GDĐT A');
    const highlighted = doc.paragraphs.flatMap((x) => x.highlighted).join(' ');
    expect(highlighted).toContain('mức kết luận của đoàn');
    expect(r.gaps.map((g) => g.key)).not.toContain('unit.managingBody');
    expect(r.gaps.map((g) => g.key)).toEqual(expect.arrayContaining(['conclusion.level', 'conclusion']));
  });

  it("writes every member's criterion evaluation sheet in one file", async () => {
    const r = await writeReviewReport(client, submissionId, path.join(out, 'phieu.docx'), 'member-sheets');
    const doc = await readDocx(r.path);
    expect(doc.paragraphs.filter((x) => x.text === 'PHIẾU ĐÁNH GIÁ TIÊU CHÍ')).toHaveLength(3);
    expect(doc.paragraphs.filter((x) => x.style === 'Heading1').map((x) => x.text)).toEqual([
      '1. pgda.insp – Trưởng đoàn',
      '2. Phạm Văn Hai – Thành viên',
      '3. Trần Thị Ba – Thành viên',
    ]);
    expect(doc.text.match(/NGƯỜI ĐÁNH GIÁ/g)).toHaveLength(3);
    // The lead's sheet: 1.3 Mức 2 not met, disagreeing with the school, with the note.
    const lead13 = doc.tables.find((t) => t.rows.some((row) => row.cells[5] === 'Chưa có minh chứng rà soát kế hoạch.'))!;
    expect(lead13.rows.find((row) => row.cells[0] === '2')!.cells.slice(2, 5)).toEqual(['Đạt', 'Chưa đạt', 'Không đồng ý']);
    expect(doc.text).toContain('Mức đạt được: Mức 2; đồng ý với kết quả tự đánh giá của trường (Mức 2).');
    // The lead's Điều 16 judgment with the evidence code; the lead left 2.1 Mức 2 unjudged: a gap.
    expect(doc.tables.some((t) => t.rows.some((row) => row.cells[0] === 'a)' && row.cells[2]!.includes(evidence.code)))).toBe(
      true,
    );
    expect(r.gaps.map((g) => g.key)).toContain(`member.${s.fx.accounts.pgdaInsp.id}.2.1`);
    expect(doc.sections.length).toBe(3);
  });

  it('writes the national-standard appraisal summary with the Điều 16 conditions and their evidence', async () => {
    const r = await writeReviewReport(client, submissionId, path.join(out, 'bien-ban.docx'), 'appraisal-summary');
    const doc = await readDocx(r.path);
    expect(doc.text).toContain('Tổng hợp kết quả thẩm định đề nghị công nhận trường đạt chuẩn quốc gia');
    const a = rowOf(doc, 'a)');
    expect(a[1]).toBe(fw.nationalStandard!.conditions[0]!.text);
    expect(a.slice(2, 4)).toEqual(['Đạt', evidence.code]);
    expect(a[4]).toContain('Khóa 2022–2026 đã hoàn thành chương trình.');
    expect(rowOf(doc, 'b)')[2]).toBe('Đạt');
    expect(rowOf(doc, 'b)')[4]).toContain('đa số 2/2');
    expect(rowOf(doc, 'c)')[2]).toBe('Đạt');
    expect(rowOf(doc, 'd)')[2]).toBe('[Chưa có]');
    expect(r.gaps.map((g) => g.key)).toEqual(expect.arrayContaining(['condition.d', 'condition.b.evidence']));
    expect(doc.text).toContain('Chưa kết luận được: d) chưa có đánh giá của đoàn.');
  });

  it('refuses the decision until one is recorded, then writes it with number, date, level and validity', async () => {
    await expect(writeReviewReport(client, submissionId, path.join(out, 'qd.docx'), 'decision')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Chưa có quyết định công nhận'),
    } satisfies Partial<RpcError>);
    await client.conclude(submissionId, {
      level: 1,
      findings: 'Hồ sơ đầy đủ.',
      conclusion: 'Trường đạt Mức 1.',
      recommendation: '',
    });
    await client.accept(submissionId);
    await client.setup({ serverUrl: s.url, username: 'pgda.admin', password: TEST_PASSWORD });
    await client.decide(submissionId, { number: '45/QĐ-PGDĐT', date: '2027-03-02', validYears: 5 });

    const r = await writeReviewReport(client, submissionId, path.join(out, 'qd.docx'), 'decision');
    const doc = await readDocx(r.path);
    expect(doc.text).toContain('Số: 45/QĐ-PGDĐT');
    expect(doc.text).toContain('…, ngày 02 tháng 3 năm 2027');
    expect(doc.text).toContain('Về việc công nhận Trường Tiểu học A1 đạt chuẩn quốc gia');
    expect(doc.text).toContain('Công nhận Trường Tiểu học A1 đạt chuẩn quốc gia Mức độ 1 (kết quả đánh giá ngoài đạt Mức 1).');
    expect(doc.text).toContain('Thời hạn công nhận là 05 năm, kể từ ngày 02 tháng 3 năm 2027 đến ngày 02 tháng 3 năm 2032.');
    expect(doc.text).toContain('TRƯỞNG PHÒNG');
    expect(r.gaps.map((g) => g.key)).toEqual(['decision.signer']);

    // With the conclusion, the report prints the concluded level next to the proposal.
    const report = await readDocx((await writeReviewReport(client, submissionId, path.join(out, 'bao-cao-2.docx'))).path);
    expect(report.text).toContain('Đoàn kết luận: Mức 1.');
    expect(report.text).toContain('Trường đạt Mức 1.');
  });

  it('takes the managing body from the parent unit, and refuses the appraisal for a non-TT 57 dossier', async () => {
    const data = await client.reportData(submissionId);
    const status: ReviewStatus = {
      ...data.status,
      units: [
        { id: 'so', parentId: null, kind: 'so', code: 'SO', name: 'Sở GDĐT Thử Nghiệm' },
        ...data.status.units.map((u) => (u.id === data.status.account!.unit.id ? { ...u, parentId: 'so' } : u)),
      ],
    };
    const b = buildReviewReport({ ...data, status });
    expect(b.gaps.map((g) => g.key)).not.toContain('unit.managingBody');
    const doc = await readDocx(await b.toBuffer());
    expect(doc.tables[0]!.rows[0]!.cells[0]).toContain('Sở GDĐT Thử Nghiệm');

    const tt18 = frameworks.require('tt18-2018-thcs-thpt');
    expect(() => buildAppraisalSummary({ ...data, framework: tt18, dossier: { ...data.dossier, frameworkId: tt18.id } })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION',
        message: expect.stringContaining('chỉ lập cho hồ sơ theo Thông tư 57/2026'),
      }),
    );
  });
});
