// API tokens from the command line (DATA_DIR/tokens.sqlite; works while the server runs):
//   npm run token -- create --role editor --name "招商中心 张三"   prints the token once
//   npm run token -- list                                        id, name, role, created, revoked, last used
//   npm run token -- revoke ID
// Roles: viewer (read), editor (write data and projects), admin (tokens, import, configuration, audit log).
import { parseArgs } from 'node:util';
import { TokenStore } from '../server/auth/tokenStore.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { AppError } from '../server/domain/errors.js';

const usage = `用法 usage:
  npm run token -- create --role viewer|editor|admin --name NAME
  npm run token -- list
  npm run token -- revoke ID`;

function die(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  let dataDir: string;
  try {
    dataDir = loadConfig().dataDir;
  } catch (e) {
    if (e instanceof ConfigError) die(e.message);
    throw e;
  }
  const tokens = TokenStore.open(dataDir);
  try {
    if (command === 'create') {
      const { values } = parseArgs({ args: rest, options: { role: { type: 'string' }, name: { type: 'string' } }, strict: true });
      if (!values.role || !values.name) die(usage);
      const { info, token } = tokens.create(values.name, values.role);
      process.stderr.write(`已签发令牌 issued token ${info.id} (${info.role}, "${info.name}"). 仅显示一次 shown once:\n`);
      process.stdout.write(`${token}\n`);
    } else if (command === 'list') {
      const rows = tokens.list();
      if (rows.length === 0) process.stdout.write('(无令牌 no tokens)\n');
      for (const t of rows) {
        const state = t.revokedAt ? `revoked ${t.revokedAt}` : 'active';
        process.stdout.write(`${t.id}\t${t.role}\t${state}\tcreated ${t.createdAt}\tlast used ${t.lastUsedAt ?? '-'}\t${t.name}\n`);
      }
    } else if (command === 'revoke') {
      const id = rest[0];
      if (!id || rest.length !== 1) die(usage);
      const info = tokens.revoke(id);
      if (!info) die(`未找到令牌 no such token: ${id}`);
      process.stdout.write(`已吊销 revoked ${info.id} ("${info.name}") at ${info.revokedAt}\n`);
    } else {
      die(usage);
    }
  } catch (e) {
    if (e instanceof AppError) die(`${e.messageZh}\n${e.messageEn}`);
    if ((e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) die(`${(e as Error).message}\n${usage}`);
    throw e;
  } finally {
    tokens.close();
  }
}

main(process.argv.slice(2));
