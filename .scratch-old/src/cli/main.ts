import { runCli } from './run.js';

// The bin entry (tsup builds it to dist/cli.js with a shebang). Setting exitCode rather
// than calling process.exit lets stdout drain when it is a pipe.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});
