import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATION_NAMES, SCHEMA_VERSION } from '../../migrations';
import type { MethodInput, MethodName, MethodOutput } from '../contract/methods';
import type { RpcErrorBody } from '../contract/rpc';
import { backupDatabase, openBackend, type Backend } from './backend';
import type { ChangeLogRow } from './db/entities';
import { databaseFile } from './platform/paths';
import type { Connection } from './rpc/router';
import { newConnection } from './transports/connections';

let dir: string;
let backend: Backend;
let seq = 0;

/** Calls through the router exactly as the UI does; throws the error body on failure. */
async function call<M extends MethodName>(
  conn: Connection,
  method: M,
  params: MethodInput<M>,
  b: Backend = backend,
): Promise<MethodOutput<M>> {
  const res = await b.router.dispatch(conn, { id: ++seq, method, params });
  if (!res.ok) throw Object.assign(new Error(res.error.message), { body: res.error });
  return res.result as MethodOutput<M>;
}

async function fail<M extends MethodName>(
  conn: Connection,
  method: M,
  params: MethodInput<M>,
  b: Backend = backend,
): Promise<RpcErrorBody> {
  const res = await b.router.dispatch(conn, { id: ++seq, method, params });
  if (res.ok) throw new Error(`${method} should have failed, got ${JSON.stringify(res.result)}`);
  return res.error;
}

const conn = () => newConnection('test', true);

const setupInput = (over: Partial<MethodInput<'setup.initialize'>['school']> = {}): MethodInput<'setup.initialize'> => ({
  school: { name: 'Trường THCS Chu Văn An', levels: ['thcs'], province: 'Hà Nội', ...over },
  admin: { username: 'admin', displayName: 'Nguyễn Quản Trị', password: 'mat-khau-admin' },
});

async function initialized(): Promise<{ admin: Connection; schoolRev: number }> {
  const admin = conn();
  const { school } = await call(admin, 'setup.initialize', setupInput());
  return { admin, schoolRev: school.rev };
}

const changeLog = (b: Backend = backend): Promise<ChangeLogRow[]> => b.dataSource.query('select * from change_log order by seq');

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-'));
  backend = await openBackend({ dataDir: dir });
});

afterEach(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('first run', () => {
  it('setup.status reports an uninitialised installation', async () => {
    expect(await call(conn(), 'setup.status', {})).toEqual({ initialized: false, schoolName: null });
    expect(backend.backupFile).toBeNull();
  });

  it('setup.initialize creates the school, its main site and the admin, and logs the connection in', async () => {
    const c = conn();
    const { school, user } = await call(c, 'setup.initialize', setupInput({ address: '10 Chu Văn An' }));
    expect(school).toMatchObject({
      name: 'Trường THCS Chu Văn An',
      levels: ['thcs'],
      ownership: 'cong_lap',
      province: 'Hà Nội',
      rev: 1,
    });
    expect(school.sites).toEqual([
      { id: expect.any(String), name: 'Trường THCS Chu Văn An', address: '10 Chu Văn An', isMain: true },
    ]);
    expect(user).toMatchObject({ username: 'admin', displayName: 'Nguyễn Quản Trị', role: 'admin', disabled: false });
    expect(c.session).toEqual({ userId: user.id, username: 'admin', role: 'admin' });
    expect(await call(c, 'auth.me', {})).toEqual({ user });
    expect(await call(conn(), 'setup.status', {})).toEqual({ initialized: true, schoolName: 'Trường THCS Chu Văn An' });
    const log = await changeLog();
    expect(log.map((l) => [l.entity, l.op])).toEqual([
      ['School', 'insert'],
      ['SchoolSite', 'insert'],
    ]);
    // The password is stored hashed, never as given.
    const [row] = (await backend.dataSource.query('select passwordHash from app_user')) as { passwordHash: string }[];
    expect(row!.passwordHash).toMatch(/^scrypt\$/);
    expect(row!.passwordHash).not.toContain('mat-khau-admin');
  });

  it('keeps the given sites, with exactly one main site (the first flagged one)', async () => {
    const { school } = await call(
      conn(),
      'setup.initialize',
      setupInput({
        sites: [
          { name: 'Điểm lẻ Đông', isMain: false },
          { name: 'Điểm chính', isMain: true },
          { name: 'Điểm lẻ Tây', isMain: true },
        ],
      }),
    );
    expect(school.sites.map((s) => [s.name, s.isMain])).toEqual([
      ['Điểm lẻ Đông', false],
      ['Điểm chính', true],
      ['Điểm lẻ Tây', false],
    ]);
  });

  it('a second setup.initialize is refused with CONFLICT and changes nothing', async () => {
    await initialized();
    const other = conn();
    const err = await fail(other, 'setup.initialize', {
      school: { name: 'Trường khác', levels: ['thpt'] },
      admin: { username: 'admin2', displayName: 'Kẻ khác', password: 'mat-khau-khac' },
    });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('đã được thiết lập');
    expect(other.session).toBeNull();
    expect(await call(conn(), 'setup.status', {})).toEqual({ initialized: true, schoolName: 'Trường THCS Chu Văn An' });
    expect(await backend.dataSource.query('select count(*) as n from app_user')).toEqual([{ n: 1 }]);
  });

  it('two concurrent setup.initialize calls: exactly one wins', async () => {
    const a = conn();
    const b = conn();
    const [ra, rb] = await Promise.all([
      backend.router.dispatch(a, { id: 1, method: 'setup.initialize', params: setupInput() }),
      backend.router.dispatch(b, {
        id: 2,
        method: 'setup.initialize',
        params: {
          ...setupInput({ name: 'Trường B' }),
          admin: { username: 'adminb', displayName: 'B', password: 'mat-khau-bbb' },
        },
      }),
    ]);
    expect([ra.ok, rb.ok].sort()).toEqual([false, true]);
    const loser = ra.ok ? rb : ra;
    expect(!loser.ok && loser.error.code).toBe('CONFLICT');
    expect(await backend.dataSource.query('select count(*) as n from school')).toEqual([{ n: 1 }]);
    expect(await backend.dataSource.query('select count(*) as n from app_user')).toEqual([{ n: 1 }]);
  });
});

describe('login', () => {
  it('a wrong password and an unknown user get the same code and message', async () => {
    await initialized();
    const wrongPassword = await fail(conn(), 'auth.login', { username: 'admin', password: 'sai-mat-khau' });
    const unknownUser = await fail(conn(), 'auth.login', { username: 'khong-co', password: 'sai-mat-khau' });
    expect(wrongPassword.code).toBe('UNAUTHENTICATED');
    expect(unknownUser).toEqual(wrongPassword);
  });

  it('logs in case-insensitively on the username, and logout ends the session', async () => {
    await initialized();
    const c = conn();
    const { user } = await call(c, 'auth.login', { username: '  ADMIN ', password: 'mat-khau-admin' });
    expect(user.username).toBe('admin');
    expect((await call(c, 'school.get', {})).name).toBe('Trường THCS Chu Văn An');
    expect(await call(c, 'auth.logout', {})).toEqual({ ok: true });
    expect(await call(c, 'auth.me', {})).toEqual({ user: null });
    expect((await fail(c, 'school.get', {})).code).toBe('UNAUTHENTICATED');
  });

  it('a disabled user cannot log in, and auth.me drops a disabled user’s session', async () => {
    const { admin } = await initialized();
    const gv = await call(admin, 'users.add', {
      username: 'giaovien',
      displayName: 'Giáo viên',
      role: 'council_member',
      password: 'mat-khau-gv1',
    });
    const c = conn();
    await call(c, 'auth.login', { username: 'giaovien', password: 'mat-khau-gv1' });
    await call(admin, 'users.update', { id: gv.id, disabled: true });
    const err = await fail(conn(), 'auth.login', { username: 'giaovien', password: 'mat-khau-gv1' });
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toContain('khóa');
    expect(await call(c, 'auth.me', {})).toEqual({ user: null });
    expect(c.session).toBeNull();
  });

  it('changePassword needs the current password; the new one works afterwards', async () => {
    const { admin } = await initialized();
    const wrong = await fail(admin, 'auth.changePassword', { currentPassword: 'khong-dung', newPassword: 'mat-khau-moi-1' });
    expect(wrong.code).toBe('VALIDATION');
    expect(wrong.fields).toHaveProperty('currentPassword');
    await call(admin, 'auth.changePassword', { currentPassword: 'mat-khau-admin', newPassword: 'mat-khau-moi-1' });
    expect((await fail(conn(), 'auth.login', { username: 'admin', password: 'mat-khau-admin' })).code).toBe('UNAUTHENTICATED');
    await call(conn(), 'auth.login', { username: 'admin', password: 'mat-khau-moi-1' });
  });

  it('an admin can reset another user’s password', async () => {
    const { admin } = await initialized();
    const u = await call(admin, 'users.add', {
      username: 'thuky',
      displayName: 'Thư ký',
      role: 'secretary',
      password: 'mat-khau-cu1',
    });
    expect(await call(admin, 'users.resetPassword', { id: u.id, password: 'mat-khau-moi2' })).toEqual({ ok: true });
    await call(conn(), 'auth.login', { username: 'thuky', password: 'mat-khau-moi2' });
    expect(
      (await fail(admin, 'users.resetPassword', { id: '0190a000-0000-7000-8000-000000000000', password: 'mat-khau-moi2' })).code,
    ).toBe('NOT_FOUND');
  });
});

describe('users', () => {
  it('users.add with a taken username (any case) gives VALIDATION with fields.username', async () => {
    const { admin } = await initialized();
    const err = await fail(admin, 'users.add', {
      username: 'Admin',
      displayName: 'Trùng tên',
      role: 'viewer',
      password: 'mat-khau-trung',
    });
    expect(err.code).toBe('VALIDATION');
    expect(err.fields).toEqual({ username: 'Tên đăng nhập đã tồn tại' });
    expect(await call(admin, 'users.list', {})).toHaveLength(1);
  });

  it('the last active admin can be neither demoted nor disabled', async () => {
    const { admin } = await initialized();
    const me = admin.session!.userId;
    const demote = await fail(admin, 'users.update', { id: me, role: 'viewer' });
    expect(demote.code).toBe('VALIDATION');
    expect(demote.message).toContain('ít nhất một quản trị viên');
    expect((await fail(admin, 'users.update', { id: me, disabled: true })).code).toBe('VALIDATION');
    // A disabled second admin does not count.
    const second = await call(admin, 'users.add', {
      username: 'admin2',
      displayName: 'Phó',
      role: 'admin',
      password: 'mat-khau-pho1',
    });
    await call(admin, 'users.update', { id: second.id, disabled: true });
    expect((await fail(admin, 'users.update', { id: me, role: 'viewer' })).code).toBe('VALIDATION');
    const [row] = (await backend.dataSource.query('select role, disabled from app_user where id = ?', [me])) as {
      role: string;
      disabled: number;
    }[];
    expect(row).toEqual({ role: 'admin', disabled: 0 });
  });

  it('with another active admin, an admin may be demoted', async () => {
    const { admin } = await initialized();
    const second = await call(admin, 'users.add', {
      username: 'admin2',
      displayName: 'Phó',
      role: 'admin',
      password: 'mat-khau-pho1',
    });
    const demoted = await call(admin, 'users.update', { id: second.id, role: 'viewer', displayName: 'Phó (xem)' });
    expect(demoted).toMatchObject({ role: 'viewer', displayName: 'Phó (xem)', disabled: false });
    expect((await call(admin, 'users.list', {})).find((u) => u.id === second.id)).toMatchObject({ role: 'viewer' });
  });

  it('users.update on an unknown id is NOT_FOUND', async () => {
    const { admin } = await initialized();
    expect((await fail(admin, 'users.update', { id: '0190a000-0000-7000-8000-000000000000', displayName: 'X' })).code).toBe(
      'NOT_FOUND',
    );
  });
});

describe('school', () => {
  it('school.update with a stale expectedRev is CONFLICT and keeps the newer data', async () => {
    const { admin, schoolRev } = await initialized();
    const first = await call(admin, 'school.update', {
      expectedRev: schoolRev,
      profile: { name: 'Trường THCS Chu Văn An (1)', levels: ['thcs'] },
    });
    expect(first.rev).toBe(schoolRev + 1);
    const err = await fail(admin, 'school.update', {
      expectedRev: schoolRev,
      profile: { name: 'Bản cũ ghi đè', levels: ['thcs'] },
    });
    expect(err.code).toBe('CONFLICT');
    expect((await call(admin, 'school.get', {})).name).toBe('Trường THCS Chu Văn An (1)');
  });

  it('updating sites adds, edits and tombstones them, each change logged', async () => {
    const { admin } = await initialized();
    const start = await call(admin, 'school.update', {
      expectedRev: 1,
      profile: {
        name: 'Trường THCS Chu Văn An',
        levels: ['thcs'],
        province: 'Hà Nội',
        sites: [{ name: 'Điểm chính', isMain: true }, { name: 'Điểm lẻ A' }],
      },
    });
    const [main, siteA] = start.sites;
    const logBefore = (await changeLog()).length;
    const updated = await call(admin, 'school.update', {
      expectedRev: start.rev,
      profile: {
        name: 'Trường THCS Chu Văn An',
        levels: ['thcs'],
        province: 'Hà Nội',
        sites: [{ id: main!.id, name: 'Điểm chính (sửa)', address: '1 Đường A', isMain: true }, { name: 'Điểm lẻ B' }],
      },
    });
    expect(updated.sites.map((s) => s.name)).toEqual(['Điểm chính (sửa)', 'Điểm lẻ B']);
    expect(updated.sites[0]!.id).toBe(main!.id);
    const newLog = (await changeLog()).slice(logBefore);
    expect(newLog.map((l) => [l.entity, l.op, l.rowId === main!.id ? 'main' : l.rowId === siteA!.id ? 'A' : 'new'])).toEqual([
      ['SchoolSite', 'update', 'main'],
      ['SchoolSite', 'insert', 'new'],
      ['SchoolSite', 'delete', 'A'],
      // Only sites changed, so the school itself is touched: its rev guards the whole profile.
      ['School', 'update', 'new'],
    ]);
    expect(updated.rev).toBe(start.rev + 1);
    for (const l of newLog) expect(l.actor).toBe(admin.session!.userId);
    // The tombstoned site is still in the table, marked deleted.
    const [gone] = (await backend.dataSource.query('select deletedAt, rev from school_site where id = ?', [siteA!.id])) as {
      deletedAt: string | null;
      rev: number;
    }[];
    expect(gone!.deletedAt).not.toBeNull();
    expect(gone!.rev).toBe(2);
  });

  it('a save that changes only sites still bumps the school rev, so a stale editor gets CONFLICT', async () => {
    const { admin } = await initialized();
    const start = await call(admin, 'school.get', {});
    const base = { name: start.name, levels: start.levels };
    await call(admin, 'school.update', { expectedRev: start.rev, profile: { ...base, sites: [...start.sites, { name: 'Điểm lẻ mới' }] } });
    const err = await fail(admin, 'school.update', { expectedRev: start.rev, profile: { ...base, sites: start.sites } });
    expect(err.code).toBe('CONFLICT');
    expect((await call(admin, 'school.get', {})).sites.map((s) => s.name)).toContain('Điểm lẻ mới');
  });

  it('an update without sites leaves the sites (and their ids) as they are', async () => {
    const { admin } = await initialized();
    const start = await call(admin, 'school.get', {});
    const after = await call(admin, 'school.update', { expectedRev: start.rev, profile: { name: 'Tên mới', levels: start.levels } });
    expect(after.sites).toEqual(start.sites);
  });

  it('a user disabled in another window loses access at the next call', async () => {
    const { admin } = await initialized();
    await call(admin, 'users.add', { username: 'pho', displayName: 'Phó HT', role: 'admin', password: 'mat-khau-pho' });
    const other = conn();
    await call(other, 'auth.login', { username: 'pho', password: 'mat-khau-pho' });
    const users = await call(admin, 'users.list', {});
    await call(admin, 'users.update', { id: users.find((u) => u.username === 'pho')!.id, disabled: true });
    expect((await fail(other, 'users.list', {})).code).toBe('UNAUTHENTICATED');
  });

  it('stores Vietnamese text NFC-normalised, whatever form it was typed in', async () => {
    const nfd = (s: string) => s.normalize('NFD');
    const name = 'Trường Tiểu học Nguyễn Huệ';
    expect(nfd(name)).not.toBe(name);
    const c = conn();
    await call(c, 'setup.initialize', {
      school: {
        name: nfd(name),
        levels: ['tieu_hoc'],
        address: nfd('  Phường Bến Nghé  '),
        sites: [{ name: nfd('Điểm chính'), isMain: true }],
      },
      admin: { username: 'admin', displayName: nfd('Lê Thị Hồng Nhung'), password: 'mat-khau-admin' },
    });
    const [school] = (await backend.dataSource.query('select name, address from school')) as { name: string; address: string }[];
    expect(school).toEqual({ name, address: 'Phường Bến Nghé' });
    expect(await backend.dataSource.query('select name from school_site')).toEqual([{ name: 'Điểm chính' }]);
    expect(await backend.dataSource.query('select displayName from app_user')).toEqual([{ displayName: 'Lê Thị Hồng Nhung' }]);
    // The NFC form finds it too.
    expect(await backend.dataSource.query('select count(*) as n from school where name = ?', [name])).toEqual([{ n: 1 }]);
  });
});

describe('database', () => {
  it('survives a restart: school, users and login are there after reopening the same folder', async () => {
    const { admin } = await initialized();
    await call(admin, 'users.add', { username: 'thuky', displayName: 'Thư ký', role: 'secretary', password: 'mat-khau-tk1' });
    await backend.close();

    backend = await openBackend({ dataDir: dir });
    expect(backend.backupFile).toBeNull();
    expect(await call(conn(), 'setup.status', {})).toEqual({ initialized: true, schoolName: 'Trường THCS Chu Văn An' });
    const c = conn();
    await call(c, 'auth.login', { username: 'admin', password: 'mat-khau-admin' });
    expect((await call(c, 'users.list', {})).map((u) => u.username)).toEqual(['admin', 'thuky']);
    expect((await call(c, 'school.get', {})).sites).toHaveLength(1);
    await call(conn(), 'auth.login', { username: 'thuky', password: 'mat-khau-tk1' });
    // Sessions are per connection: a connection from before the restart is not carried over.
    expect((await fail(conn(), 'school.get', {})).code).toBe('UNAUTHENTICATED');
  });

  it('db.check reports ok, WAL, the schema version and the pending change count', async () => {
    const { admin } = await initialized();
    const check = await call(admin, 'db.check', {});
    const info = await call(admin, 'app.info', {});
    expect(check).toMatchObject({
      ok: true,
      quickCheck: 'ok',
      journalMode: 'wal',
      schemaVersion: SCHEMA_VERSION,
      appliedMigrations: MIGRATION_NAMES,
    });
    expect(info.schemaVersion).toBe(SCHEMA_VERSION);
    expect(check.pendingChanges).toBe((await changeLog()).length);
    expect(check.pendingChanges).toBe(2);
    await backend.dataSource.query(`update change_log set pushedAt = '2026-01-01T00:00:00.000Z' where seq = 1`);
    expect((await call(admin, 'db.check', {})).pendingChanges).toBe(1);
  });

  it('backupDatabase writes a file that opens and holds the school, and refuses to overwrite', async () => {
    const { admin } = await initialized();
    await call(admin, 'users.add', { username: 'thuky', displayName: 'Thư ký', role: 'secretary', password: 'mat-khau-tk1' });
    const target = path.join(dir, 'sao-lưu', 'bản sao.sqlite');
    const { file, bytes } = await backupDatabase(backend.dataSource, target);
    expect(file).toBe(path.resolve(target));
    expect(bytes).toBe(fs.statSync(file).size);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
      expect(copy.prepare('select name from school').all()).toEqual([{ name: 'Trường THCS Chu Văn An' }]);
      expect(copy.prepare('select username from app_user order by username').all()).toEqual([
        { username: 'admin' },
        { username: 'thuky' },
      ]);
    } finally {
      copy.close();
    }
    // The copy is a full data folder database: a backend opens it as is.
    const restoreDir = path.join(dir, 'khôi-phục');
    fs.mkdirSync(restoreDir);
    fs.copyFileSync(file, databaseFile(restoreDir));
    const restored = await openBackend({ dataDir: restoreDir });
    try {
      expect(await call(conn(), 'setup.status', {}, restored)).toEqual({
        initialized: true,
        schoolName: 'Trường THCS Chu Văn An',
      });
    } finally {
      await restored.close();
    }

    const before = fs.readFileSync(file);
    await expect(backupDatabase(backend.dataSource, target)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('backupDatabase is not blocked by a .partial file left by an interrupted backup', async () => {
    await initialized();
    const target = path.join(dir, 'backup.sqlite');
    fs.writeFileSync(`${target}.partial`, 'half-written');
    const { file } = await backupDatabase(backend.dataSource, target);
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.prepare('select count(*) as n from school').get()).toEqual({ n: 1 });
    } finally {
      copy.close();
    }
  });

  it('close() waits for queued writes before closing the database', async () => {
    const { admin } = await initialized();
    const pending = call(admin, 'users.add', {
      username: 'muon',
      displayName: 'Muộn',
      role: 'viewer',
      password: 'mat-khau-muon',
    });
    await backend.close();
    await expect(pending).resolves.toMatchObject({ username: 'muon' });
    backend = await openBackend({ dataDir: dir });
    expect(await backend.dataSource.query(`select count(*) as n from app_user where username = 'muon'`)).toEqual([{ n: 1 }]);
  });
});
