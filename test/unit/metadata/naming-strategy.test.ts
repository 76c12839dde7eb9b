import { SnakeCaseNamingStrategy } from '../../../src';

describe('SnakeCaseNamingStrategy', () => {
  const naming = new SnakeCaseNamingStrategy();

  it.each([
    ['BookTag', 'book_tag'],
    ['HTTPRequest', 'http_request'],
    ['Author', 'author'],
  ])('names the table of class %s %s', (className, table) => {
    expect(naming.tableName(className)).toBe(table);
  });

  it.each([
    ['createdAt', 'created_at'],
    ['userID', 'user_id'],
    ['getHTTPResponseCode', 'get_http_response_code'],
    ['isbn13Code', 'isbn13_code'],
    ['already_snake', 'already_snake'],
    ['email', 'email'],
  ])('names the column of property %s %s', (property, column) => {
    expect(naming.columnName(property)).toBe(column);
  });

  it('names indexes after their table, columns and kind', () => {
    expect(naming.indexName('book_tag', ['book_id', 'tag_id'], true)).toBe('book_tag_book_id_tag_id_unique');
    expect(naming.indexName('authors', ['last_name'], false)).toBe('authors_last_name_index');
  });
});
