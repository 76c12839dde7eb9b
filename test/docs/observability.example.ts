import { createServer, type Server } from 'node:http';
import type { Orm } from 'tessera-orm';

/** Prometheus scrapes GET /metrics; anything else is a 404. */
export function metricsServer(orm: Orm): Server {
  return createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(orm.metrics().toPrometheus());
  });
}
