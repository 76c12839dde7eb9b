/**
 * The `tessera` command's view of the app (run it from this folder): `npx tessera migration:up`,
 * `migration:status`, `migration:generate <name>` after changing an entity, `migration:check` in CI.
 * The database is DATABASE_URL's, as for the app.
 */
import { defineConfig } from 'tessera-orm';
import { configFromEnv } from './src/config';

export default defineConfig(configFromEnv().orm);
