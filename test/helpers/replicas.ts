import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReplicaReply, ReplicaRequest } from './replica.js';

const SCRIPT = fileURLToPath(new URL('./replica.ts', import.meta.url));

/** A replica process, as the test sees it. */
export interface Replica {
  send(request: Omit<ReplicaRequest, 'id'>): Promise<ReplicaReply>;
  stop(): Promise<void>;
}

/** Forks a replica process on the given Redis; resolves once it is ready. */
export async function startReplica(redisUrl: string): Promise<Replica> {
  const child: ChildProcess = fork(SCRIPT, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, REPLICA_REDIS_URL: redisUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, (reply: ReplicaReply) => void>();
  let next = 1;
  child.on('message', (reply: ReplicaReply) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  await new Promise<void>((resolve, reject) => {
    pending.set(0, () => resolve());
    child.once('exit', (code) => reject(new Error(`replica exited during start (${code})`)));
    setTimeout(() => reject(new Error('replica did not start within 15 s')), 15_000).unref();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    send(request) {
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, resolve);
        child.send({ ...request, id });
        setTimeout(() => reject(new Error(`replica did not answer ${request.op} within 10 s`)), 10_000).unref();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
