import { describe, expect, it } from 'vitest';
import { readArg } from './args';

describe('readArg', () => {
  it('reads `--name value` and `--name=value`', () => {
    expect(readArg(['--data-dir', '/d', '--port', '8080'], 'data-dir')).toBe('/d');
    expect(readArg(['--port=8080'], 'port')).toBe('8080');
    expect(readArg(['--static=/a=b'], 'static')).toBe('/a=b');
  });

  it('returns undefined when the flag is absent or has no value', () => {
    expect(readArg(['--port', '1'], 'host')).toBeUndefined();
    expect(readArg(['--host'], 'host')).toBeUndefined();
  });

  it('does not mistake a longer flag for a shorter one', () => {
    expect(readArg(['--data-dir-x=/wrong'], 'data-dir')).toBeUndefined();
    expect(readArg(['--portable', 'yes'], 'port')).toBeUndefined();
  });
});
