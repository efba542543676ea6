/**
 * A child process for the lobby benchmark: the real app on a prepared database file, or a bare `ws`
 * broadcast server, so that the clients' own memory and CPU are not counted as the server's.
 */
import { WebSocketServer } from 'ws';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/client';

const [mode, file] = process.argv.slice(2);

if (mode === 'bare') {
  // The least a broadcast server can do: parse the line, serialise it once, write it to everyone.
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', maxPayload: 16 * 1024 });
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'snapshot' }));
    ws.on('message', (data) => {
      const { text } = JSON.parse(data.toString()) as { text: string };
      const out = Buffer.from(JSON.stringify({ type: 'chat', text }));
      for (const client of wss.clients) client.send(out, { binary: false });
    });
  });
  wss.on('listening', () => process.send?.({ port: (wss.address() as { port: number }).port }));
} else {
  const db = openDatabase(file!);
  const config = loadConfig({
    NODE_ENV: 'production',
    SEED_DEMO: '0',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://127.0.0.1:3000',
  });
  const app = await buildApp(config, { db: db.db, mailSender: null });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: (app.server.address() as { port: number }).port });
}
