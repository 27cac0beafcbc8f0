import { fork } from 'node:child_process';
import { SERVER_SCRIPT } from './library.js';

export interface BenchServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  close: () => Promise<void>;
}

/**
 * Starts the context endpoint in a child process (its own core, like a real
 * customer server). Plain node, no loader flags, never a profiler.
 */
export async function startServer(): Promise<BenchServer> {
  const child = fork(SERVER_SCRIPT, [], { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench server did not start within 10 s')), 10_000);
    child.once('message', (m: { port: number }) => {
      clearTimeout(timer);
      resolve(m.port);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited early (${code})`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || !child.connected) return resolve();
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 2_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      }),
  };
}
