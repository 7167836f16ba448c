/** Child process of the API benchmark: serves a results folder on a free port and prints the URL as one JSON line. */
import { serveDashboard } from '../src/index.js';

const resultsDir = process.argv[2];
if (resultsDir === undefined) throw new Error('serve-child: pass the results folder');
const server = await serveDashboard({ resultsDir, port: 0 });
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
