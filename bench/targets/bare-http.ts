// Baseline A: bare node:http answering from memory the bytes the application answered, for
// each (path, authorization) the benchmark asks. Run as a child process: PORT, BENCH_ANSWERS
// (a JSON file of { key: "path|authorization", contentType, body }).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

interface Answer {
  key: string;
  contentType: string;
  body: string;
}

const answers = new Map<string, { contentType: string; body: Buffer }>();
for (const a of JSON.parse(readFileSync(process.env.BENCH_ANSWERS ?? '', 'utf8')) as Answer[]) {
  answers.set(a.key, { contentType: a.contentType, body: Buffer.from(a.body) });
}

const server = createServer((req, res) => {
  if (req.url === '/ready') {
    res.writeHead(200).end();
    return;
  }
  const found = answers.get(`${req.url}|${req.headers.authorization ?? ''}`);
  if (found === undefined) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': found.contentType, 'content-length': found.body.length });
  res.end(found.body);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
