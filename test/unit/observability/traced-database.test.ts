import { tracedDatabase } from '../../../src/observability/traced-database';

describe('the database spans describe', () => {
  test('the system is the product the server names, whatever the URL scheme says', () => {
    expect(tracedDatabase('mysql://root@db:3306/app', '10.11.6-MariaDB-0+deb12u1', 'mysql').system).toBe('mariadb');
    expect(tracedDatabase('mysql://root@db:3306/app', 'MySQL 8.4.0', 'mysql').system).toBe('mysql');
    expect(tracedDatabase('postgres://db/app', 'PostgreSQL 16.4', 'postgres').system).toBe('postgresql');
    expect(tracedDatabase('x.db', undefined, 'external').system).toBe('external');
  });

  test('a network URL gives the database, host and port, never the credentials', () => {
    const database = tracedDatabase('postgres://user:p%40ss@db.internal:6543/my%20app?sslmode=require', 'PostgreSQL 16.4', 'postgres');
    expect(database).toEqual({ system: 'postgresql', namespace: 'my app', address: 'db.internal', port: 6543 });
  });

  test("a SQLite file is named by its file name; ':memory:' is itself", () => {
    expect(tracedDatabase('/var/lib/app/data.sqlite', 'SQLite 3.45.1', 'sqlite').namespace).toBe('data.sqlite');
    expect(tracedDatabase(':memory:', 'SQLite 3.45.1', 'sqlite').namespace).toBe(':memory:');
    expect(tracedDatabase(undefined, 'SQLite 3.45.1', 'sqlite')).toEqual({ system: 'sqlite', namespace: undefined });
  });
});
