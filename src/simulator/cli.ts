// `npm run simulator -- --hub URL --key KEY`: the scenario simulator as its own process, a client of the
// hub's integration API like any platform. Prints one line when running; logs go to stderr.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Simulator } from './index';

const HELP = `Xiaoer Desk scenario simulator — customers and AI agents, over the hub's integration API

Usage: npm run simulator -- --hub URL --key KEY [options]

  --hub URL          the hub (default http://127.0.0.1:4300)
  --key KEY          integration key (or env XIAOER_SIMULATOR_KEY); make one with
                     npm run hub -- integrations add simulator --db hub.db \\
                       --scopes escalate,messages,actions,assist,conversions,knowledge,webhooks
  --rate R           escalations per MINUTE (default 4)
  --seed S           seed (default 1); the same seed replays the same scenario
  --kb-edit-sec N    publish a knowledge edit every N seconds (default 120, 0 = off)
  --webhook-port N   port of its loopback webhook receiver (default: any free one)
  --log LEVEL        log level on stderr (default warn)
  -h, --help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      hub: { type: 'string', default: 'http://127.0.0.1:4300' },
      key: { type: 'string' },
      rate: { type: 'string' },
      seed: { type: 'string' },
      'kb-edit-sec': { type: 'string' },
      'webhook-port': { type: 'string' },
      log: { type: 'string', default: 'warn' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const key = values.key ?? process.env.XIAOER_SIMULATOR_KEY;
  if (!key) throw new Error('an integration key is required: --key KEY or XIAOER_SIMULATOR_KEY (see --help)');
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const log = pino({ level: values.log!, base: { svc: 'simulator' } }, pino.destination(2));
  const sim = new Simulator(
    {
      hubUrl: values.hub!,
      apiKey: key,
      log,
      ...(values['webhook-port'] ? { webhookPort: Number(values['webhook-port']) } : {}),
    },
    {
      ...(values.rate !== undefined ? { rate: num(values.rate)! } : {}),
      ...(values.seed !== undefined ? { seed: num(values.seed)! } : {}),
      ...(values['kb-edit-sec'] !== undefined ? { kbEditEverySec: num(values['kb-edit-sec'])! } : {}),
    },
  );
  // The hub may still be starting (the demo launches both): retry the registration for a while.
  for (let attempt = 0; ; attempt++) {
    try {
      await sim.start();
      break;
    } catch (err) {
      if (attempt >= 40) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  process.stdout.write(`simulator running against ${values.hub} (webhooks at ${sim.webhookUrl})\n`);
  const stop = () => void sim.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`simulator failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
