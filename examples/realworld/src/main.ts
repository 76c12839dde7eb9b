import { configFromEnv } from './config';
import { createApp } from './create-app';

/** `npm run example:realworld`: the API on PORT (default 3000), its database from DATABASE_URL. */
async function main(): Promise<void> {
  const app = await createApp(configFromEnv());
  app.enableShutdownHooks(); // SIGTERM closes the Orm's pool
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port);
  console.log(`Conduit API listening on http://127.0.0.1:${port}/api`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
