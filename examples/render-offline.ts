/**
 * Render the example greeting without any endpoint: handy when writing a template.
 * Usage: npx tsx examples/render-offline.ts [context.json]
 */
import { readFileSync } from 'node:fs';
import { mergeContext, renderTemplate } from '../src/index.js';

const file = process.argv[2];
const json: unknown = file
  ? JSON.parse(readFileSync(file, 'utf8'))
  // An array of objects is merged in order, the way an endpoint's answer would be.
  : [{ known: true, customer: { first_name: 'ada' } }, { account: { status: 'active', tier: 'VIP', plan: null } }];

const greeting = readFileSync(new URL('./greeting.j2', import.meta.url), 'utf8');
console.log(renderTemplate(greeting, mergeContext(json)));
