import { CommandLineError } from '../../../src';
import { maskUrl, parseDatabaseUrl, passwordOf } from '../../../src/cli/database-url';

describe('parseDatabaseUrl', () => {
  test.each([
    ['postgres://u:p@h:5432/db', 'postgres', 'postgres://u:p@h:5432/db'],
    ['postgresql://u@h/db', 'postgresql', 'postgresql://u@h/db'],
    ['mysql://root@127.0.0.1:3306/app', 'mysql', 'mysql://root@127.0.0.1:3306/app'],
    ['mariadb://root@127.0.0.1:3306/app', 'mariadb', 'mysql://root@127.0.0.1:3306/app'],
    ['sqlite:data/app.sqlite', 'sqlite', 'data/app.sqlite'],
    ['sqlite:///var/app.sqlite', 'sqlite', '/var/app.sqlite'],
    ['sqlite::memory:', 'sqlite', ':memory:'],
    ['file:app.db', 'sqlite', 'app.db'],
  ])('%s is %s at %s', (input, dialect, url) => {
    expect(parseDatabaseUrl(input)).toEqual({ dialect, url });
  });

  test('an unknown scheme or a bare path is a CommandLineError', () => {
    expect(() => parseDatabaseUrl('oracle://x')).toThrow(CommandLineError);
    expect(() => parseDatabaseUrl('app.sqlite')).toThrow("TESSERA_URL has the scheme 'app.sqlite'");
  });
});

test('maskUrl hides the password only; passwordOf reads it decoded', () => {
  expect(maskUrl('postgres://app:p%40ss@db:5432/app')).toBe('postgres://app:****@db:5432/app');
  expect(maskUrl('mysql://root@db/app')).toBe('mysql://root@db/app');
  expect(maskUrl('dev.sqlite')).toBe('dev.sqlite');
  expect(passwordOf('postgres://app:p%40ss@db/app')).toBe('p@ss');
  expect(passwordOf('mysql://root@db/app')).toBeUndefined();
  expect(passwordOf(undefined)).toBeUndefined();
});
