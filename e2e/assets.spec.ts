import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yauzl from 'yauzl';
import { test, expect } from './fixtures/backend';
import { buildMessyRegister } from './fixtures/messy-register';
import { ADMIN, SCHOOL } from './fixtures/school-data';
import { AssetsPage } from './pages/AssetsPage';
import { InventoryPage } from './pages/InventoryPage';
import { ShellPage } from './pages/ShellPage';
import { WizardPage } from './pages/WizardPage';

const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** One entry of a zip (an .docx is one) as text, read with yauzl. */
function zipEntry(buf: Buffer, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('not a zip'));
      let found = false;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        found = true;
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => {
        if (!found) reject(new Error(`${name} is not in the file`));
      });
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The paragraphs of a .docx, one per line. */
async function docxParagraphs(buf: Buffer): Promise<string[]> {
  const xml = await zipEntry(buf, 'word/document.xml');
  return xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .map((t) =>
      t
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"'),
    )
    .filter((t) => t !== '');
}

/** The table row of the minutes that starts at this asset code: the paragraphs up to the next code. */
function rowOf(paragraphs: string[], code: string): string[] {
  const at = paragraphs.indexOf(code);
  expect(at, `${code} is listed in the minutes`).toBeGreaterThan(-1);
  return paragraphs.slice(at, at + 14);
}

test('assets: messy Excel register → dry run names the bad rows → fixed file imported → stocktake of two rooms → reconcile → close → register, ledger and biên bản show the differences', async ({
  page,
  backend,
}) => {
  test.setTimeout(300_000);
  const wizard = new WizardPage(page);
  const shell = new ShellPage(page);
  const assets = new AssetsPage(page);
  const inv = new InventoryPage(page);
  const messy = buildMessyRegister(500);
  const fixed = buildMessyRegister(500, { withoutBad: true });
  const p101 = messy.codesIn('P101');
  const p102 = messy.codesIn('P102');
  expect(p101).toHaveLength(6);
  expect(p102).toHaveLength(6);
  const missing = p101[2]!; // left in the cupboard: never scanned
  const misplaced = p102[0]!; // found in P101, the books say P102
  const unknown = 'TB-9999'; // a label nobody booked
  /** Extra screenshots for review go to the test's output folder, not to e2e/artifacts. */
  const shot = (name: string) => page.screenshot({ path: test.info().outputPath(name) });

  await test.step('set up the school (the wizard logs the admin in) and open Tài sản & phòng', async () => {
    await page.goto(backend.url);
    await wizard.complete(SCHOOL, ADMIN);
    await shell.expectLoaded({ displayName: ADMIN.displayName });
    await shell.open('Tài sản & phòng');
    await expect(page).toHaveURL(/#\/assets/);
    await assets.expectVisible();
    await expect(assets.table).toContainText('Sổ chưa có tài sản nào');
  });

  await test.step('import the messy 500-row register: the columns are detected; the dry run names the 5 bad rows and writes nothing', async () => {
    await assets.tab('import');
    await assets.chooseFile({ name: 'So-tai-san-2025.xlsx', buffer: await messy.buffer() });
    await expect(page.getByTestId('as-import-data-rows')).toHaveText('500');
    await expect(assets.mappedField('B')).toContainText('Mã tài sản');
    await expect(assets.mappedField('C')).toContainText('Tên tài sản');
    await expect(assets.mappedField('E')).toContainText('Số lượng');
    await expect(assets.mappedField('F')).toContainText('Nguyên giá');
    await expect(assets.mappedField('G')).toContainText('Ngày đưa vào sử dụng');
    await expect(assets.mappedField('H')).toContainText('Phòng');
    await shot('import-mapping.png');
    await assets.check();
    await expect(assets.checkResult).toHaveAttribute('data-errors', '5');
    const problems = await assets.problems();
    expect(problems.map(([row, column]) => [Number(row), column])).toEqual(
      messy.bad.map((b) => [messy.excelRow(b.index), b.column]),
    );
    expect(problems[0]![2]).toBe('Thiếu tên tài sản');
    expect(problems[1]![2]).toContain('12,5 triệu');
    expect(problems[2]![2]).toContain(`trùng với dòng ${messy.excelRow(200)}`);
    await expect(page.getByTestId('as-import-summary')).toContainText('5 lỗi ở 5 dòng (trong 500 dòng)');
    await expect(assets.writeButton).toBeDisabled();
    await expect(page.getByTestId('as-import-new-rooms')).toContainText('P101');
    await shot('import-dry-run.png');
    // Nothing was written: the register is still empty.
    await assets.tab('register');
    await expect(assets.table).toContainText('Sổ chưa có tài sản nào');
    await assets.tab('import');
    await expect(assets.checkResult).toBeVisible();
  });

  await test.step('"Tải lại sau khi sửa" with the corrected file: 495 rows, no problem; "Ghi vào sổ" writes them all', async () => {
    await assets.reloadFixed({ name: 'So-tai-san-2025-da-sua.xlsx', buffer: await fixed.buffer() });
    await expect(assets.checkResult).toHaveAttribute('data-errors', '0');
    await expect(page.getByTestId('as-import-valid')).toHaveText('495');
    await expect(assets.writeButton).toBeEnabled();
    await assets.write();
    await expect(page.getByTestId('as-import-done')).toHaveText('Đã ghi 495 dòng vào sổ tài sản');
    await page.getByTestId('as-import-open-register').click();
    await expect(page.getByTestId('as-total')).toHaveText('495 tài sản');
    // Money and dates as the forms write them.
    const first = assets.row('TB-0001');
    await expect(first).toContainText('12.500.000 đ');
    await expect(first).toContainText('01/01/2015');
    await expect(assets.row('TB-0002')).toContainText('15.000.000 đ'); // "15,000,000 đ" in the file
    // Let the tab underline settle and the toast go before the picture.
    await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
    await page.screenshot({ path: path.join(artifacts, 'assets-register.png') });
  });

  await test.step('the import created the rooms named in the file', async () => {
    await assets.tab('places');
    await expect(page.getByTestId('as-room-row-P101')).toBeVisible();
    await expect(page.getByTestId('as-room-row-P102')).toBeVisible();
    await shot('places.png');
  });

  await test.step('start a stocktake over P101 and P102 with its board', async () => {
    await shell.open('Kiểm kê');
    await inv.expectList();
    await inv.create(
      {
        name: 'Kiểm kê cuối năm 2025',
        decisionNo: '45/QĐ-THCS',
        decisionDate: '20/12/2025',
        members: [
          { name: 'Trần Văn Hiệu', title: 'Phó hiệu trưởng', representing: 'Ban giám hiệu' },
          { name: 'Lê Thị Kế', title: 'Kế toán', representing: 'Bộ phận kế toán' },
          { name: 'Phạm Văn Thiết', title: 'Nhân viên thiết bị', representing: 'Người sử dụng' },
        ],
        rooms: ['P101', 'P102'],
      },
      () => shot('create-session.png'),
    );
    await expect(inv.roomRow('P101')).toContainText('0/6 tài sản');
    await expect(inv.roomRow('P102')).toContainText('0/6 tài sản');
    await expect(page.getByTestId('inv-board')).toContainText('Trần Văn Hiệu');
    await shot('session.png');
  });

  await test.step('scan P101: five of its six, one from P102, one unknown code, one twice', async () => {
    await inv.countRoom('P101');
    const here = p101.filter((c) => c !== missing);
    await inv.scan([...here, unknown, here[0]!, misplaced]);
    await inv.scansSettled(here.length + 3);
    for (const c of here.slice(1)) await expect(inv.scanStatus(c)).toHaveAttribute('data-status', 'found');
    await expect(inv.scanStatus(unknown)).toHaveAttribute('data-status', 'unknown');
    await expect(inv.scanStatus(here[0]!)).toHaveCount(2);
    await expect(page.locator(`[data-testid="inv-scan-item"][data-code="${here[0]}"][data-status="duplicate"]`)).toHaveCount(1);
    await expect(inv.scanStatus(misplaced)).toHaveAttribute('data-status', 'misplaced');
    await expect(inv.feedback).toHaveAttribute('data-status', 'misplaced');
    await expect(inv.feedback).toContainText('Sai phòng — theo sổ ở P102');
    await expect(page.getByTestId('inv-todo-item')).toHaveCount(1);
    await expect(page.getByTestId('inv-todo-item')).toHaveAttribute('data-code', missing);
    await expect(page.getByTestId('inv-scan-progress')).toContainText('83%');
    await page.screenshot({ path: path.join(artifacts, 'stocktake-scan.png') });
  });

  await test.step('scan P102: the five still there', async () => {
    await inv.backToSession();
    await inv.countRoom('P102');
    await inv.scan(p102.filter((c) => c !== misplaced));
    await inv.scansSettled(5);
    await expect(page.locator('[data-testid="inv-scan-item"][data-status="found"]')).toHaveCount(5);
    await inv.backToSession();
    await expect(inv.roomRow('P101')).toContainText('5/6 tài sản');
    // Every P102 item was found, one of them in P101.
    await expect(inv.roomRow('P102')).toContainText('6/6 tài sản');
  });

  await test.step('reconcile: one missing, one in the wrong room, one unknown code, each with its proposal', async () => {
    await inv.openReconcile();
    await expect(page.getByTestId('inv-total-missing')).toContainText('1');
    await expect(page.getByTestId('inv-total-misplaced')).toContainText('1');
    await expect(page.getByTestId('inv-total-unknown')).toContainText('1');
    await expect(inv.followUp('move', misplaced)).toContainText('P102 → P101');
    await expect(inv.followUp('investigate', missing)).toBeVisible();
    await expect(inv.followUp('recognise', unknown)).toBeVisible();
    await expect(page.getByTestId('inv-followups-table').locator('tbody tr.ant-table-row')).toHaveCount(3);
    await page.screenshot({ path: path.join(artifacts, 'stocktake-reconcile.png') });
  });

  await test.step('accept the follow-ups (write the missing one off, book the unknown one) and close with the strong confirmation', async () => {
    await inv.accept('move', misplaced);
    await inv.acceptWriteOff(missing);
    await inv.acceptUnknown(unknown, 'Máy chiếu Sony (chưa có trong sổ)', '5000000');
    await shot('reconcile-decided.png');
    await inv.close('Đồng ý xử lý chênh lệch theo đề xuất của Ban kiểm kê.', () => shot('close-dialog.png'));
    await expect(page.getByTestId('inv-status')).toHaveText('Đã khoá sổ');
    await expect(page.getByTestId('inv-accept')).toHaveCount(0);
  });

  await test.step('the biên bản (.docx) lists the differences, the board and the decision', async () => {
    const doc = await inv.downloadReport('docx');
    expect(doc.name).toMatch(/^Bien-ban-kiem-ke-.*\.docx$/);
    const text = await docxParagraphs(doc.buffer);
    const all = text.join('\n');
    expect(all).toContain('BIÊN BẢN KIỂM KÊ TÀI SẢN');
    expect(all).toContain('45/QĐ-THCS');
    expect(all).toContain('Trần Văn Hiệu');
    expect(all).toContain('Đồng ý xử lý chênh lệch theo đề xuất của Ban kiểm kê.');
    expect(all).not.toContain('DỰ THẢO');
    expect(rowOf(text, missing)).toContain('Thiếu');
    expect(rowOf(text, missing)).toContain('-1');
    expect(rowOf(text, misplaced)).toContain('Sai vị trí');
    expect(rowOf(text, unknown)).toContain('Không có trong sổ');
  });

  await test.step('the register shows the move and the new asset; the ledger shows the move and the write-off', async () => {
    await shell.open('Tài sản & phòng');
    await assets.find(misplaced);
    await expect(assets.row(misplaced).getByTestId('as-row-room')).toHaveText('P101');
    await assets.openAsset(misplaced);
    await expect(assets.drawer.getByTestId('as-drawer-room')).toContainText('P101');
    await assets.drawerTab('history');
    const move = assets.historyItems().and(page.locator('[data-type="move"]'));
    await expect(move).toHaveCount(1);
    await expect(move).toContainText('Phòng: P102 → P101');
    await expect(move).toContainText('45/QĐ-THCS');
    await shot('asset-history.png');
    await assets.drawerTab('events');
    await shot('asset-events.png');
    await assets.drawerTab('info');
    await shot('asset-info.png');
    await assets.closeDrawer();
    await assets.find(missing);
    await expect(assets.table).toContainText('Không có tài sản nào khớp bộ lọc');
    await page.getByTestId('as-filter-removed').click();
    await expect(assets.row(missing)).toContainText('Bị mất, bị hủy hoại');
    await assets.openAsset(missing);
    await assets.drawerTab('history');
    const writeOff = assets.historyItems().and(page.locator('[data-type="write_off"]'));
    await expect(writeOff).toHaveCount(1);
    await expect(writeOff).toContainText('Ghi giảm do mất');
    await assets.closeDrawer();

    await assets.find(unknown);
    await expect(assets.row(unknown)).toContainText('Máy chiếu Sony (chưa có trong sổ)');
    await expect(assets.row(unknown).getByTestId('as-row-room')).toHaveText('P101');
    await expect(assets.row(unknown)).toContainText('5.000.000 đ');
  });

  await test.step('the other tabs work on the imported register: wear run, summaries, tasks, exports', async () => {
    await assets.tab('wear');
    await page.getByTestId('as-wear-run').click();
    await page.getByTestId('as-wear-confirm').click();
    await expect(page.getByTestId('as-wear-result')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('as-wear-report')).toContainText('Máy móc, thiết bị');
    await shot('wear.png');
    await assets.tab('summary');
    await page.getByTestId('as-summary-students').fill('620');
    await expect(page.getByTestId('as-summary-byClass')).toContainText('Máy móc, thiết bị');
    await expect(page.getByTestId('as-summary-digital')).toBeVisible();
    await page.getByTestId('as-norms-classes').fill('16');
    await expect(page.getByTestId('as-norms-table')).toBeVisible();
    await shot('summary.png');
    await assets.tab('tasks');
    // The write-off is a change to declare within 30 days (NĐ 186/2025).
    await expect(page.getByTestId('as-tasks-table')).toContainText(missing);
    await expect(page.getByTestId('as-tasks-table')).toContainText('Còn 30 ngày');
    await shot('tasks.png');
    await assets.tab('export');
    // Labels for one room (a sheet for the whole register takes a while to draw 500 QR codes).
    await page.getByTestId('as-labels-room').click();
    await page.keyboard.type('P101');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^P101$/ }).click();
    const [labels] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('as-labels').click(),
    ]);
    expect(labels.suggestedFilename()).toBe('Nhan-tai-san-3x8.docx');
    const [list] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('as-export-run').click(),
    ]);
    expect(list.suggestedFilename()).toMatch(/^Danh-sach-assets-.*\.xlsx$/);
  });
});
