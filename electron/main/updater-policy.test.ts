import { describe, expect, it } from 'vitest';
import { decideInstall, resolveUpdateConfig, UPDATE_CHECK_INTERVAL_MS } from './updater-policy';

describe('resolveUpdateConfig', () => {
  it('no env, no file → updater off', () => {
    expect(resolveUpdateConfig(null, {})).toEqual({ config: null });
  });

  it('reads update.json and normalizes the feed URL to a folder', () => {
    expect(resolveUpdateConfig('{"url":"https://capnhat.sgd.vn/truong-chuan"}', {})).toEqual({
      config: { feedUrl: 'https://capnhat.sgd.vn/truong-chuan/' },
    });
  });

  it('the environment wins over the file', () => {
    expect(resolveUpdateConfig('{"url":"https://a.vn/"}', { TRUONG_CHUAN_UPDATE_URL: 'https://b.vn/feed/' }).config).toEqual({
      feedUrl: 'https://b.vn/feed/',
    });
  });

  it('refuses plain http unless explicitly allowed (LAN servers)', () => {
    expect(resolveUpdateConfig('{"url":"http://192.168.1.10/tc/"}', {})).toMatchObject({ config: null, problem: expect.stringMatching(/https/) });
    expect(resolveUpdateConfig('{"url":"http://192.168.1.10/tc/","allowHttp":true}', {}).config).toEqual({ feedUrl: 'http://192.168.1.10/tc/' });
    expect(resolveUpdateConfig(null, { TRUONG_CHUAN_UPDATE_URL: 'http://x.lan/', TRUONG_CHUAN_UPDATE_ALLOW_HTTP: '1' }).config).toEqual({
      feedUrl: 'http://x.lan/',
    });
  });

  it.each([
    ['not json', /JSON/],
    ['[1,2]', /định dạng/],
    ['{"url":"ftp://x.vn/"}', /https/],
    ['{"url":"file:///C:/updates"}', /https/],
    ['{"url":"https://u:p@x.vn/"}', /mật khẩu/],
    ['{"url":"::::"}', /không hợp lệ/],
  ])('bad file %s → off with a reason', (text, reason) => {
    const r = resolveUpdateConfig(text, {});
    expect(r.config).toBeNull();
    expect(r.problem).toMatch(reason);
  });

  it('"enabled": false turns it off even with a URL', () => {
    expect(resolveUpdateConfig('{"enabled":false,"url":"https://a.vn/"}', {})).toEqual({ config: null });
  });

  it('checks every 6 hours', () => {
    expect(UPDATE_CHECK_INTERVAL_MS).toBe(21_600_000);
  });
});

describe('decideInstall', () => {
  it('installs only when downloaded, confirmed by the user, and no write is pending', () => {
    expect(decideInstall({ updateDownloaded: true, userConfirmed: true, pendingWrites: 0 })).toEqual({ action: 'install' });
  });
  it('waits while the backend is writing', () => {
    expect(decideInstall({ updateDownloaded: true, userConfirmed: true, pendingWrites: 2 })).toEqual({ action: 'wait', reason: 'busy' });
  });
  it('treats "no answer" as busy', () => {
    expect(decideInstall({ updateDownloaded: true, userConfirmed: true, pendingWrites: null })).toEqual({ action: 'wait', reason: 'unknown' });
  });
  it('does nothing without the user’s choice or without an update', () => {
    expect(decideInstall({ updateDownloaded: true, userConfirmed: false, pendingWrites: 0 })).toEqual({ action: 'none', reason: 'not-confirmed' });
    expect(decideInstall({ updateDownloaded: false, userConfirmed: true, pendingWrites: 0 })).toEqual({ action: 'none', reason: 'no-update' });
  });
});
