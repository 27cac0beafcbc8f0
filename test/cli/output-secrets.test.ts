import { describe, expect, it } from 'vitest';
import { Output } from '../../src/cli/output.js';

function capture() {
  const printed: string[] = [];
  const output = new Output({ stdout: (t) => printed.push(t), stderr: (t) => printed.push(t), env: {} });
  return { output, printed: () => printed.join('') };
}

describe('the CLI scrubs every form of a secret it was given', () => {
  const secrets = [
    { name: 'a token with a quote and a backslash', secret: 'tok"SECRET\\9c1e' },
    { name: 'a token with a slash', secret: 'tok/SECRET+9c1e' },
    { name: 'a 3-character password', secret: 'q7z' },
    { name: 'a 1-character password', secret: 'Q' },
  ];
  it.each(secrets)('$name, in --json output, plain lines and errors', ({ secret }) => {
    const { output, printed } = capture();
    output.addSecret(secret);
    output.printJson({ greeting: `Hi ${secret}`, auth: `Basic ${Buffer.from(`maria:${secret}`).toString('base64')}` });
    output.print(`echoed ${encodeURIComponent(secret)} and ${Buffer.from(secret).toString('base64')}`);
    output.error(`refused ${secret}`, `hint ${JSON.stringify(secret)}`);
    const text = printed();
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
      expect(text).not.toContain(form);
    }
    expect(text).toContain('[redacted]');
  });

  it('scrubs the basic-auth header of user:pass once user:pass is registered', () => {
    const { output, printed } = capture();
    output.addSecret('maria:pw-51ab');
    output.print(`Authorization: Basic ${Buffer.from('maria:pw-51ab').toString('base64')}`);
    expect(printed()).toBe('Authorization: Basic [redacted]\n');
  });
});
