import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/**
 * An application of its own in a temp dir (outside this repository, so nothing resolves from its node_modules):
 * its main script loads Tessera from src/ and registers an @IsEmail constraint through the class-validator copy
 * beside Tessera (by absolute path: metadata lives in one global store, so any copy that Tessera resolved would see
 * it), then flushes an invalid entity and prints what happened.
 */
const APP = `
require(${JSON.stringify(join(ROOT, 'scripts/register.js'))});
const { Orm, Entity, PrimaryKey, Column } = require(${JSON.stringify(join(ROOT, 'src'))});
const constrained = process.argv[3] !== 'unconstrained';

class Person {}
PrimaryKey({ type: 'int' })(Person.prototype, 'id');
Column({ type: 'string' })(Person.prototype, 'email');
if (constrained) require(${JSON.stringify(join(ROOT, 'node_modules/class-validator'))}).IsEmail()(Person.prototype, 'email');
Entity({ table: 'people' })(Person);

async function main() {
  const validation = process.argv[2] === 'on' ? true : undefined;
  const outcome = await Orm.init({ entities: [Person], validation }).then(async (orm) => {
    try {
      await orm.schema.create();
      const em = orm.em.fork();
      em.create(Person, { email: 'not an email' });
      await em.flush();
      const written = (await orm.em.fork().find(Person, {})).length;
      return constrained ? { written } : { written, loaded: Object.keys(require.cache).some((f) => f.includes('/node_modules/class-validator/')) };
    } catch (error) {
      return { error: error.constructor.name, message: error.message };
    } finally {
      await orm.close();
    }
  }, (error) => ({ error: error.constructor.name, message: error.message }));
  process.stdout.write(JSON.stringify(outcome));
}
main();
`;

let dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs the app from its own folder (its cwd and main module); `withClassValidator` links class-validator into it. */
function runApp(withClassValidator: boolean, ...args: string[]): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-app-'));
  dirs.push(dir);
  if (withClassValidator) {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(ROOT, 'node_modules/class-validator'), join(dir, 'node_modules/class-validator'), 'dir');
  }
  writeFileSync(join(dir, 'main.js'), APP);
  const { NODE_PATH: _, ...env } = process.env;
  return JSON.parse(execFileSync(process.execPath, ['main.js', ...args], { cwd: dir, env, encoding: 'utf8' })) as Record<string, unknown>;
}

describe('class-validator is resolved from the application, not from Tessera', () => {
  test("an application with class-validator installed gets its entities validated", () => {
    const outcome = runApp(true);
    expect(outcome.error).toBe('ValidationError');
    expect(outcome.message).toContain('Person.email: isEmail');
  });

  test("without it, nothing changes and nothing fails, though a copy sits in Tessera's own node_modules", () => {
    expect(runApp(false)).toEqual({ written: 1 });
  });

  test('with it installed but no constraint declared anywhere, it is not even loaded (start-up stays short)', () => {
    expect(runApp(true, 'default', 'unconstrained')).toEqual({ written: 1, loaded: false });
  });

  test('without it, asking for validation explicitly is a UsageError naming the install command', () => {
    const outcome = runApp(false, 'on');
    expect(outcome.error).toBe('UsageError');
    expect(outcome.message).toContain('npm install class-validator');
  });
});
