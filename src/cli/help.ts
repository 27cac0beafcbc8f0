/** Usage texts. Kept apart from the commands so each command file stays about behaviour. */
import { CLOCK_HELP } from './clock.js';
import { PLACEHOLDER_AGENT_UUID } from './endpoint.js';

export const TOP_HELP = `dynamic-context: load a caller's context from a context endpoint and render Jinja templates with it

Usage:
  dynamic-context render    --template FILE --context FILE.json
  dynamic-context check     --template FILE (--context FILE.json | --endpoint URL --contact NUMBER ...)
  dynamic-context preview   --endpoint URL --contact NUMBER --template FILE [endpoint options]
  dynamic-context test      --endpoint URL --contact NUMBER [endpoint options]
  dynamic-context variables (--context FILE.json | --endpoint URL --contact NUMBER ...)

Commands:
  render     render a template offline with the JSON of a file as context
  check      list what the caller would hear wrong: missing or null data, unknown filters,
             "None", gaps like "Hi , welcome"; exit 1 when any finding is an error
  preview    call the endpoint like the platform does, then render a template with the answer
             (or the fallback the caller hears when the endpoint fails)
  test       call the endpoint and print the editor's test report (status, time, size, variables)
  variables  print the merged variables a template renders with, values included

A file flag given as - reads standard input (one flag at a time).

Options:
  --json            machine-readable output on stdout, on every path, errors included:
                    { "ok": false, "error": { "code", "message", "hint" } } on failure;
                    many contacts: { "ok", "results": [ one document per contact ] }
  -h, --help        help for a command: dynamic-context preview --help
  --version         print the version

Exit codes: 0 ok, 1 endpoint or template failure, 2 usage error.
`;

const ENDPOINT_HELP = `Endpoint options:
  --endpoint URL              the context endpoint (https; see --allow-http)
  --bearer TOKEN              send Authorization: Bearer TOKEN   (or env DYNAMIC_CONTEXT_TOKEN)
  --basic USER:PASSWORD       send HTTP Basic auth               (or env DYNAMIC_CONTEXT_BASIC)
  --header 'Name: value'      send a custom auth header          (or env DYNAMIC_CONTEXT_HEADER)
  --contact NUMBER            the caller's phone number (required unless --web or --contacts);
                              repeat it to run several contacts
  --contacts FILE             contacts to run: one number per line, or a JSON array of numbers
                              and call records ({"contact_number", "direction", "agent_number", ...})
  --direction DIR             inbound (default) or outbound
  --agent UUID                agent_uuid to send (default ${PLACEHOLDER_AGENT_UUID})
  --agent-number NUMBER       the agent's phone number
  --web                       simulate a web-widget conversation (medium: web)
  --external-id ID            the widget's visitor id (with --web)
  --timeout MS                total deadline, 1 to 30000 (default 30000)
  --allow-http                allow a plain http endpoint (local development only)
  --allow-private-network     allow loopback and private addresses (local development only)

Env DYNAMIC_CONTEXT_SIGNING_SECRET (whsec_…) signs each request as Standard Webhooks do.
Secrets passed in the environment stay out of shell history; the CLI never prints them.
The flag wins over the environment when both are given.`;

export const RENDER_HELP = `Usage: dynamic-context render --template FILE --context FILE.json [--timezone ZONE] [--now TIME] [--json]

Renders a template offline. The context file holds what an endpoint would answer:
a JSON object, or an array of objects merged in order; its top-level keys are the
template's variables ({{ customer.first_name }}), over the system variables
(current_datetime, time_of_day, direction, ...; see the README's Variables).

Options:
  --template FILE     the Jinja template (e.g. examples/greeting.j2)
  --context FILE      the JSON context
  --timezone ZONE     the agent's IANA time zone (default UTC)
  --now TIME          the moment of the call, ISO 8601 with an offset; default: now
  --json              print { ok, output, variables } instead of the text
  -h, --help          this help

Exit codes: 0 ok, 1 template error or context that is not an object, 2 usage error.
`;

export const PREVIEW_HELP = `Usage: dynamic-context preview --endpoint URL --contact NUMBER --template FILE [options]

Sends the request the platform sends before a call, merges the JSON answer and
prints the template rendered with it: what the caller would hear.

Compiles the template first, so a syntax error never waits for the endpoint. Warnings
(slow endpoint, sensitive data, and what checkTemplate finds in the render) go to stderr.
When the endpoint fails, stdout has the fallback: the template rendered with no context,
which is what the caller hears then (exit code 1 all the same).

Options:
  --template FILE             the Jinja template to render (- for stdin)
${CLOCK_HELP}
  --json                      print { ok, contact, output, fallback, variables, durationMs,
                              status, warnings, findings, error? }
  -h, --help                  this help

${ENDPOINT_HELP}

Example:
  DYNAMIC_CONTEXT_TOKEN=... dynamic-context preview --endpoint https://crm.example.com/context \\
    --contact +14155550101 --template greeting.j2

Exit codes: 0 ok, 1 endpoint or template failure, 2 usage error.
`;

export const TEST_HELP = `Usage: dynamic-context test --endpoint URL --contact NUMBER [options]

Runs the agent editor's "Test" check: always goes to the network and reports
ok, HTTP status, duration, response size, top-level variables, the error with a
hint on what to fix, and warnings (slow, large, plain http, ...).

Options:
  --template FILE             also check a template against the answer (repeatable)
  --json                      print the report as JSON
  -h, --help                  this help

${ENDPOINT_HELP}

Exit codes: 0 endpoint ok, 1 endpoint failure, 2 usage error.
`;

export const CHECK_HELP = `Usage: dynamic-context check --template FILE (--context FILE.json | --endpoint URL --contact NUMBER ...)

Renders the template with the context (a file, or the endpoint's answer) and lists what
the caller would hear wrong, each with its fix:
  error    missing          a path the template reads is absent and has no | default
  warning  null             a path is null and has no | default
  error    spoken_artifact  None, null, undefined, NaN, [object Object], [redacted], {{ or {%,
                            or a gap an empty value left ("Hi , welcome", two spaces)
  error    unknown_filter   a filter or test that does not exist, also in a branch that did not run
  error    render_error     the render stopped
  error    syntax           the template does not compile
  info     unused           a variable the template never reads

Options:
  --template FILE     the Jinja template (- for stdin)
  --context FILE      the JSON the endpoint would answer (- for stdin)
${CLOCK_HELP}
  --json              print { ok, output, findings: [{ kind, severity, path, line, column, message }] }
                      (many contacts: { ok, results: [...] }; an endpoint failure adds error and fallback)
  -h, --help          this help

${ENDPOINT_HELP}

Exit codes: 0 no error finding, 1 an error finding or an endpoint failure, 2 usage error.
`;

export const VARIABLES_HELP = `Usage: dynamic-context variables (--context FILE.json | --endpoint URL --contact NUMBER ...)

Prints the merged variables a template renders with, values included, as JSON: the answer
to "why did it say 'Hi there'?". Sensitive values (passwords, card numbers) are redacted
as on live calls, and no credential given to the CLI is ever printed.

Options:
  --context FILE      a JSON context file to merge (- for stdin) instead of calling an endpoint
${CLOCK_HELP}
  --json              print { ok, contact, variables } (many contacts: { ok, results })
  -h, --help          this help

${ENDPOINT_HELP}

Exit codes: 0 ok, 1 endpoint failure, 2 usage error.
`;
