import { parseStatements } from '../../../src/cli/statement-list';
import { CommandLineError } from '../../../src/errors/command-line-error';

describe('parseStatements', () => {
  test('SQL text: statements end with ";" at the end of a line; comments and blank lines are skipped', () => {
    const text = "-- slow ones\nselect * from book\n  where title = 'a;b';\n\nselect 1;  \nselect 2";
    expect(parseStatements(text, 'f.sql')).toEqual([{ sql: "select * from book\n  where title = 'a;b'" }, { sql: 'select 1' }, { sql: 'select 2' }]);
  });

  test('NDJSON: one statement per line with its values', () => {
    const text = '{"sql": "select * from book where id = ?", "params": [7]}\n{"sql": "select 1"}\n';
    expect(parseStatements(text, 'q.ndjson')).toEqual([{ sql: 'select * from book where id = ?', params: [7] }, { sql: 'select 1', params: undefined }]);
  });

  test('a line that is not a statement object names its line', () => {
    expect(() => parseStatements('{"sql": "select 1"}\n{"sql": 5}', 'q.ndjson')).toThrow(CommandLineError);
    expect(() => parseStatements('{"sql": "select 1"}\n{oops', 'q.ndjson')).toThrow(/line 2 of q\.ndjson is not/);
  });
});
