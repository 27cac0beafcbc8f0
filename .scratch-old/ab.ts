import { startServer } from '../bench/server.js';
import { CALL, LOOPBACK, TOKEN } from '../bench/library.js';
import { interleave, median, timeAsyncSequential } from '../bench/measure.js';
const oldLib = await import('./src/index.ts');
const newLib = await import(process.env.AB_SAME ? './src/index.ts?x' : '../src/index.ts');
const server = await startServer();
const cfg = { endpoint: `${server.origin}/ctx`, auth: { type: 'bearer' as const, token: TOKEN } };
const a = oldLib.createContextClient(cfg, LOOPBACK);
const b = newLib.createContextClient(cfg, LOOPBACK);
await a.load(CALL); await b.load(CALL);
const n = 20000;
for (let i = 0; i < 5; i++) { await timeAsyncSequential(() => a.load(CALL), n); await timeAsyncSequential(() => b.load(CALL), n); }
const [oldNs, newNs] = await interleave(60, [() => timeAsyncSequential(() => a.load(CALL), n), () => timeAsyncSequential(() => b.load(CALL), n)]);
const ratios = oldNs.map((o, i) => newNs[i] / o);
console.log(`old median ${median(oldNs).toFixed(0)} ns, best ${Math.min(...oldNs).toFixed(0)}; new median ${median(newNs).toFixed(0)} ns, best ${Math.min(...newNs).toFixed(0)}; per-round new/old median ${median(ratios).toFixed(3)}`);
await a.close(); await b.close(); await server.close();
process.exit(0);
