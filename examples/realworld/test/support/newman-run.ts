import { join } from 'node:path';
import { run, type NewmanRunSummary } from 'newman';

/** The official RealWorld API collection (from gothinkster/realworld, copied into conformance/). */
export const COLLECTION = join(__dirname, '../../conformance/Conduit.postman_collection.json');

/**
 * Runs the collection the way the RealWorld project does
 * (`newman run <collection> --global-var APIURL=... --global-var USERNAME=... ...`), through newman's Node API.
 */
export function runCollection(api: string, user: { username: string; email: string; password: string }): Promise<NewmanRunSummary> {
  const globalVar = [
    { key: 'APIURL', value: api },
    { key: 'USERNAME', value: user.username },
    { key: 'EMAIL', value: user.email },
    { key: 'PASSWORD', value: user.password },
  ];
  return new Promise((resolve, reject) => {
    run({ collection: COLLECTION, globalVar, reporters: [] }, (error, summary) => (error ? reject(error) : resolve(summary)));
  });
}
