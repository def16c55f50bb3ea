// `mixedml serve`: browser mode, the built renderer and the services on 127.0.0.1 with a per-launch token.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeServices } from '../services/services.ts';
import { startServer } from '../server/server.ts';
import { CliError, type Command } from './commands.ts';

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

export const serveCommand: Command = {
  summary: 'start browser mode: the app on 127.0.0.1 with a per-launch token (URL printed)',
  usage: 'serve [--port N]',
  options: { port: { type: 'string' } },
  async run(values) {
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0..65535`);
    if (!existsSync(rendererDir)) throw new CliError('the renderer is not built: run npm run build first', 1);
    const services = makeServices({ mode: 'browser' });
    const running = await startServer({ services, staticDir: rendererDir, port });
    process.stdout.write(`mixedML Studio is running at ${running.url}\n`);
    await new Promise<void>((resolve) => {
      const stop = () =>
        void running
          .close()
          .then(() => services.close())
          .then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
