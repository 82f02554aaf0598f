import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/data-source';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../server/db/test-database';
import { contextFor, createServices } from '../server/services/index';
import { SYSTEM_ACTOR } from '../server/services/actor';
import { testConfig } from '../server/testing';
import { CliError } from './output';
import { registerServerCommands } from './server.command';

describe.each(DIALECTS)('truong-chuan server … on %s', (dialect) => {
  let tdb: TestDatabase;
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let lines: string[];

  /** A fresh program per call, as the real CLI builds one per process. */
  const run = async (args: string[], stop?: AbortSignal, program = new Command().exitOverride()) => {
    registerServerCommands(program, { out: (s) => lines.push(...s.replace(/\n$/, '').split('\n')), env, stop });
    await program.parseAsync(args, { from: 'user' });
  };

  beforeEach(async () => {
    tdb = await createTestDatabase(dialect);
    dataDir = path.join(tdb.dir, 'data');
    // Only what the commands should read: no DATABASE_URL leaking in from the developer's shell.
    env = { SCRYPT_LOG_N: '14', LOG_LEVEL: 'silent' };
    if (tdb.config.kind === 'postgres') env.DATABASE_URL = tdb.config.url;
    lines = [];
  });
  afterEach(async () => tdb?.cleanup());

  const readTree = async () => {
    const database =
      tdb.config.kind === 'postgres' ? tdb.config : { kind: 'sqlite' as const, file: path.join(dataDir, 'server.sqlite') };
    const db = await openDatabase(database);
    try {
      return await createServices(contextFor(db, testConfig(database, tdb.dir).security)).units.listVisible(SYSTEM_ACTOR);
    } finally {
      await db.close();
    }
  };

  it('server init creates the department and its admin; a second init fails in Vietnamese', async () => {
    await run([
      'server',
      'init',
      '--data-dir',
      dataDir,
      '--admin',
      'quantri',
      '--password',
      'mat-khau-so-1',
      '--name',
      'Sở GDĐT Tỉnh Thử',
    ]);
    expect(lines[0]).toBe('Đã khởi tạo máy chủ: Sở GDĐT Tỉnh Thử (mã SO-GDDT).');
    expect(lines[1]).toBe('Tài khoản quản trị: quantri');
    expect(lines[2]).toMatch(dialect === 'postgres' ? /^Dữ liệu: PostgreSQL/ : /^Dữ liệu: SQLite .*server\.sqlite$/);
    const tree = await readTree();
    expect(tree.map((u) => [u.kind, u.name])).toEqual([['so', 'Sở GDĐT Tỉnh Thử']]);

    const again = run(['server', 'init', '--data-dir', dataDir, '--admin', 'khac', '--password', 'mat-khau-so-2']);
    await expect(again).rejects.toBeInstanceOf(CliError);
    await expect(again).rejects.toThrow(/^Máy chủ đã được khởi tạo trước đó/);
  });

  it('server init --json prints the unit and account, without the password hash', async () => {
    await run([
      'server',
      'init',
      '--data-dir',
      dataDir,
      '--admin',
      'quantri',
      '--password',
      'mat-khau-so-1',
      '--code',
      'SO-79',
      '--json',
    ]);
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]!);
    expect(out.unit).toMatchObject({ code: 'SO-79', kind: 'so', parentId: null, name: 'Sở Giáo dục và Đào tạo' });
    expect(out.account).toMatchObject({ username: 'quantri', role: 'dept_admin', orgUnitId: out.unit.id });
    expect(lines[0]).not.toMatch(/scrypt|mat-khau/);
  });

  it('server school add puts a school and its user under the root or --parent', async () => {
    await expect(
      run([
        'server',
        'school',
        'add',
        '--data-dir',
        dataDir,
        '--code',
        'T1',
        '--name',
        'Trường 1',
        '--user',
        't1',
        '--password',
        'mat-khau-t1',
      ]),
    ).rejects.toThrow(/chưa được khởi tạo/);

    await run(['server', 'init', '--data-dir', dataDir, '--admin', 'quantri', '--password', 'mat-khau-so-1', '--code', 'SO']);
    lines = [];
    await run([
      'server',
      'school',
      'add',
      '--data-dir',
      dataDir,
      '--code',
      '79000701',
      '--name',
      'Trường TH Lê Lợi',
      '--user',
      'leloi',
      '--password',
      'mat-khau-leloi',
    ]);
    expect(lines).toEqual(['Đã thêm trường Trường TH Lê Lợi (mã 79000701).', 'Tài khoản của trường: leloi']);

    lines = [];
    await run([
      'server',
      'school',
      'add',
      '--data-dir',
      dataDir,
      '--parent',
      '79000701',
      '--json',
      '--code',
      '79000702',
      '--name',
      'Điểm trường Lê Lợi 2',
      '--user',
      'leloi2',
      '--password',
      'mat-khau-leloi',
    ]);
    const added = JSON.parse(lines[0]!);
    expect(added.account).toMatchObject({ username: 'leloi2', role: 'school_user', orgUnitId: added.unit.id });

    const tree = await readTree();
    const byCode = new Map(tree.map((u) => [u.code, u]));
    expect(byCode.get('79000701')!.parentId).toBe(byCode.get('SO')!.id);
    expect(byCode.get('79000702')!.parentId).toBe(byCode.get('79000701')!.id);

    await expect(
      run([
        'server',
        'school',
        'add',
        '--data-dir',
        dataDir,
        '--code',
        '79000703',
        '--name',
        'X',
        '--user',
        'x.user',
        '--password',
        'ngan',
      ]),
    ).rejects.toThrow(/Mật khẩu phải có ít nhất 8 ký tự/);
    await expect(
      run([
        'server',
        'school',
        'add',
        '--data-dir',
        dataDir,
        '--code',
        '79000701',
        '--name',
        'X',
        '--user',
        'y.user',
        '--password',
        'mat-khau-y',
      ]),
    ).rejects.toThrow(/Mã đơn vị "79000701" đã được dùng/);
  });

  it('server account add creates an inspector (or admin) in a department unit, never in a school', async () => {
    await run(['server', 'init', '--data-dir', dataDir, '--admin', 'quantri', '--password', 'mat-khau-so-1', '--code', 'SO']);
    await run([
      'server',
      'school',
      'add',
      '--data-dir',
      dataDir,
      '--code',
      'T1',
      '--name',
      'Trường 1',
      '--user',
      'truong1',
      '--password',
      'mat-khau-t1',
    ]);
    lines = [];
    await run([
      'server',
      'account',
      'add',
      '--data-dir',
      dataDir,
      '--user',
      'chuyenvien.an',
      '--name',
      'Trần Văn An',
      '--password',
      'mat-khau-an-1',
    ]);
    expect(lines).toEqual(['Đã thêm tài khoản chuyên viên chuyenvien.an cho Sở Giáo dục và Đào tạo (mã SO).']);
    lines = [];
    await run([
      'server',
      'account',
      'add',
      '--data-dir',
      dataDir,
      '--json',
      '--user',
      'quantri2',
      '--role',
      'dept_admin',
      '--unit',
      'SO',
      '--password',
      'mat-khau-so-2',
    ]);
    const added = JSON.parse(lines[0]!);
    expect(added.account).toMatchObject({
      username: 'quantri2',
      displayName: 'quantri2',
      role: 'dept_admin',
      orgUnitId: added.unit.id,
    });
    expect(added.account.passwordHash).toBeUndefined();

    const add = (...extra: string[]) =>
      run(['server', 'account', 'add', '--data-dir', dataDir, '--user', 'x.user', '--password', 'mat-khau-x-1', ...extra]);
    await expect(add('--role', 'school_user')).rejects.toThrow(/Vai trò phải là inspector/);
    await expect(add('--unit', 'T1')).rejects.toThrow(/không phải trường/);
    await expect(add('--unit', 'KHONG-CO')).rejects.toThrow(/Không tìm thấy đơn vị có mã "KHONG-CO"/);
    await expect(
      run(['server', 'account', 'add', '--data-dir', dataDir, '--user', 'chuyenvien.an', '--password', 'mat-khau-an-1']),
    ).rejects.toThrow(/đã có người dùng/);
  });

  it('server start serves until stopped and prints the URL', async () => {
    await run(['server', 'init', '--data-dir', dataDir, '--admin', 'quantri', '--password', 'mat-khau-so-1']);
    lines = [];
    const stop = new AbortController();
    const running = run(['server', 'start', '--data-dir', dataDir, '--port', '0', '--host', '127.0.0.1'], stop.signal);
    const url = await new Promise<string>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        const m = lines.map((l) => /đang chạy tại (http:\/\/127\.0\.0\.1:\d+)/.exec(l)).find(Boolean);
        if (m) {
          clearInterval(poll);
          resolve(m[1]!);
        } else if (Date.now() - started > 20_000) {
          clearInterval(poll);
          reject(new Error(lines.join('\n')));
        }
      }, 20);
      running.catch((e) => {
        clearInterval(poll);
        reject(e);
      });
    });
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'quantri', password: 'mat-khau-so-1' }),
    });
    expect(login.status).toBe(200);
    const health = await (await fetch(`${url}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', db: dialect });
    stop.abort();
    await running;
    expect(lines.at(-1)).toBe('Máy chủ đã dừng.');
  });

  it('reads --data-dir and --json given to a main program that has them as global options', async () => {
    // As in src/cli/program.ts: the root consumes these wherever they appear on the line.
    const root = () => new Command('truong-chuan').option('--data-dir <dir>').option('--json').exitOverride();
    await run(
      ['server', 'init', '--data-dir', dataDir, '--admin', 'quantri', '--password', 'mat-khau-so-1', '--json'],
      undefined,
      root(),
    );
    expect(JSON.parse(lines[0]!).account.username).toBe('quantri');
    lines = [];
    await run(
      [
        '--data-dir',
        dataDir,
        'server',
        'school',
        'add',
        '--code',
        'T1',
        '--name',
        'Trường 1',
        '--user',
        't1.user',
        '--password',
        'mat-khau-t1',
      ],
      undefined,
      root(),
    );
    expect(lines).toEqual(['Đã thêm trường Trường 1 (mã T1).', 'Tài khoản của trường: t1.user']);
    expect((await readTree()).map((u) => u.code)).toEqual(['SO-GDDT', 'T1']);
  });

  it('rejects a bad port in Vietnamese', async () => {
    await expect(run(['server', 'start', '--data-dir', dataDir, '--port', 'tám'])).rejects.toThrow(/Giá trị PORT không hợp lệ/);
  });
});
