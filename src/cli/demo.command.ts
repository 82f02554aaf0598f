import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Command } from 'commander';
import type { MethodInput, MethodName, MethodOutput } from '../contract/methods';
import { RpcError } from '../contract/rpc';
import type { Role } from '../contract/schemas/common';
import { citationToken } from '../core/evidence/citations';
import { EvidenceLibrary } from '../backend/modules/evidence/library';
import { databaseFile, defaultResourcesDir } from '../backend/platform/paths';
import type { Connection } from '../backend/rpc/router';
import { CliError, printResult, type CliContext } from './output';
import { resolveDataDir, withLocal, type LocalBackend } from './local-backend';

/**
 * `truong-chuan demo seed`: a realistic sample school for demonstrations, screenshots and
 * manual testing — a THCS in Buôn Ma Thuột (Đắk Lắk) with a TT 57 self-assessment in progress:
 * six accounts, a council of seven with working groups and assignments, Mức 1 descriptions
 * citing real evidence files, judgments, one criterion returned with a comment, one approved,
 * the plan, per-standard summaries, the improvement plan and the data annex. Every write goes
 * through the same RPC methods and services as the app (the evidence files through the
 * evidence library's `addFiles`).
 */

export const DEMO_PASSWORD = 'truongchuan2026';
const FRAMEWORK = 'tt57-2026-pl2-pho-thong';
const YEAR = '2026-2027';

const SCHOOL = {
  name: 'Trường THCS Nguyễn Chí Thanh',
  code: '66000517',
  levels: ['thcs' as const],
  ownership: 'cong_lap' as const,
  address: '45 Nguyễn Chí Thanh, phường Buôn Ma Thuột, tỉnh Đắk Lắk',
  province: 'Đắk Lắk',
  managingBody: 'Ủy ban nhân dân phường Buôn Ma Thuột',
  principal: 'Nguyễn Văn Thành',
  phone: '0262 3852 417',
  email: 'thcsnguyenchithanh@daklak.edu.vn',
  sites: [
    { name: 'Điểm chính', address: '45 Nguyễn Chí Thanh, phường Buôn Ma Thuột, tỉnh Đắk Lắk', isMain: true },
    { name: 'Điểm lẻ buôn Ako Dhông', address: 'Buôn Ako Dhông, phường Tân Lập, tỉnh Đắk Lắk', isMain: false },
  ],
};

const USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'ht.thanh', displayName: 'Nguyễn Văn Thành', role: 'council_member' },
  { username: 'pht.hoa', displayName: 'Phạm Thị Hoa', role: 'council_member' },
  { username: 'tk.linh', displayName: 'Trần Thị Mỹ Linh', role: 'secretary' },
  { username: 'gv.hlinh', displayName: "H'Linh Niê", role: 'council_member' },
  { username: 'tb.phuc', displayName: 'Lê Văn Phúc', role: 'equipment_officer' },
];

type EvidenceKey =
  | 'khNamHoc'
  | 'nqVienChuc'
  | 'qdPhanCong'
  | 'congKhaiTaiChinh'
  | 'qdHoiDong'
  | 'hoSoCbql'
  | 'dsGiaoVien'
  | 'dsNhanVien'
  | 'khToChuyenMon'
  | 'bbShcm'
  | 'khTraiNghiem'
  | 'kqHocTap'
  | 'anhPhongTin'
  | 'bbKiemKe'
  | 'khAnToan'
  | 'gcnAttp'
  | 'bbCmhs';

interface DemoEvidence {
  key: EvidenceKey;
  criterion: string;
  file: string;
  title: string;
  documentNumber: string;
  issuedDate: string;
  issuer: string;
  validUntil?: string;
  lines: string[];
}

const ISSUER = 'Trường THCS Nguyễn Chí Thanh';

const EVIDENCE: DemoEvidence[] = [
  {
    key: 'khNamHoc',
    criterion: '1.1',
    file: 'ke-hoach-giao-duc-nha-truong-2026-2027.pdf',
    title: 'Kế hoạch giáo dục nhà trường năm học 2026-2027',
    documentNumber: '112/KH-THCSNCT',
    issuedDate: '2026-09-10',
    issuer: ISSUER,
    lines: ['Muc tieu, nhiem vu trong tam nam hoc 2026-2027', '22 lop, 874 hoc sinh; 48 giao vien'],
  },
  {
    key: 'nqVienChuc',
    criterion: '1.1',
    file: 'nghi-quyet-hoi-nghi-vien-chuc.pdf',
    title: 'Nghị quyết Hội nghị viên chức, người lao động năm học 2026-2027',
    documentNumber: '05/NQ-HNVC',
    issuedDate: '2026-10-05',
    issuer: ISSUER,
    lines: ['Hoi nghi vien chuc, nguoi lao dong ngay 05/10/2026'],
  },
  {
    key: 'qdPhanCong',
    criterion: '1.2',
    file: 'quyet-dinh-phan-cong-nhiem-vu.pdf',
    title: 'Quyết định phân công nhiệm vụ cán bộ, giáo viên, nhân viên năm học 2026-2027',
    documentNumber: '98/QĐ-THCSNCT',
    issuedDate: '2026-08-28',
    issuer: ISSUER,
    lines: ['Phan cong giang day va kiem nhiem', '4 to chuyen mon, 1 to van phong'],
  },
  {
    key: 'congKhaiTaiChinh',
    criterion: '1.3',
    file: 'bao-cao-cong-khai-tai-chinh-2026.txt',
    title: 'Báo cáo công khai tài chính năm 2026',
    documentNumber: '15/BC-THCSNCT',
    issuedDate: '2026-07-15',
    issuer: ISSUER,
    lines: [],
  },
  {
    key: 'qdHoiDong',
    criterion: '1.4',
    file: 'quyet-dinh-thanh-lap-hoi-dong-tu-danh-gia.pdf',
    title: 'Quyết định thành lập Hội đồng tự đánh giá năm học 2026-2027',
    documentNumber: '120/QĐ-THCSNCT',
    issuedDate: '2026-09-20',
    issuer: ISSUER,
    lines: ['Hoi dong tu danh gia gom 07 thanh vien', 'Chu tich: Nguyen Van Thanh, Hieu truong'],
  },
  {
    key: 'hoSoCbql',
    criterion: '2.1',
    file: 'ho-so-can-bo-quan-ly.pdf',
    title: 'Hồ sơ bổ nhiệm, văn bằng và chứng chỉ của cán bộ quản lý',
    documentNumber: '',
    issuedDate: '2026-09-01',
    issuer: 'Ủy ban nhân dân phường Buôn Ma Thuột',
    lines: ['Quyet dinh bo nhiem Hieu truong, Pho Hieu truong'],
  },
  {
    key: 'dsGiaoVien',
    criterion: '2.2',
    file: 'danh-sach-giao-vien-trinh-do-dao-tao.txt',
    title: 'Danh sách giáo viên và trình độ đào tạo năm học 2026-2027',
    documentNumber: '',
    issuedDate: '2026-09-05',
    issuer: ISSUER,
    lines: [],
  },
  {
    key: 'dsNhanVien',
    criterion: '2.3',
    file: 'danh-sach-nhan-vien-ho-tro.txt',
    title: 'Danh sách nhân sự hỗ trợ giáo dục',
    documentNumber: '',
    issuedDate: '2026-09-05',
    issuer: ISSUER,
    lines: [],
  },
  {
    key: 'khToChuyenMon',
    criterion: '3.1',
    file: 'ke-hoach-giao-duc-to-chuyen-mon.pdf',
    title: 'Kế hoạch giáo dục của các tổ chuyên môn năm học 2026-2027',
    documentNumber: '',
    issuedDate: '2026-09-08',
    issuer: 'Các tổ chuyên môn',
    lines: ['To Toan - Tin, To Ngu van - Lich su - Dia ly, To Khoa hoc tu nhien, To Ngoai ngu - Nghe thuat'],
  },
  {
    key: 'bbShcm',
    criterion: '3.2',
    file: 'bien-ban-sinh-hoat-chuyen-mon-nghien-cuu-bai-hoc.pdf',
    title: 'Biên bản sinh hoạt chuyên môn theo nghiên cứu bài học tổ Toán – Tin',
    documentNumber: '',
    issuedDate: '2026-10-21',
    issuer: 'Tổ Toán – Tin',
    lines: ['Bai hoc: Phuong trinh bac nhat mot an (Toan 8)'],
  },
  {
    key: 'khTraiNghiem',
    criterion: '3.3',
    file: 'ke-hoach-trai-nghiem-huong-nghiep.pdf',
    title: 'Kế hoạch hoạt động trải nghiệm, hướng nghiệp năm học 2026-2027',
    documentNumber: '118/KH-THCSNCT',
    issuedDate: '2026-09-15',
    issuer: ISSUER,
    lines: ['Trai nghiem tai buon Ako Dhong; ngay hoi huong nghiep lop 9'],
  },
  {
    key: 'kqHocTap',
    criterion: '3.5',
    file: 'tong-hop-ket-qua-hoc-tap-ren-luyen-2025-2026.txt',
    title: 'Bảng tổng hợp kết quả học tập và rèn luyện năm học 2025-2026',
    documentNumber: '',
    issuedDate: '2026-05-30',
    issuer: ISSUER,
    lines: [],
  },
  {
    key: 'anhPhongTin',
    criterion: '4.1',
    file: 'anh-phong-hoc-bo-mon-tin-hoc.png',
    title: 'Ảnh phòng học bộ môn Tin học',
    documentNumber: '',
    issuedDate: '2026-09-12',
    issuer: 'Nhân viên thiết bị',
    lines: [],
  },
  {
    key: 'bbKiemKe',
    criterion: '4.1',
    file: 'bien-ban-kiem-ke-tai-san-thiet-bi-2026.pdf',
    title: 'Biên bản kiểm kê tài sản, thiết bị dạy học năm 2026',
    documentNumber: '07/BB-KK',
    issuedDate: '2026-12-28',
    issuer: 'Ban kiểm kê tài sản',
    lines: ['Kiem ke tai san co dinh va thiet bi day hoc den 31/12/2026'],
  },
  {
    key: 'khAnToan',
    criterion: '4.2',
    file: 'ke-hoach-bao-dam-an-toan-truong-hoc.pdf',
    title: 'Kế hoạch bảo đảm an toàn trường học, phòng chống bạo lực học đường',
    documentNumber: '115/KH-THCSNCT',
    issuedDate: '2026-09-12',
    issuer: ISSUER,
    lines: ['An toan truong hoc, phong chong bao luc hoc duong, duoi nuoc'],
  },
  {
    key: 'gcnAttp',
    criterion: '4.2',
    file: 'giay-chung-nhan-an-toan-thuc-pham-bep-ban-tru.pdf',
    title: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (bếp ăn bán trú)',
    documentNumber: '218/2023/ATTP-CNĐK',
    issuedDate: '2023-07-01',
    issuer: 'Ban Quản lý an toàn thực phẩm tỉnh Đắk Lắk',
    validUntil: '2026-06-30',
    lines: ['Hieu luc den 30/06/2026'],
  },
  {
    key: 'bbCmhs',
    criterion: '4.3',
    file: 'bien-ban-hop-ban-dai-dien-cmhs.pdf',
    title: 'Biên bản họp Ban đại diện cha mẹ học sinh đầu năm học 2026-2027',
    documentNumber: '',
    issuedDate: '2026-09-26',
    issuer: 'Ban đại diện cha mẹ học sinh',
    lines: ['Thong nhat ke hoach phoi hop giao duc hoc sinh'],
  },
];

const TEXT_FILES: Partial<Record<EvidenceKey, string>> = {
  congKhaiTaiChinh:
    'BÁO CÁO CÔNG KHAI TÀI CHÍNH NĂM 2026\nTrường THCS Nguyễn Chí Thanh\n\n1. Dự toán ngân sách được giao: 9.842.000.000 đồng\n2. Chi thanh toán cá nhân: 8.105.000.000 đồng\n3. Chi hoạt động chuyên môn, mua sắm, sửa chữa: 1.737.000.000 đồng\nĐã niêm yết công khai tại bảng tin và cổng thông tin điện tử của trường.\n',
  dsGiaoVien:
    'DANH SÁCH GIÁO VIÊN VÀ TRÌNH ĐỘ ĐÀO TẠO — NĂM HỌC 2026-2027\nTổng số giáo viên: 48 (nữ: 35; dân tộc thiểu số: 6)\nTrình độ: Thạc sĩ 4; Đại học 44; chưa đạt chuẩn 0\nTỉ lệ giáo viên/lớp: 2,18\n',
  dsNhanVien:
    'DANH SÁCH NHÂN SỰ HỖ TRỢ GIÁO DỤC\nKế toán: 01; Văn thư – thủ quỹ: 01; Thư viện – thiết bị: 02; Y tế học đường: 01; Bảo vệ: 02\n',
  kqHocTap:
    'TỔNG HỢP KẾT QUẢ HỌC TẬP VÀ RÈN LUYỆN NĂM HỌC 2025-2026 (836 học sinh)\nHọc tập: Tốt 27,4%; Khá 41,9%; Đạt 29,1%; Chưa đạt 1,6%\nRèn luyện: Tốt 86,2%; Khá 12,3%; Đạt 1,5%; Chưa đạt 0%\nHoàn thành chương trình THCS (lớp 9): 99,5%\n',
};

// ---------------------------------------------------------------------------------------------
// Small real files

function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '-')
    .replace(/([()\\])/g, '\\$1');
}

/** A one-page PDF 1.4 with Helvetica text (ASCII: the base-14 fonts have no Vietnamese glyphs). */
export function makePdf(title: string, lines: string[]): Buffer {
  const text = [
    `BT /F1 16 Tf 56 780 Td (${ascii(title)}) Tj ET`,
    ...lines.map((l, i) => `BT /F1 11 Tf 56 ${740 - i * 18} Td (${ascii(l)}) Tj ET`),
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text, 'latin1')} >>\nstream\n${text}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A small RGB PNG: a blue wall, a row of "screens", a brown floor (a stylised computer room). */
export function makePng(width = 96, height = 64): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const floor = y > height * 0.7;
      const screen = !floor && y > height * 0.35 && y < height * 0.5 && x % 16 > 3 && x % 16 < 13;
      const [r, g, b] = floor ? [150, 110, 70] : screen ? [30, 30, 40] : [200, 225, 245];
      row.writeUInt8(r, 1 + x * 3);
      row.writeUInt8(g, 2 + x * 3);
      row.writeUInt8(b, 3 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(2, 9);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function writeDemoFiles(dir: string): Map<EvidenceKey, string> {
  const out = new Map<EvidenceKey, string>();
  for (const e of EVIDENCE) {
    const file = path.join(dir, e.file);
    const bytes = e.file.endsWith('.png')
      ? makePng()
      : e.file.endsWith('.txt')
        ? Buffer.from(TEXT_FILES[e.key] ?? `${e.title}\n`, 'utf8')
        : makePdf(e.title, [`${e.documentNumber || 'Khong so'} - ngay ${e.issuedDate}`, ...e.lines]);
    fs.writeFileSync(file, bytes);
    out.set(e.key, file);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Texts of the self-assessment (Mức 1 unless noted), citing evidence by key

type Cite = (k: EvidenceKey) => string;

const DESCRIPTIONS: {
  code: string;
  level: number;
  by: string;
  judgment: 'met' | 'not_met' | 'unassessed';
  text: (c: Cite) => string;
}[] = [
  {
    code: '1.1',
    level: 1,
    by: 'pht.hoa',
    judgment: 'met',
    text: (c) =>
      `Nhà trường xây dựng Kế hoạch giáo dục năm học 2026-2027 phù hợp với Chương trình giáo dục phổ thông 2018, quy mô 22 lớp với 874 học sinh và điều kiện thực tế của địa phương; kế hoạch xác định 05 nhiệm vụ trọng tâm, 12 chỉ tiêu chủ yếu, thời hạn và người phụ trách từng nhiệm vụ ${c('khNamHoc')}. Các chỉ tiêu được thảo luận, thống nhất tại Hội nghị viên chức, người lao động ${c('nqVienChuc')}.`,
  },
  {
    code: '1.1',
    level: 2,
    by: 'pht.hoa',
    judgment: 'met',
    text: (c) =>
      `Cuối học kỳ I, nhà trường rà soát kế hoạch trên cơ sở kết quả thực hiện và ý kiến của tổ chuyên môn, Ban đại diện cha mẹ học sinh; điều chỉnh 02 chỉ tiêu về tỉ lệ học sinh xếp loại học tập Tốt và hoạt động trải nghiệm ${c('nqVienChuc')}.`,
  },
  {
    code: '1.2',
    level: 1,
    by: 'pht.hoa',
    judgment: 'met',
    text: (c) =>
      `Nhà trường có Hiệu trưởng, 02 Phó Hiệu trưởng, 04 tổ chuyên môn và 01 tổ văn phòng; Quyết định phân công nhiệm vụ năm học 2026-2027 quy định rõ nhiệm vụ của từng cán bộ, giáo viên, nhân viên ${c('qdPhanCong')}.`,
  },
  {
    code: '1.3',
    level: 1,
    by: 'pht.hoa',
    judgment: 'met',
    text: (c) =>
      `Nhà trường quản lý tài chính, tài sản theo quy định; công khai dự toán, quyết toán ngân sách năm 2026 tại bảng tin và cổng thông tin điện tử ${c('congKhaiTaiChinh')}. Dữ liệu học sinh, đội ngũ được cập nhật đầy đủ trên cơ sở dữ liệu ngành.`,
  },
  {
    code: '1.4',
    level: 1,
    by: 'pht.hoa',
    judgment: 'met',
    text: (c) =>
      `Hiệu trưởng ra quyết định thành lập Hội đồng tự đánh giá gồm 07 thành viên, phân công nhiệm vụ cụ thể cho từng thành viên ${c('qdHoiDong')}; kết quả tự đánh giá năm học 2025-2026 được công khai và là căn cứ xây dựng kế hoạch cải tiến.`,
  },
  {
    code: '2.1',
    level: 1,
    by: 'pht.hoa',
    judgment: 'met',
    text: (c) =>
      `Hiệu trưởng và 02 Phó Hiệu trưởng đạt chuẩn trình độ đào tạo (đại học sư phạm trở lên), có chứng chỉ bồi dưỡng cán bộ quản lý và được đánh giá đạt chuẩn hiệu trưởng mức Khá trở lên ${c('hoSoCbql')}.`,
  },
  {
    code: '2.2',
    level: 1,
    by: 'pht.hoa',
    judgment: 'met',
    text: (c) =>
      `Nhà trường có 48 giáo viên, tỉ lệ 2,18 giáo viên/lớp, đủ giáo viên các môn học; 100% giáo viên đạt chuẩn trình độ đào tạo, trong đó 04 thạc sĩ ${c('dsGiaoVien')}.`,
  },
  {
    code: '3.1',
    level: 1,
    by: 'gv.hlinh',
    judgment: 'met',
    text: (c) =>
      `Các tổ chuyên môn xây dựng kế hoạch giáo dục môn học, hoạt động giáo dục theo Chương trình giáo dục phổ thông 2018, được Hiệu trưởng phê duyệt trước ngày 15/9/2026 ${c('khToChuyenMon')}.`,
  },
  {
    code: '3.2',
    level: 1,
    by: 'gv.hlinh',
    judgment: 'unassessed',
    text: (c) =>
      `Tổ chuyên môn sinh hoạt theo nghiên cứu bài học 02 lần/tháng; giáo viên vận dụng phương pháp dạy học tích cực và đánh giá thường xuyên bằng nhận xét ${c('bbShcm')}.`,
  },
  {
    code: '3.3',
    level: 1,
    by: 'gv.hlinh',
    judgment: 'unassessed',
    text: (c) =>
      `Nhà trường tổ chức hoạt động trải nghiệm tại buôn Ako Dhông, ngày hội hướng nghiệp cho học sinh lớp 9 và các câu lạc bộ thể thao, văn nghệ ${c('khTraiNghiem')}.`,
  },
  {
    code: '3.5',
    level: 1,
    by: 'gv.hlinh',
    judgment: 'not_met',
    text: (c) =>
      `Năm học 2025-2026 tỉ lệ học sinh có kết quả học tập Chưa đạt là 1,6%, cao hơn chỉ tiêu 1,0% của kế hoạch; tỉ lệ học sinh hoàn thành chương trình THCS đạt 99,5% ${c('kqHocTap')}.`,
  },
  {
    code: '4.1',
    level: 1,
    by: 'gv.hlinh',
    judgment: 'met',
    text: (c) =>
      `Nhà trường có 22 phòng học kiên cố, 05 phòng học bộ môn (trong đó phòng Tin học 40 máy tính) ${c('anhPhongTin')}; thiết bị dạy học được kiểm kê, ghi sổ theo dõi hằng năm ${c('bbKiemKe')}.`,
  },
  {
    code: '4.2',
    level: 1,
    by: 'gv.hlinh',
    judgment: 'met',
    text: (c) =>
      `Nhà trường có kế hoạch bảo đảm an toàn trường học, phòng chống bạo lực học đường và đuối nước; không để xảy ra tai nạn thương tích nghiêm trọng ${c('khAnToan')}. Bếp ăn bán trú được cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm ${c('gcnAttp')}.`,
  },
  {
    code: '4.3',
    level: 1,
    by: 'gv.hlinh',
    judgment: 'met',
    text: (c) =>
      `Nhà trường phối hợp với Ban đại diện cha mẹ học sinh, Đoàn phường và già làng buôn Ako Dhông trong giáo dục đạo đức, phòng chống bỏ học cho học sinh dân tộc thiểu số ${c('bbCmhs')}.`,
  },
];

// ---------------------------------------------------------------------------------------------

export interface DemoSeedResult {
  dataDir: string;
  school: { id: string; name: string; code: string };
  assessment: { id: string; schoolYear: string; frameworkId: string };
  users: { username: string; displayName: string; role: Role }[];
  password: string;
  counts: {
    evidence: number;
    councilMembers: number;
    described: number;
    judged: number;
    planTasks: number;
    improvementItems: number;
  };
}

/** Seeds the sample school into an empty data folder. */
export async function seedDemo(dataDir: string): Promise<DemoSeedResult> {
  if (fs.existsSync(databaseFile(dataDir))) {
    throw new CliError(`Thư mục ${dataDir} đã có dữ liệu; dữ liệu mẫu chỉ tạo trong thư mục trống.`);
  }
  return withLocal(dataDir, (local) => seedInto(local, dataDir), { create: true });
}

async function seedInto(local: LocalBackend, dataDir: string): Promise<DemoSeedResult> {
  const b = local.backend;
  let seq = 0;
  const as =
    (conn: Connection) =>
    async <M extends MethodName>(method: M, params: MethodInput<M>): Promise<MethodOutput<M>> => {
      const res = await b.router.dispatch(conn, { id: ++seq, method, params });
      if (!res.ok) throw new RpcError(res.error.code, `${method}: ${res.error.message}`, res.error.fields);
      return res.result as MethodOutput<M>;
    };
  const conn = (): Connection => ({ id: `demo-${++seq}`, trusted: true, transport: 'cli', session: null, grants: new Map() });

  const adminConn = conn();
  const admin = as(adminConn);
  const { school } = await admin('setup.initialize', {
    school: SCHOOL,
    admin: { username: 'admin', displayName: 'Trần Minh Quân', password: DEMO_PASSWORD },
  });
  const users = new Map<string, { id: string; call: ReturnType<typeof as> }>();
  for (const u of USERS) {
    const created = await admin('users.add', { ...u, password: DEMO_PASSWORD });
    const c = conn();
    await as(c)('auth.login', { username: u.username, password: DEMO_PASSWORD });
    users.set(u.username, { id: created.id, call: as(c) });
  }
  const user = (name: string) => users.get(name)!;

  const { assessment } = await admin('assessment.create', { schoolYear: YEAR, educationLevel: 'thcs', frameworkId: FRAMEWORK });
  const A = assessment.id;

  // Hội đồng tự đánh giá: 7 members, working groups, assignments.
  const seat = (over: MethodInput<'council.saveMember'>) => admin('council.saveMember', over);
  const chair = await seat({
    assessmentId: A,
    userId: user('ht.thanh').id,
    position: 'Hiệu trưởng',
    councilRole: 'chair',
    duties: 'Chỉ đạo chung; duyệt kết quả tự đánh giá từng tiêu chí.',
  });
  const hoa = await seat({
    assessmentId: A,
    userId: user('pht.hoa').id,
    position: 'Phó Hiệu trưởng',
    councilRole: 'vice_chair',
    duties: 'Phụ trách Tiêu chuẩn 1 và 2.',
  });
  const linh = await seat({
    assessmentId: A,
    userId: user('tk.linh').id,
    position: 'Tổ trưởng tổ Ngữ văn – Lịch sử – Địa lý',
    councilRole: 'secretary',
    duties: 'Tổng hợp, rà soát báo cáo; quản lý minh chứng.',
  });
  const hlinh = await seat({
    assessmentId: A,
    userId: user('gv.hlinh').id,
    position: 'Tổ trưởng tổ Toán – Tin',
    councilRole: 'member',
    duties: 'Phụ trách Tiêu chuẩn 3 và 4.',
  });
  const son = await seat({
    assessmentId: A,
    fullName: 'Y Sơn Êban',
    position: 'Tổ trưởng tổ Khoa học tự nhiên',
    councilRole: 'member',
  });
  const phuc = await seat({
    assessmentId: A,
    fullName: 'Lê Văn Phúc',
    position: 'Nhân viên thư viện – thiết bị',
    councilRole: 'member',
  });
  await seat({ assessmentId: A, fullName: 'Nguyễn Thị Kim Oanh', position: 'Chủ tịch Công đoàn', councilRole: 'member' });
  const g1 = await admin('council.saveGroup', {
    assessmentId: A,
    name: 'Nhóm công tác số 1 (Tiêu chuẩn 1, 2)',
    leaderMemberId: hoa.id,
  });
  const g2 = await admin('council.saveGroup', {
    assessmentId: A,
    name: 'Nhóm công tác số 2 (Tiêu chuẩn 3, 4)',
    leaderMemberId: hlinh.id,
  });
  for (const [m, g] of [
    [linh, g1],
    [son, g1],
    [phuc, g2],
  ] as const) {
    await admin('council.saveMember', { assessmentId: A, id: m.id, groupId: g.id });
  }
  await admin('assignment.set', {
    assessmentId: A,
    criterionCodes: ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3'],
    groupIds: [g1.id],
    dueDate: '2027-03-31',
  });
  await admin('assignment.set', {
    assessmentId: A,
    criterionCodes: ['3.1', '3.2', '3.3', '3.4', '3.5', '4.2', '4.3'],
    groupIds: [g2.id],
    dueDate: '2027-04-15',
  });
  await admin('assignment.set', {
    assessmentId: A,
    criterionCodes: ['4.1'],
    groupIds: [g2.id],
    memberIds: [phuc.id],
    dueDate: '2027-04-15',
  });

  // Minh chứng: real files added through the evidence library (content-addressed store).
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'truong-chuan-demo-'));
  const ids = new Map<EvidenceKey, string>();
  try {
    const files = writeDemoFiles(tmp);
    const lib = new EvidenceLibrary({
      ds: b.dataSource,
      writes: b.writes,
      dataDir: b.dataDir,
      resourcesDir: defaultResourcesDir(),
    });
    for (const e of EVIDENCE) {
      const outcome = await lib.addFiles(
        [files.get(e.key)!],
        { frameworkId: FRAMEWORK, criterionCode: e.criterion, assessmentId: null },
        {
          title: e.title,
          documentNumber: e.documentNumber,
          issuedDate: e.issuedDate,
          issuer: e.issuer,
          validUntil: e.validUntil ?? null,
          storageLocation: e.file.endsWith('.png') ? 'Thư mục ảnh CSVC' : 'Tủ hồ sơ kiểm định, ngăn 1',
        },
        { actor: null, onDuplicate: 'create' },
      );
      const r = outcome.results[0];
      if (!r) throw new CliError(`Không thêm được minh chứng "${e.title}": ${outcome.failed.map((f) => f.message).join('; ')}`);
      ids.set(e.key, r.evidence.id);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  // The secretary verifies most of them; two wait.
  for (const e of EVIDENCE) {
    if (e.key === 'bbShcm' || e.key === 'khTraiNghiem') continue;
    await user('tk.linh').call('evidence.verify', { id: ids.get(e.key)!, status: 'verified', reason: '' });
  }
  const cite: Cite = (k) => citationToken(ids.get(k)!);

  // Mô tả hiện trạng and judgments, written by the people in charge.
  let judged = 0;
  for (const d of DESCRIPTIONS) {
    const call = user(d.by).call;
    const base = { assessmentId: A, criterionCode: d.code, level: d.level, requirementCode: '1' };
    const ed = await call('criterion.saveRequirement', { ...base, expectedRev: 0, description: d.text(cite) });
    if (d.judgment !== 'unassessed') {
      const rev = ed.levels.find((l) => l.level === d.level)!.requirements[0]!.rev;
      await call('criterion.saveRequirement', { ...base, expectedRev: rev, judgment: d.judgment });
      judged++;
    }
  }

  // Rà soát: 1.4 approved, 1.2 returned with a comment, 2.1 waiting for review.
  const hoaCall = user('pht.hoa').call;
  const linhCall = user('tk.linh').call;
  const chairCall = user('ht.thanh').call;
  for (const code of ['1.2', '1.4', '2.1'])
    await hoaCall('review.transition', { assessmentId: A, criterionCode: code, action: 'submit', note: '' });
  await linhCall('review.transition', { assessmentId: A, criterionCode: '1.4', action: 'forward', note: '' });
  await chairCall('review.transition', { assessmentId: A, criterionCode: '1.4', action: 'approve', note: '' });
  await linhCall('review.transition', {
    assessmentId: A,
    criterionCode: '1.2',
    action: 'return',
    note: 'Đề nghị bổ sung số liệu về số giáo viên được phân công đúng chuyên môn và trích dẫn biên bản họp tổ chuyên môn đầu năm.',
    level: 1,
    requirementCode: '1',
  });
  await chairCall('review.addComment', {
    assessmentId: A,
    criterionCode: '4.2',
    level: 1,
    requirementCode: '1',
    body: 'Giấy chứng nhận an toàn thực phẩm đã hết hiệu lực từ 30/6/2026; đề nghị bổ sung giấy chứng nhận mới.',
  });

  // Kế hoạch tự đánh giá.
  let plan = await admin('plan.addDefaultTasks', { assessmentId: A });
  const owners = [chair.id, linh.id, linh.id, hoa.id, hoa.id, linh.id, chair.id, hoa.id];
  for (const [i, t] of plan.tasks.entries()) {
    const status = i < 2 ? 'done' : i === 2 ? 'in_progress' : 'todo';
    await admin('plan.saveTask', { assessmentId: A, id: t.id, expectedRev: t.rev, ownerMemberId: owners[i] ?? null, status });
  }
  plan = await admin('plan.get', { assessmentId: A });

  // Đánh giá chung của Tiêu chuẩn 4, then the improvement plan from its weaknesses.
  await user('gv.hlinh').call('summary.save', {
    assessmentId: A,
    scopeCode: '4',
    expectedRev: 0,
    strengths: 'Khuôn viên xanh, sạch, đẹp; 100% phòng học kiên cố; phối hợp tốt với cha mẹ học sinh và buôn Ako Dhông.',
    weaknesses:
      'Còn thiếu 01 phòng học bộ môn Khoa học tự nhiên; thiết bị dạy học môn Công nghệ lớp 8 chưa đủ theo danh mục tối thiểu.',
    causes: 'Kinh phí đầu tư cơ sở vật chất hạn chế; quy mô học sinh tăng 4,6% so với năm học trước.',
    trend: 'Ba năm học gần đây số phòng học bộ môn tăng từ 03 lên 05; tỉ lệ thiết bị đạt danh mục tối thiểu tăng từ 78% lên 86%.',
    priorities: 'Ưu tiên hoàn thiện phòng học bộ môn Khoa học tự nhiên và bổ sung thiết bị môn Công nghệ.',
  });
  await hoaCall('summary.save', {
    assessmentId: A,
    scopeCode: '1',
    expectedRev: 0,
    strengths: 'Kế hoạch năm học rõ nhiệm vụ trọng tâm, chỉ tiêu; công khai tài chính đầy đủ, đúng hạn.',
    weaknesses: 'Việc khai thác dữ liệu để điều chỉnh kế hoạch giữa kỳ còn ít.',
    causes: 'Một số tổ chuyên môn chưa thành thạo phân tích dữ liệu trên phần mềm quản lý.',
  });
  const issues = await admin('improvement.pullIssues', { assessmentId: A });
  const issue4 = issues.find((i) => i.standardCode === '4');
  const item1 = await admin('improvement.saveItem', {
    assessmentId: A,
    issueId: issue4?.id ?? null,
    content: 'Hoàn thiện phòng học bộ môn Khoa học tự nhiên',
    goal: 'Có 01 phòng học bộ môn Khoa học tự nhiên đạt tiêu chuẩn, đưa vào sử dụng từ học kỳ II',
    actions: 'Lập tờ trình xin kinh phí; cải tạo phòng học cũ dãy C; mua sắm bàn thí nghiệm và tủ hóa chất',
    indicator: 'Phòng học bộ môn được nghiệm thu, có lịch sử dụng',
    timeframe: 'Tháng 10/2026 – tháng 02/2027',
    startDate: '2026-10-01',
    dueDate: '2027-02-28',
    owner: 'Phó Hiệu trưởng Phạm Thị Hoa; nhân viên thiết bị',
    ownerMemberId: hoa.id,
    resources: 'Ngân sách nhà nước 350 triệu đồng; xã hội hóa',
    expectedEvidence: 'Biên bản nghiệm thu phòng học bộ môn; ảnh phòng học',
    progress: 'in_progress',
  });
  await admin('improvement.saveItem', {
    assessmentId: A,
    issueId: issue4?.id ?? null,
    content: 'Bổ sung thiết bị dạy học môn Công nghệ lớp 8',
    goal: 'Đủ 100% thiết bị theo danh mục tối thiểu môn Công nghệ lớp 8',
    actions: 'Rà soát danh mục; đề xuất mua sắm; giáo viên tự làm đồ dùng dạy học',
    indicator: 'Biên bản kiểm kê cuối năm đủ danh mục',
    timeframe: 'Học kỳ II năm học 2026-2027',
    startDate: '2027-01-15',
    dueDate: '2027-05-31',
    owner: 'Nhân viên thư viện – thiết bị Lê Văn Phúc',
    ownerMemberId: phuc.id,
    resources: 'Kinh phí chi thường xuyên',
    expectedEvidence: 'Biên bản kiểm kê thiết bị dạy học',
    progress: 'not_started',
  });
  await admin('improvement.saveMonitoring', {
    assessmentId: A,
    checkpoint: 'end_term1',
    itemId: item1.id,
    content: 'Tiến độ cải tạo phòng học bộ môn Khoa học tự nhiên',
    result: 'Đã được phê duyệt kinh phí; đang thi công, hoàn thành khoảng 60% khối lượng.',
    adjustment: 'Lùi thời hạn nghiệm thu sang 31/3/2027.',
    reviewer: 'Nguyễn Văn Thành',
    reviewedOn: '2027-01-12',
  });

  // Cơ sở dữ liệu: classes, students and results of three school years.
  const years: [string, Record<string, number>][] = [
    [
      '2024-2025',
      {
        'lop.khoi_6': 5,
        'lop.khoi_7': 5,
        'lop.khoi_8': 5,
        'lop.khoi_9': 5,
        'hoc_sinh.tong': 798,
        'hoc_sinh.nu': 391,
        'hoc_sinh.dtts': 142,
        'doi_ngu_nam.tong_gv': 45,
        'ket_qua.hoc_tap_tot': 24.8,
        'ket_qua.hoc_tap_chua_dat': 2.1,
      },
    ],
    [
      '2025-2026',
      {
        'lop.khoi_6': 6,
        'lop.khoi_7': 5,
        'lop.khoi_8': 5,
        'lop.khoi_9': 5,
        'hoc_sinh.tong': 836,
        'hoc_sinh.nu': 410,
        'hoc_sinh.dtts': 151,
        'doi_ngu_nam.tong_gv': 46,
        'ket_qua.hoc_tap_tot': 27.4,
        'ket_qua.hoc_tap_chua_dat': 1.6,
      },
    ],
    [
      '2026-2027',
      {
        'lop.khoi_6': 6,
        'lop.khoi_7': 6,
        'lop.khoi_8': 5,
        'lop.khoi_9': 5,
        'hoc_sinh.tong': 874,
        'hoc_sinh.nu': 429,
        'hoc_sinh.dtts': 158,
        'doi_ngu_nam.tong_gv': 48,
        'doi_ngu.giao_vien.tong_so': 48,
        'doi_ngu.giao_vien.nu': 35,
        'doi_ngu.giao_vien.dan_toc': 6,
        'doi_ngu.giao_vien.dat_chuan': 44,
        'doi_ngu.giao_vien.tren_chuan': 4,
      },
    ],
  ];
  for (const [schoolYear, values] of years) await admin('schoolData.set', { assessmentId: A, schoolYear, values });

  return {
    dataDir,
    school: { id: school.id, name: school.name, code: school.code },
    assessment: { id: A, schoolYear: YEAR, frameworkId: FRAMEWORK },
    users: [{ username: 'admin', displayName: 'Trần Minh Quân', role: 'admin' }, ...USERS],
    password: DEMO_PASSWORD,
    counts: {
      evidence: ids.size,
      councilMembers: 7,
      described: DESCRIPTIONS.length,
      judged,
      planTasks: plan.tasks.length,
      improvementItems: 2,
    },
  };
}

export function registerDemoCommands(program: Command, ctx: CliContext): void {
  const demo = program.command('demo').description('Dữ liệu mẫu để trình diễn và thử nghiệm');
  demo
    .command('seed')
    .description('Tạo một trường THCS mẫu ở Đắk Lắk với đợt tự đánh giá TT 57 đang thực hiện (chỉ trong thư mục dữ liệu trống)')
    .action(async (_o, cmd: Command) => {
      const o = cmd.optsWithGlobals() as { dataDir?: string; json?: boolean };
      if (!o.dataDir) throw new CliError('Hãy chỉ rõ --data-dir cho dữ liệu mẫu (không ghi vào thư mục dữ liệu thật).');
      const dataDir = resolveDataDir(o.dataDir);
      const r = await seedDemo(dataDir);
      printResult(ctx, Boolean(o.json), r, () =>
        [
          `Đã tạo dữ liệu mẫu "${r.school.name}" tại ${r.dataDir}`,
          `Đợt tự đánh giá năm học ${r.assessment.schoolYear}: ${r.counts.evidence} minh chứng, ${r.counts.described} mô tả hiện trạng, ${r.counts.judged} đánh giá.`,
          `Tài khoản (mật khẩu chung "${r.password}"): ${r.users.map((u) => `${u.username} (${u.role})`).join(', ')}`,
        ].join('\n'),
      );
    });
}
