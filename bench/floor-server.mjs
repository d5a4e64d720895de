// The start-up floor of plain node for bench/startup.ts: one file that answers
// GET /healthz, with nothing of jobbot's imported (floor-server.ts is the same under tsx).
import { createServer } from 'node:http';

createServer((_req, res) => res.writeHead(200).end('ok')).listen(Number(process.env.PORT));
