import { contract, type ApiBridge, type MethodName } from '../../contract/methods';
import { RpcError, type RpcResponse } from '../../contract/rpc';
import type { School } from '../../contract/schemas/school';
import type { User } from '../../contract/schemas/user';
import type { Role } from '../../contract/schemas/common';
import type { Transport } from '../api/bridge';
import type { ConnectionStatus } from '../api/ws-client';

/**
 * An in-memory backend for component tests: it speaks the contract's envelope, validates
 * params with the contract's schemas and checks access the way the router is specified to,
 * so screens are tested against the same answers (and error shapes) they will get for real.
 */
export interface FakeState {
  school: School | null;
  users: (User & { password: string })[];
  sessionUserId: string | null;
}

type Handler = (params: any, state: FakeState) => unknown; // eslint-disable-line @typescript-eslint/no-explicit-any

const now = () => new Date('2026-03-15T08:30:00Z').toISOString();
const publicUser = ({ password: _p, ...u }: User & { password: string }): User => u;

function sessionUser(state: FakeState) {
  return state.users.find((u) => u.id === state.sessionUserId) ?? null;
}

const handlers: Partial<Record<MethodName, Handler>> = {
  'app.info': () => ({ version: '0.1.0', schemaVersion: '1', transport: 'test' }),
  'setup.status': (_p, s) => ({ initialized: s.school !== null, schoolName: s.school?.name ?? null }),
  'setup.initialize': (p, s) => {
    if (s.school) throw new RpcError('CONFLICT', 'Trường đã được thiết lập');
    s.school = {
      id: crypto.randomUUID(),
      ...p.school,
      sites: p.school.sites.map((x: object) => ({ id: crypto.randomUUID(), ...x })),
      createdAt: now(),
      updatedAt: now(),
      rev: 1,
    };
    const user = {
      id: crypto.randomUUID(),
      username: p.admin.username,
      displayName: p.admin.displayName,
      role: 'admin' as Role,
      disabled: false,
      createdAt: now(),
      password: p.admin.password,
    };
    s.users.push(user);
    s.sessionUserId = user.id;
    return { school: s.school, user: publicUser(user) };
  },
  'auth.login': (p, s) => {
    const u = s.users.find((x) => x.username === p.username && x.password === p.password && !x.disabled);
    if (!u) throw new RpcError('UNAUTHENTICATED', 'Tên đăng nhập hoặc mật khẩu không đúng');
    s.sessionUserId = u.id;
    return { user: publicUser(u) };
  },
  'auth.logout': (_p, s) => {
    s.sessionUserId = null;
    return { ok: true };
  },
  'auth.me': (_p, s) => {
    const u = sessionUser(s);
    return { user: u ? publicUser(u) : null };
  },
  'auth.changePassword': (p, s) => {
    const u = sessionUser(s)!;
    if (u.password !== p.currentPassword)
      throw new RpcError('VALIDATION', 'Mật khẩu hiện tại không đúng', { currentPassword: 'Mật khẩu hiện tại không đúng' });
    u.password = p.newPassword;
    return { ok: true };
  },
  'school.get': (_p, s) => s.school,
  'school.update': (p, s) => {
    if (!s.school) throw new RpcError('NOT_FOUND', 'Chưa có hồ sơ trường');
    if (p.expectedRev !== s.school.rev) throw new RpcError('CONFLICT', 'Hồ sơ đã được người khác thay đổi');
    s.school = {
      ...s.school,
      ...p.profile,
      sites: p.profile.sites.map((x: { id?: string }) => ({ ...x, id: x.id ?? crypto.randomUUID() })),
      rev: s.school.rev + 1,
      updatedAt: now(),
    };
    return s.school;
  },
  'users.list': (_p, s) => s.users.map(publicUser),
  'users.add': (p, s) => {
    if (s.users.some((u) => u.username === p.username))
      throw new RpcError('VALIDATION', 'Tên đăng nhập đã tồn tại', { username: 'Tên đăng nhập đã tồn tại' });
    const u = {
      id: crypto.randomUUID(),
      username: p.username,
      displayName: p.displayName,
      role: p.role,
      disabled: false,
      createdAt: now(),
      password: p.password,
    };
    s.users.push(u);
    return publicUser(u);
  },
  'users.update': (p, s) => {
    const u = s.users.find((x) => x.id === p.id);
    if (!u) throw new RpcError('NOT_FOUND', 'Không tìm thấy người dùng');
    Object.assign(u, Object.fromEntries(Object.entries(p).filter(([k, v]) => k !== 'id' && v !== undefined)));
    return publicUser(u);
  },
  'users.resetPassword': (p, s) => {
    const u = s.users.find((x) => x.id === p.id);
    if (!u) throw new RpcError('NOT_FOUND', 'Không tìm thấy người dùng');
    u.password = p.password;
    return { ok: true };
  },
  'db.check': () => ({
    ok: true,
    quickCheck: 'ok',
    journalMode: 'wal',
    schemaVersion: '1',
    appliedMigrations: ['0001_init'],
    pendingChanges: 0,
  }),
};

export class FakeBridge implements ApiBridge {
  readonly transport = 'ws' as const;
  readonly calls: { method: MethodName; params: unknown }[] = [];
  state: FakeState;

  constructor(state: Partial<FakeState> = {}) {
    this.state = { school: null, users: [], sessionUserId: null, ...state };
  }

  async invoke(method: MethodName, params: unknown): Promise<RpcResponse> {
    this.calls.push({ method, params });
    const id = this.calls.length;
    try {
      const spec = contract[method];
      const parsed = spec.input.safeParse(params ?? {});
      if (!parsed.success) {
        const fields = Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
        throw new RpcError('INVALID_ARGS', 'Dữ liệu không hợp lệ', fields);
      }
      const user = sessionUser(this.state);
      if (spec.access !== 'public') {
        if (!user) throw new RpcError('UNAUTHENTICATED', 'Vui lòng đăng nhập');
        if (Array.isArray(spec.access) && !spec.access.includes(user.role)) throw new RpcError('FORBIDDEN', 'Không có quyền');
      }
      const handler = handlers[method];
      if (!handler) throw new RpcError('UNKNOWN_METHOD', method);
      return { id, ok: true, result: handler(parsed.data, this.state) };
    } catch (err) {
      if (err instanceof RpcError) return { id, ok: false, error: err.toBody() };
      throw err;
    }
  }

  /** Adds a user directly, as another admin would have. */
  addUser(username: string, role: Role, password = 'matkhau123'): User {
    const u = {
      id: crypto.randomUUID(),
      username,
      displayName: `Người dùng ${username}`,
      role,
      disabled: false,
      createdAt: now(),
      password,
    };
    this.state.users.push(u);
    return publicUser(u);
  }
}

/** A school already set up, with its admin, as the wizard would have left it. */
export function seededBridge(): FakeBridge {
  const bridge = new FakeBridge();
  bridge.state.school = {
    id: crypto.randomUUID(),
    code: '79000123',
    name: 'Trường THCS Nguyễn Du',
    levels: ['thcs'],
    ownership: 'cong_lap',
    address: '12 Lê Lợi, phường Bến Thành',
    province: 'TP. Hồ Chí Minh',
    managingBody: 'Phòng GD&ĐT Quận 1',
    principal: 'Trần Thị Bích',
    phone: '028 3822 1234',
    email: 'thcsnguyendu@hcm.edu.vn',
    sites: [{ id: crypto.randomUUID(), name: 'Điểm trường chính', address: '12 Lê Lợi', isMain: true }],
    createdAt: now(),
    updatedAt: now(),
    rev: 1,
  };
  bridge.addUser('admin', 'admin', 'matkhau123');
  return bridge;
}

export function fakeTransport(bridge: ApiBridge, status: ConnectionStatus = 'online'): Transport {
  return { bridge, getStatus: () => status, onStatus: () => () => {} };
}

/** A transport whose connection status the test drives, as the WebSocket client would. */
export function controllableTransport(bridge: ApiBridge, initial: ConnectionStatus = 'online') {
  let status = initial;
  const listeners = new Set<(s: ConnectionStatus) => void>();
  const transport: Transport = {
    bridge,
    getStatus: () => status,
    onStatus: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const setStatus = (s: ConnectionStatus) => {
    status = s;
    for (const l of listeners) l(s);
  };
  return { transport, setStatus };
}
