// Configuration from the environment: defaults, and one clear bilingual
// message naming the variable for each bad value.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.js';

function issues(env: Record<string, string>) {
  try {
    loadConfig(env, '/srv/atlas');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has documented defaults, paths resolved against the working directory', () => {
    expect(loadConfig({}, '/srv/atlas')).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/atlas/data',
      homeRegionId: 'cn-js-wx-xinwu',
      store: 'embedded',
      seedsDir: '/srv/atlas/graph-seeds',
      seedOnStart: true,
      logLevel: 'info',
      access: { publicRead: true, importRole: 'admin' },
      limits: { bodyLimit: 1048576, rateLimitMax: 600, rateLimitWindowMs: 60000, maxQueryDepth: 12, maxQueryCost: 50000 },
      corsOrigins: [],
      trustProxy: false,
    });
  });

  it('reads every variable; empty counts as unset; absolute paths stay', () => {
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/atlas',
        HOME_REGION: 'cn-js-wx-jiangyin',
        STORE: 'neo4j',
        NEO4J_URI: 'neo4j://db.local:7687',
        NEO4J_PASSWORD: ' secret ',
        NEO4J_DATABASE: 'atlas',
        SEEDS_DIR: 'seeds',
        SEED_ON_START: 'false',
        LOG_LEVEL: 'warn',
        NEO4J_USER: '',
        PUBLIC_READ: 'false',
        IMPORT_ROLE: 'editor',
        CORS_ORIGINS: 'https://map.example.cn, http://localhost:5173',
        TRUST_PROXY: 'true',
        BODY_LIMIT: '2048',
        RATE_LIMIT_MAX: '5',
        RATE_LIMIT_WINDOW_MS: '1000',
        MAX_QUERY_DEPTH: '8',
        MAX_QUERY_COST: '100',
      },
      '/srv/atlas',
    );
    expect(config).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/var/lib/atlas',
      homeRegionId: 'cn-js-wx-jiangyin',
      store: 'neo4j',
      neo4j: { uri: 'neo4j://db.local:7687', user: 'neo4j', password: ' secret ', database: 'atlas' },
      seedsDir: '/srv/atlas/seeds',
      seedOnStart: false,
      logLevel: 'warn',
      access: { publicRead: false, importRole: 'editor' },
      limits: { bodyLimit: 2048, rateLimitMax: 5, rateLimitWindowMs: 1000, maxQueryDepth: 8, maxQueryCost: 100 },
      corsOrigins: ['https://map.example.cn', 'http://localhost:5173'],
      trustProxy: true,
    });
  });

  it.each([
    ['PORT', 'abc', 'PORT must be a port number, an integer from 0 to 65535 (got "abc")', 'PORT 须为 0 到 65535 之间的整数端口号'],
    ['PORT', '70000', 'PORT must be a port number, an integer from 0 to 65535 (got "70000")', '(当前为 "70000")'],
    ['PORT', '-1', 'PORT must be a port number', 'PORT 须为'],
    ['PORT', '80.5', 'PORT must be a port number', 'PORT 须为'],
    ['HOST', 'my host', 'HOST must be a host name or IP address', 'HOST 须为主机名或 IP 地址'],
    ['HOME_REGION', 'CN-JS-WX', 'HOME_REGION must be a region id', 'HOME_REGION 须为区域编号'],
    ['STORE', 'mongodb', 'STORE must be embedded or neo4j (got "mongodb")', 'STORE 须为 embedded(内置存储)或 neo4j'],
    ['NEO4J_URI', 'http://localhost:7474', 'NEO4J_URI must be a Neo4j URI', 'NEO4J_URI 须为 Neo4j 连接地址'],
    ['NEO4J_DATABASE', '1st-db', 'NEO4J_DATABASE must be a Neo4j database name', 'NEO4J_DATABASE 须为 Neo4j 数据库名'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent', 'LOG_LEVEL 须为'],
    ['DATA_DIR', 'data\0dir', 'DATA_DIR must be the path of the data directory', 'DATA_DIR 须为数据目录的路径'],
    ['PUBLIC_READ', 'yes', 'PUBLIC_READ must be true (queries need no token) or false', 'PUBLIC_READ 须为 true'],
    ['SEED_ON_START', 'yes', 'SEED_ON_START must be true (seed an empty store from graph-seeds) or false (got "yes")', 'SEED_ON_START 须为 true'],
    ['IMPORT_ROLE', 'viewer', 'IMPORT_ROLE must be admin (only admins commit imports) or editor', 'IMPORT_ROLE 须为 admin'],
    ['CORS_ORIGINS', 'ftp://x', 'CORS_ORIGINS must be a comma-separated list of origins', 'CORS_ORIGINS 须为以逗号分隔的来源列表'],
    ['BODY_LIMIT', '100', 'BODY_LIMIT must be a number of bytes, at least 1024', 'BODY_LIMIT 须为不小于 1024 的字节数'],
    ['RATE_LIMIT_MAX', '0', 'RATE_LIMIT_MAX must be a positive integer', 'RATE_LIMIT_MAX 须为正整数'],
    ['RATE_LIMIT_WINDOW_MS', '10', 'RATE_LIMIT_WINDOW_MS must be a number of milliseconds', 'RATE_LIMIT_WINDOW_MS 须为不小于 1000'],
    ['MAX_QUERY_DEPTH', '1', 'MAX_QUERY_DEPTH must be an integer from 2 to 999', 'MAX_QUERY_DEPTH 须为 2 到 999'],
    ['MAX_QUERY_COST', 'lots', 'MAX_QUERY_COST must be an integer, at least 10', 'MAX_QUERY_COST 须为不小于 10'],
    ['SEEDS_DIR', 'seeds\0', 'SEEDS_DIR must be the path of the graph-seeds directory', 'SEEDS_DIR 须为 graph-seeds 目录的路径'],
  ])('%s=%j is refused with a message naming it', (variable, value, en, zh) => {
    const found = issues({ [variable]: value });
    expect(found).toHaveLength(1);
    expect(found[0]!.variable).toBe(variable);
    expect(found[0]!.messageEn).toContain(en);
    expect(found[0]!.messageZh).toContain(zh);
  });

  it('requires NEO4J_URI for STORE=neo4j', () => {
    expect(issues({ STORE: 'neo4j' })).toEqual([
      {
        variable: 'NEO4J_URI',
        messageZh: 'STORE=neo4j 时必须设置 NEO4J_URI(如 neo4j://localhost:7687)',
        messageEn: 'NEO4J_URI is required when STORE=neo4j (e.g. neo4j://localhost:7687)',
      },
    ]);
  });

  it('reports every bad variable at once, in a message that names each', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ PORT: 'x', STORE: 'y', LOG_LEVEL: 'z' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error!.issues.map((i) => i.variable)).toEqual(['PORT', 'STORE', 'LOG_LEVEL']);
    expect(error!.message).toMatch(/^配置错误 \/ configuration error:\n {2}PORT: PORT 须为/);
    expect(error!.message).toContain('  STORE: STORE must be embedded or neo4j (got "y")');
  });
});

describe('the server process with a bad variable', () => {
  it('prints the message and exits 1 without a stack trace', () => {
    const root = join(import.meta.dirname, '..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'eighty', STORE: 'embedded' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT: PORT must be a port number, an integer from 0 to 65535 (got "eighty")');
    expect(run.stderr).toContain('PORT: PORT 须为 0 到 65535 之间的整数端口号');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
