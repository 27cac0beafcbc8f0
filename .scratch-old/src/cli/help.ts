/** Usage texts. Kept apart from the commands so each command file stays about behaviour. */
import { PLACEHOLDER_AGENT_UUID } from './endpoint.js';

export const TOP_HELP = `dynamic-context: load a caller's context from a context endpoint and render Jinja templates with it

Usage:
  dynamic-context render  --template FILE --context FILE.json
  dynamic-context preview --endpoint URL --contact NUMBER --template FILE [endpoint options]
  dynamic-context test    --endpoint URL --contact NUMBER [endpoint options]

Commands:
  render    render a template offline with the JSON of a file as context
  preview   call the endpoint like the platform does, then render a template with the answer
  test      call the endpoint and print the editor's test report (status, time, size, variables)

Options:
  --json            machine-readable output on stdout
  -h, --help        help for a command: dynamic-context preview --help
  --version         print the version

Exit codes: 0 ok, 1 endpoint or template failure, 2 usage error.
`;

const ENDPOINT_HELP = `Endpoint options:
  --endpoint URL              the context endpoint (https; see --allow-http)
  --bearer TOKEN              send Authorization: Bearer TOKEN   (or env DYNAMIC_CONTEXT_TOKEN)
  --basic USER:PASSWORD       send HTTP Basic auth               (or env DYNAMIC_CONTEXT_BASIC)
  --header 'Name: value'      send a custom auth header          (or env DYNAMIC_CONTEXT_HEADER)
  --contact NUMBER            the caller's phone number (required unless --web)
  --direction DIR             inbound (default) or outbound
  --agent UUID                agent_uuid to send (default ${PLACEHOLDER_AGENT_UUID})
  --agent-number NUMBER       the agent's phone number
  --web                       simulate a web-widget conversation (medium: web)
  --external-id ID            the widget's visitor id (with --web)
  --timeout MS                total deadline, 1 to 30000 (default 30000)
  --allow-http                allow a plain http endpoint (local development only)
  --allow-private-network     allow loopback and private addresses (local development only)

Secrets passed in the environment stay out of shell history; the CLI never prints them.
The flag wins over the environment when both are given.`;

export const RENDER_HELP = `Usage: dynamic-context render --template FILE --context FILE.json [--json]

Renders a template offline. The context file holds what an endpoint would answer:
a JSON object, or an array of objects merged in order; its top-level keys are the
template's variables ({{ customer.first_name }}).

Options:
  --template FILE     the Jinja template (e.g. examples/greeting.j2)
  --context FILE      the JSON context
  --json              print { ok, output, variables } instead of the text
  -h, --help          this help

Exit codes: 0 ok, 1 template error or context that is not an object, 2 usage error.
`;

export const PREVIEW_HELP = `Usage: dynamic-context preview --endpoint URL --contact NUMBER --template FILE [options]

Sends the request the platform sends before a call, merges the JSON answer and
prints the template rendered with it: what the caller would hear.

Options:
  --template FILE             the Jinja template to render
  --json                      print { ok, output, variables, durationMs }
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
  --json                      print the report as JSON
  -h, --help                  this help

${ENDPOINT_HELP}

Exit codes: 0 endpoint ok, 1 endpoint failure, 2 usage error.
`;
