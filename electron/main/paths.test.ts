import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveUserDataDir, runtimePaths } from './paths';

describe('runtime paths', () => {
  it('finds preload, renderer and backend next to the built main', () => {
    const p = runtimePaths({ mainDir: '/app/out/main', isPackaged: false, resourcesPath: '/x', appPath: '/app' });
    expect(p.preload).toBe(path.join('/app/out/preload/index.cjs'));
    expect(p.rendererRoot).toBe(path.join('/app/out/renderer'));
    expect(p.backendEntry).toBe(path.join('/app/out/main/backend.js'));
    expect(p.resourcesDir).toBe(path.join('/app/resources'));
  });
  it('uses extraResources when packaged', () => {
    const p = runtimePaths({ mainDir: '/opt/tc/resources/app.asar/out/main', isPackaged: true, resourcesPath: '/opt/tc/resources', appPath: '/opt/tc/resources/app.asar' });
    expect(p.resourcesDir).toBe(path.join('/opt/tc/resources/resources'));
  });
  it('user data: <appData>/Trường Chuẩn, or TRUONG_CHUAN_DATA_DIR', () => {
    expect(resolveUserDataDir('/home/gv/.config', {})).toBe(path.join('/home/gv/.config', 'Trường Chuẩn'));
    expect(resolveUserDataDir('/home/gv/.config', { TRUONG_CHUAN_DATA_DIR: '/tmp/tc-test' })).toBe(path.resolve('/tmp/tc-test'));
  });
});
