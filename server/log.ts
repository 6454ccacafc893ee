// A tiny structured logger. Errors are logged with their stack and database detail, which clients never see.
type Level = 'silent' | 'error' | 'info' | 'debug';
const order: Record<Level, number> = { silent: 0, error: 1, info: 2, debug: 3 };
let level: Level = (process.env.LOG_LEVEL as Level) || 'info';

export function setLogLevel(l: Level) {
  level = l;
}

function write(l: Exclude<Level, 'silent'>, message: string, fields?: Record<string, unknown>) {
  if (order[level] < order[l]) return;
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields ?? {})) {
    extra[k] = v instanceof Error ? { message: v.message, code: (v as { code?: string }).code, stack: v.stack } : v;
  }
  const line = JSON.stringify({ t: new Date().toISOString(), level: l, message, ...extra });
  (l === 'error' ? process.stderr : process.stdout).write(line + '\n');
}

export const log = {
  error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
  info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
  debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
};
