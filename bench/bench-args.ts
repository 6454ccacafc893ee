// The command line of the bench entry points (npm run bench, bench:client, bench:national): --help prints the
// usage and exits 0 before anything is built or started (a full run is minutes of load on the machine),
// and an unknown option or a bad value is one line plus the usage on stderr, exit 2, never a stack trace.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface BenchCommand {
  /** How messages start: "bench:national". */
  name: string;
  usage: string;
}

/** Prints why the command line is wrong and the usage, and exits 2. */
export function usageError(cmd: BenchCommand, message: string): never {
  process.stderr.write(`${cmd.name}: ${message}\n\n${cmd.usage}\n`);
  process.exit(2);
}

/** The parsed options; exits instead of returning for --help (0) and for options it does not know (2). */
export function benchArgs<const O extends Options>(cmd: BenchCommand, options: O, args = process.argv.slice(2)) {
  const config = { args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false } as const;
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    if (!(err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw err;
    usageError(cmd, (err as Error).message.split('\n')[0]!);
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${cmd.usage}\n`);
    process.exit(0);
  }
  return parsed.values;
}

/** A whole-number option in [min, max]; anything else is a usage error (exit 2) naming the option. */
export function wholeOption(cmd: BenchCommand, name: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    usageError(cmd, `--${name} must be a whole number ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in ${min}–${max}`}`);
  }
  return Number(raw);
}
