import { Migration } from '../../../../src';

/** evolve books */
export class Migration20261121193000_evolve_books extends Migration {
  up(): void {
    this.schema.createEnum('mood', ['happy', 'sad']);
    this.schema.createTable('authors', (t) => {
      t.increments('id');
      t.string('email', 255);
      t.text('bio').defaultTo('it\'s \\ new');
      t.decimal('score', 12, 2).defaultTo(0.5);
      t.bigInteger('views').defaultTo('9007199254740993');
      t.boolean('active').defaultTo(true);
      t.timestamp('born', 6).nullable().defaultRaw('current_timestamp');
      t.enum('mood', ['happy', 'sad'], { enumName: 'mood' }).defaultTo('sad');
      t.specific('spot', 'point').nullable();
      t.unique(['email'], 'authors_email_unique');
      t.index(['score', 'views'], { name: 'authors_score_views', unique: true });
    });
    this.schema.addColumn('books', (t) => t.integer('age').nullable().defaultTo(0));
    this.schema.renameColumn('books', 'name', 'title');
    this.schema.alterColumn('books', (t) => t.bigInteger('pages').nullable());
    this.schema.addForeignKey('books', ['author_id'], 'authors', ['id'], { name: 'books_author_id_foreign', onDelete: 'cascade' });
    this.schema.dropIndex('books', 'books_title_index');
    // Lossy: drop column books.legacy (its values are lost).
    this.schema.dropColumn('books', 'legacy');
  }

  down(): void {
    this.schema.addColumn('books', (t) => t.string('legacy', 20).nullable());
    this.schema.createIndex('books', ['title'], { name: 'books_title_index' });
    this.schema.dropForeignKey('books', 'books_author_id_foreign');
    this.schema.alterColumn('books', (t) => t.integer('pages'));
    this.schema.renameColumn('books', 'title', 'name');
    this.schema.dropColumn('books', 'age');
    this.schema.dropTable('authors');
    this.schema.dropEnum('mood');
  }
}
