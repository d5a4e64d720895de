// The start-up floor for bench/startup.ts: tsx loading one file that answers
// GET /healthz, with nothing of jobbot's imported.
import { createServer } from 'node:http';

createServer((_req, res) => res.writeHead(200).end('ok')).listen(Number(process.env.PORT));
