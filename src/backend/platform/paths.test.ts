import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile, defaultDataDir, defaultResourcesDir, PRODUCT_NAME } from './paths';

const home = os.homedir();

describe('defaultDataDir', () => {
  it('is named after the product, as Electron’s userData is', () => {
    expect(PRODUCT_NAME).toBe('Trường Chuẩn');
  });

  it('Windows: %APPDATA%\\Trường Chuẩn, or AppData/Roaming under the home folder without APPDATA', () => {
    expect(defaultDataDir({ APPDATA: 'C:/Users/gv/AppData/Roaming' }, 'win32')).toBe(
      path.join('C:/Users/gv/AppData/Roaming', PRODUCT_NAME),
    );
    expect(defaultDataDir({}, 'win32')).toBe(path.join(home, 'AppData', 'Roaming', PRODUCT_NAME));
    expect(defaultDataDir({ APPDATA: '' }, 'win32')).toBe(path.join(home, 'AppData', 'Roaming', PRODUCT_NAME));
  });

  it('macOS: ~/Library/Application Support/Trường Chuẩn (XDG ignored)', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin')).toBe(
      path.join(home, 'Library', 'Application Support', PRODUCT_NAME),
    );
  });

  it('Linux: $XDG_CONFIG_HOME/Trường Chuẩn, else ~/.config/Trường Chuẩn', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/gv/.cfg' }, 'linux')).toBe(path.join('/home/gv/.cfg', PRODUCT_NAME));
    expect(defaultDataDir({}, 'linux')).toBe(path.join(home, '.config', PRODUCT_NAME));
    expect(defaultDataDir({}, 'freebsd')).toBe(path.join(home, '.config', PRODUCT_NAME));
  });

  it('treats an empty XDG_CONFIG_HOME as unset (never a relative data folder)', () => {
    const dir = defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux');
    expect(dir).toBe(path.join(home, '.config', PRODUCT_NAME));
    expect(path.isAbsolute(dir)).toBe(true);
  });

  it('TRUONG_CHUAN_DATA_DIR overrides every platform default, resolved to an absolute path', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      expect(defaultDataDir({ TRUONG_CHUAN_DATA_DIR: '/srv/truong', APPDATA: '/a', XDG_CONFIG_HOME: '/x' }, platform)).toBe(
        path.resolve('/srv/truong'),
      );
    }
    expect(defaultDataDir({ TRUONG_CHUAN_DATA_DIR: 'du-lieu' }, 'linux')).toBe(path.resolve('du-lieu'));
    expect(defaultDataDir({ TRUONG_CHUAN_DATA_DIR: '' }, 'linux')).toBe(path.join(home, '.config', PRODUCT_NAME));
  });

  it('reads process.env and process.platform by default', () => {
    const saved = process.env.TRUONG_CHUAN_DATA_DIR;
    process.env.TRUONG_CHUAN_DATA_DIR = path.join(os.tmpdir(), 'tc-override');
    try {
      expect(defaultDataDir()).toBe(path.join(os.tmpdir(), 'tc-override'));
    } finally {
      if (saved === undefined) delete process.env.TRUONG_CHUAN_DATA_DIR;
      else process.env.TRUONG_CHUAN_DATA_DIR = saved;
    }
  });
});

describe('databaseFile and defaultResourcesDir', () => {
  it('keeps the database as truong-chuan.sqlite in the data folder', () => {
    expect(databaseFile('/data')).toBe(path.join('/data', 'truong-chuan.sqlite'));
  });

  it('finds resources/ of the checkout by default, or TRUONG_CHUAN_RESOURCES_DIR', () => {
    const dir = defaultResourcesDir({});
    expect(dir).toBe(path.resolve(import.meta.dirname, '..', '..', '..', 'resources'));
    expect(fs.existsSync(dir)).toBe(true);
    expect(defaultResourcesDir({ TRUONG_CHUAN_RESOURCES_DIR: '/opt/tc/resources' })).toBe(path.resolve('/opt/tc/resources'));
  });
});
