import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures/backend';
import { ADMIN, SCHOOL } from './fixtures/school-data';
import { WizardPage } from './pages/WizardPage';
import { ShellPage } from './pages/ShellPage';
import { LoginPage } from './pages/LoginPage';
import { EvidencePage } from './pages/EvidencePage';

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** A real PNG (a blue band on white, like a scanned page header), built without any image library. */
function pngBuffer(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const band = y < height * 0.25;
      const line = !band && y % 14 === 0 && x > width * 0.1 && x < width * 0.9;
      const [r, g, b] = band ? [29, 79, 145] : line ? [170, 170, 170] : [255, 255, 255];
      row.writeUInt8(r, 1 + x * 3);
      row.writeUInt8(g, 2 + x * 3);
      row.writeUInt8(b, 3 + x * 3);
    }
    rows.push(row);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** What one page of a hand-written test PDF shows. */
interface PdfPage {
  /** A line of text (Helvetica, not embedded: drawn with a system font). */
  text: string;
  /** A filled band across the top, RGB 0..1: a colour the test can look for in the canvas. */
  band: [number, number, number];
  /** A black square as a scanner writes it: a 1-bit image in CCITT G4 (see ccittSquare). */
  scan?: boolean;
}

/**
 * A 64 × 64 white image with a black 32 × 32 square in the middle, CCITT G4-encoded by hand
 * (T.6 modes: one horizontal-mode row, rows "same as above" in vertical mode, one pass).
 * pdf.js 6 decodes CCITT only with the decoder it loads at run time from pdfjs/wasm/, so
 * this proves that file is served and allowed by the CSP.
 */
function ccittSquare(): Buffer {
  let bits = '';
  for (let y = 0; y < 64; y++) {
    if (y === 16)
      bits += '001' + '101010' + '000001101010' + '1'; // H: white 16, black 32; V0
    else if (y > 16 && y < 48)
      bits += '111'; // V0 V0 V0: as the row above
    else if (y === 48)
      bits += '0001' + '1'; // pass the square's edges, then V0
    else bits += '1'; // V0: all white
  }
  bits += '000000000001'.repeat(2); // EOFB
  bits = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
  return Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
}

/**
 * A small PDF written by hand, one page per entry. `password`: an /Encrypt dictionary whose
 * check value does not match the empty password, which is all a reader needs to ask for one.
 */
function pdfBuffer(pages: PdfPage[], { password = false } = {}): Buffer {
  const scan = ccittSquare();
  const objects: Buffer[] = [];
  const obj = (body: string | Buffer) => objects.push(Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'));
  const firstPage = 5;
  obj('<< /Type /Catalog /Pages 2 0 R >>');
  obj(`<< /Type /Pages /Kids [${pages.map((_, i) => `${firstPage + 2 * i} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  obj('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  obj(
    Buffer.concat([
      Buffer.from(
        '<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 1 ' +
          `/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 64 /Rows 64 >> /Length ${scan.length} >>\nstream\n`,
        'latin1',
      ),
      scan,
      Buffer.from('\nendstream', 'latin1'),
    ]),
  );
  pages.forEach((p, i) => {
    obj(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${firstPage + 2 * i + 1} 0 R ` +
        '/Resources << /Font << /F1 3 0 R >> /XObject << /Scan 4 0 R >> >> >>',
    );
    const stream =
      `q ${p.band.join(' ')} rg 40 700 515 100 re f Q BT /F1 18 Tf 72 660 Td (${p.text}) Tj ET` +
      (p.scan ? ' q 300 0 0 300 148 300 cm /Scan Do Q' : '');
    obj(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  });
  if (password) obj(`<< /Filter /Standard /V 1 /R 2 /O <${'4f'.repeat(32)}> /U <${'55'.repeat(32)}> /P -4 >>`);
  const encrypt = password ? `/Encrypt ${objects.length} 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>] ` : '';

  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets = objects.map((body, i) => {
    const at = length;
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    length += chunk.length;
    return at;
  });
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) tail += `${String(o).padStart(10, '0')} 00000 n \n`;
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${encrypt}>>\nstartxref\n${length}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(tail, 'latin1')]);
}

test('evidence library: upload, duplicates, codes, image and PDF preview, search without diacritics, verification', async ({
  page,
  backend,
}) => {
  // A long flow (wizard, uploads, four previews, PDFs page by page): about 2 minutes on a
  // loaded 2-core machine, over the default 120 s.
  test.setTimeout(240_000);
  const wizard = new WizardPage(page);
  const shell = new ShellPage(page);
  const login = new LoginPage(page);
  const ev = new EvidencePage(page);
  const plan = { name: 'Kế hoạch giáo dục nhà trường 2025-2026.png', mimeType: 'image/png', buffer: pngBuffer(640, 360) };
  const minutes = {
    name: 'Biên bản họp hội đồng trường.pdf',
    mimeType: 'application/pdf',
    // Three pages: a blue band, a red band, and a scanned-style black square.
    buffer: pdfBuffer([
      { text: 'Bien ban hop hoi dong truong', band: [0.11, 0.31, 0.57] },
      { text: 'Trang 2: danh sach thanh vien', band: [0.85, 0.1, 0.1] },
      { text: 'Trang 3: ban scan chu ky', band: [0.1, 0.55, 0.2], scan: true },
    ]),
  };

  await test.step('set up the school, log in again, open Minh chứng', async () => {
    await page.goto(backend.url);
    await wizard.complete(SCHOOL, ADMIN);
    await shell.expectLoaded({ displayName: ADMIN.displayName });
    await shell.logout();
    await login.login(ADMIN.username, ADMIN.password);
    await shell.expectLoaded({ displayName: ADMIN.displayName });
    await shell.open('Minh chứng');
    await expect(page).toHaveURL(/#\/evidence/);
    await ev.expectVisible();
    // A THCS school works with the TT 57 annex for phổ thông.
    await expect(page.getByTestId('ev-framework')).toContainText('TT 57/2026');
    await expect(page.getByTestId('ev-table')).toContainText('Chưa có minh chứng nào');
  });

  await test.step('upload two files under criterion 1.1: codes MC.1.1.01 and MC.1.1.02', async () => {
    await ev.openUpload();
    await ev.uploadCriterion('1.1');
    await ev.drop([plan, minutes]);
    await expect(ev.uploadItem(0)).toHaveAttribute('data-status', 'done');
    await expect(ev.uploadItem(1)).toHaveAttribute('data-status', 'done');
    await expect(ev.uploadItem(0).getByTestId('ev-upload-status')).toHaveText('Đã thêm, mã MC.1.1.01');
    await expect(ev.uploadItem(1).getByTestId('ev-upload-status')).toHaveText('Đã thêm, mã MC.1.1.02');
  });

  await test.step('the same file again, under 2.1, is reported as a duplicate; link the existing one', async () => {
    await ev.uploadCriterion('2.1');
    await ev.drop([{ ...plan, name: 'ke-hoach-ban-chup-lai.png' }]);
    const dup = ev.uploadItem(2);
    await expect(dup).toHaveAttribute('data-status', 'duplicate');
    await expect(dup.getByTestId('ev-upload-status')).toContainText('Trùng nội dung với minh chứng đã có: MC.1.1.01');
    await expect(dup.getByTestId('ev-dup-create')).toBeVisible();
    await expect(dup.getByTestId('ev-dup-skip')).toBeVisible();
    await page.screenshot({ path: path.join(artifacts, 'evidence-upload.png') });
    await dup.getByTestId('ev-dup-link').click();
    await expect(dup).toHaveAttribute('data-status', 'linked');
    await expect(dup.getByTestId('ev-upload-status')).toHaveText('Đã gắn MC.1.1.01 vào tiêu chí 2.1');
  });

  await test.step('once more under 3.1, this time as a second record: the list marks both as duplicates', async () => {
    await ev.uploadCriterion('3.1');
    await ev.drop([{ ...plan, name: 'ke-hoach-to-chuyen-mon.png' }]);
    const dup = ev.uploadItem(3);
    await expect(dup).toHaveAttribute('data-status', 'duplicate');
    await dup.getByTestId('ev-dup-create').click();
    await expect(dup.getByTestId('ev-upload-status')).toHaveText('Đã tạo bản ghi thứ hai, mã MC.3.1.01');
    await ev.closeUpload();
    await expect(ev.row('MC.3.1.01').getByTestId('ev-row-duplicate')).toBeVisible();
    await expect(ev.row('MC.1.1.01').getByTestId('ev-row-duplicate')).toBeVisible();
  });

  await test.step('the list shows the codes; MC.1.1.01 serves 1.1 and 2.1', async () => {
    await expect.poll(() => ev.codes()).toEqual(['MC.1.1.01', 'MC.1.1.02', 'MC.3.1.01']);
    await expect(ev.row('MC.1.1.01')).toContainText('Kế hoạch giáo dục nhà trường 2025-2026');
    await expect(ev.row('MC.1.1.01')).toContainText('2.1');
    await expect(ev.row('MC.1.1.01')).toContainText('Chờ xác minh');
    await expect(ev.row('MC.1.1.02')).toContainText('PDF');
  });

  await test.step('a paper original is added too', async () => {
    await page.getByTestId('ev-add-link').click();
    const modal = page.getByRole('dialog', { name: 'Thêm minh chứng dạng liên kết / bản giấy' });
    await modal.getByText('Bản giấy (lưu tại trường)').click();
    await modal.getByTestId('ev-addlink-criterion').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^1\.2\. / }).click();
    await modal.getByTestId('ev-field-title').fill('Sổ nghị quyết hội đồng trường');
    await modal.getByTestId('ev-field-storageLocation').fill('Tủ hồ sơ phòng Hiệu trưởng, hộp số 2');
    await modal.getByTestId('ev-field-issuer').fill('Hội đồng trường');
    await page.getByTestId('ev-addlink-ok').click();
    await expect(page.getByText('Đã thêm minh chứng MC.1.2.01')).toBeVisible();
    await expect(ev.drawer.getByTestId('ev-drawer-code')).toHaveText('MC.1.2.01');
    await expect(ev.drawer.getByTestId('ev-preview-paper')).toContainText('Tủ hồ sơ phòng Hiệu trưởng, hộp số 2');
    await ev.closeDrawer();
  });

  await test.step('open MC.1.1.01: the image preview shows inside the app', async () => {
    await ev.open('MC.1.1.01');
    const img = ev.drawer.getByTestId('ev-preview-image').locator('img');
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(640);
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    await page.screenshot({ path: path.join(artifacts, 'evidence-drawer.png') });
  });

  await test.step('fill in the document number, date, issuer and a past validity; verify it', async () => {
    await ev.drawerTab('Thông tin');
    await ev.drawer.getByTestId('ev-field-documentNumber').fill('125/KH-THCS');
    await ev.drawer.getByTestId('ev-field-issuedDate').fill('05/09/2025');
    await ev.drawer.getByTestId('ev-field-issuedDate').press('Enter');
    await ev.drawer.getByTestId('ev-field-issuer').fill('Trường THCS Chu Văn An');
    await ev.drawer.getByTestId('ev-field-validUntil').fill('31/05/2026');
    await ev.drawer.getByTestId('ev-field-validUntil').press('Enter');
    await ev.drawer.getByTestId('ev-info-save').click();
    await expect(page.getByText('Đã lưu minh chứng MC.1.1.01')).toBeVisible();
    await ev.drawerTab('Xác minh');
    await ev.drawer.getByTestId('ev-verify').click();
    await expect(ev.drawer.getByTestId('ev-verification')).toContainText('Đã xác minh');
    await ev.closeDrawer();
    await expect(ev.row('MC.1.1.01')).toContainText('125/KH-THCS, ngày 05/09/2025');
    await expect(ev.row('MC.1.1.01')).toContainText('Đã xác minh');
  });

  await test.step('the PDF opens inside the app: pdf.js draws it page by page under the CSP', async () => {
    const refused: string[] = [];
    page.on('console', (msg) => /Content[- ]Security[- ]Policy|Refused to/i.test(msg.text()) && refused.push(msg.text()));
    await ev.open('MC.1.1.02');
    const pdf = ev.pdfPreview;
    await expect(pdf).toHaveAttribute('data-pages', '3');
    await expect(pdf).toHaveAttribute('data-rendered-page', '1');
    await expect(pdf.getByTestId('pdf-page')).toHaveText('Trang 1 / 3');
    // The parser runs in its own worker, a same-origin asset (no blob: worker, no main-thread fallback).
    expect(page.workers().map((w) => w.url())).toContainEqual(expect.stringMatching(/\/assets\/pdf\.worker[^/]*\.mjs$/));
    expect((await ev.pdfInk()).blue).toBeGreaterThan(0.03);

    await pdf.getByTestId('pdf-next').click();
    await expect(pdf).toHaveAttribute('data-rendered-page', '2');
    await expect(pdf.getByTestId('pdf-page')).toHaveText('Trang 2 / 3');
    const second = await ev.pdfInk();
    expect(second.nonWhite).toBeGreaterThan(0.03);
    expect(second.red).toBeGreaterThan(0.03);
    expect(second.blue).toBe(0);
    await page.screenshot({ path: path.join(artifacts, 'evidence-pdf.png') });

    // Page 3's black square is a CCITT G4 image: drawn only if the decoder loaded from pdfjs/wasm/.
    await pdf.getByTestId('pdf-next').click();
    await expect(pdf).toHaveAttribute('data-rendered-page', '3');
    // The square covers 4.5 % of the page; text alone (page 2) stays far below that.
    expect(second.dark).toBeLessThan(0.01);
    expect((await ev.pdfInk()).dark).toBeGreaterThan(0.03);
    await expect(pdf.getByTestId('pdf-next')).toBeDisabled();

    // Zoom: + from fit width, then back; the canvas follows.
    const fitWidth = await ev.pdfCanvasCssWidth();
    await pdf.getByTestId('pdf-zoom-in').click();
    await expect.poll(() => ev.pdfCanvasCssWidth()).toBeGreaterThan(fitWidth);
    await pdf.getByTestId('pdf-zoom-fit').click();
    await expect.poll(() => ev.pdfCanvasCssWidth()).toBe(fitWidth);

    const download = page.waitForEvent('download');
    await ev.drawer.getByTestId('ev-download').click();
    expect((await download).suggestedFilename()).toBe('MC.1.1.02 Biên bản họp hội đồng trường.pdf');
    expect(refused).toEqual([]);
    await ev.closeDrawer();
  });

  await test.step('search by words without diacritics', async () => {
    await ev.search.fill('bien ban hop');
    await expect.poll(() => ev.codes()).toEqual(['MC.1.1.02']);
    await ev.search.fill('');
    await expect.poll(() => ev.codes()).toEqual(['MC.1.1.01', 'MC.1.1.02', 'MC.1.2.01', 'MC.3.1.01']);
    await page.screenshot({ path: path.join(artifacts, 'evidence-library.png') });
  });

  await test.step('the library check lists criteria without evidence', async () => {
    await page.getByTestId('ev-tab-health').click();
    await expect(page).toHaveURL(/#\/evidence\/health/);
    await expect(page.getByTestId('ev-health-total-evidence')).toContainText('4');
    await expect(page.getByTestId('ev-health-section-duplicates')).toContainText('1');
    await expect(page.getByTestId('ev-health-criteria')).toContainText('1.3');
    await expect(page.getByTestId('ev-health-criteria')).not.toContainText('2.1');
    await page.screenshot({ path: path.join(artifacts, 'evidence-health.png'), fullPage: true });
  });

  await test.step('a password-protected PDF and a damaged one: a clear message, and "Tải về" still works', async () => {
    await page.getByTestId('ev-tab-list').click();
    await ev.openUpload();
    await ev.uploadCriterion('1.3');
    await ev.drop([
      {
        name: 'Quyết định có mật khẩu.pdf',
        mimeType: 'application/pdf',
        buffer: pdfBuffer([{ text: 'Quyet dinh', band: [0, 0, 0] }], { password: true }),
      },
      { name: 'Tờ trình bị hỏng.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\nkhông phải PDF\n%%EOF\n') },
    ]);
    await expect(ev.uploadItem(0).getByTestId('ev-upload-status')).toHaveText('Đã thêm, mã MC.1.3.01');
    await expect(ev.uploadItem(1).getByTestId('ev-upload-status')).toHaveText('Đã thêm, mã MC.1.3.02');
    await ev.closeUpload();

    await ev.open('MC.1.3.01');
    const locked = ev.drawer.getByTestId('pdf-error');
    await expect(locked).toHaveAttribute('data-failure', 'password');
    await expect(locked).toContainText('Không mở được tệp PDF này');
    await expect(locked).toContainText('Tệp được đặt mật khẩu');
    await page.screenshot({ path: path.join(artifacts, 'evidence-pdf-password.png') });
    const download = page.waitForEvent('download');
    await locked.getByTestId('ev-preview-download').click();
    expect((await download).suggestedFilename()).toBe('MC.1.3.01 Quyết định có mật khẩu.pdf');
    await ev.closeDrawer();

    await ev.open('MC.1.3.02');
    const damaged = ev.drawer.getByTestId('pdf-error');
    await expect(damaged).toHaveAttribute('data-failure', 'damaged');
    await expect(damaged).toContainText('Tệp bị hỏng hoặc không phải tệp PDF hợp lệ');
    await expect(damaged.getByTestId('ev-preview-download')).toBeVisible();
    await ev.closeDrawer();
  });
});
