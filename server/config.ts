// Configuration from the environment, validated by zod. Each bad value gets a
// message naming the variable, in Chinese and English; main.ts prints them and
// exits 1 (no stack trace: a typo in an env var is not a crash).
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

export interface Neo4jConfig {
  uri: string;
  user: string;
  password?: string;
  database?: string;
}

export interface AppConfig {
  port: number;
  host: string;
  /** Absolute path of the data directory (chain-atlas.sqlite lives here). */
  dataDir: string;
  /** Region id the gap finder treats as "local" (default 无锡市新吴区). */
  homeRegionId: string;
  store: 'embedded' | 'neo4j';
  /** Present when NEO4J_URI is set (required for STORE=neo4j). */
  neo4j?: Neo4jConfig;
  /** Absolute path of graph-seeds/, loaded into an empty store on first start. */
  seedsDir: string;
  /** Seed an empty store from graph-seeds/ at start-up (SEED_ON_START, default true). */
  seedOnStart: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Who may use the API (tokens live in DATA_DIR/tokens.sqlite, see server/auth/). */
  access: AccessConfig;
  /** Abuse limits of the HTTP and GraphQL interfaces. */
  limits: LimitsConfig;
  /** Origins allowed to call the API from a browser on another site: [] = none, ['*'] = any. */
  corsOrigins: string[];
  /** Behind a reverse proxy: take the client IP from X-Forwarded-For (rate limits key on it). */
  trustProxy: boolean;
}

export interface AccessConfig {
  /** true: queries need no token (a public map); writes always need an editor or admin token. */
  publicRead: boolean;
  /** Role a real (not dry-run) import needs: admin (default) or editor. Dry runs need an editor. */
  importRole: 'admin' | 'editor';
}

export interface LimitsConfig {
  /** Largest request body in bytes (the /graphql route and any route without its own limit). */
  bodyLimit: number;
  /** Requests per client (token, else IP) per window. */
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Deepest selection nesting a query may have. */
  maxQueryDepth: number;
  /** Highest static cost a query may have (fields × list sizes; server/graphql/limits/queryCost.ts). */
  maxQueryCost: number;
}

export interface ConfigIssue {
  variable: string;
  messageZh: string;
  messageEn: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(
      '配置错误 / configuration error:\n' +
        issues.map((i) => `  ${i.variable}: ${i.messageZh}\n  ${i.variable}: ${i.messageEn}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What each variable must be, said once for both the check and the message. */
const rules = {
  PORT: {
    schema: z.string().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().max(65535)),
    zh: '须为 0 到 65535 之间的整数端口号',
    en: 'must be a port number, an integer from 0 to 65535',
  },
  HOST: {
    schema: z.string().regex(/^[A-Za-z0-9.:\-[\]%]+$/),
    zh: '须为主机名或 IP 地址(如 127.0.0.1、0.0.0.0、::)',
    en: 'must be a host name or IP address (e.g. 127.0.0.1, 0.0.0.0, ::)',
  },
  DATA_DIR: {
    schema: z.string().min(1).refine((s) => !s.includes('\0')),
    zh: '须为数据目录的路径',
    en: 'must be the path of the data directory',
  },
  HOME_REGION: {
    schema: z.string().regex(/^[a-z0-9][a-z0-9._:-]*$/),
    zh: '须为区域编号(小写字母、数字和 . _ : -,如 cn-js-wx-xinwu)',
    en: 'must be a region id (lower-case letters, digits, . _ : -, e.g. cn-js-wx-xinwu)',
  },
  STORE: {
    schema: z.enum(['embedded', 'neo4j']),
    zh: '须为 embedded(内置存储)或 neo4j',
    en: 'must be embedded or neo4j',
  },
  NEO4J_URI: {
    schema: z.string().regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s/]+(:\d+)?\/?$/),
    zh: '须为 Neo4j 连接地址,如 neo4j://localhost:7687 或 bolt://host:7687',
    en: 'must be a Neo4j URI such as neo4j://localhost:7687 or bolt://host:7687',
  },
  NEO4J_USER: { schema: z.string().min(1), zh: '不能为空', en: 'must not be empty' },
  NEO4J_PASSWORD: { schema: z.string().min(1), zh: '不能为空', en: 'must not be empty' },
  NEO4J_DATABASE: {
    schema: z.string().regex(/^[A-Za-z][A-Za-z0-9.-]{0,62}$/),
    zh: '须为 Neo4j 数据库名(字母开头,字母、数字、. -)',
    en: 'must be a Neo4j database name (a letter, then letters, digits, . -)',
  },
  SEEDS_DIR: {
    schema: z.string().min(1).refine((s) => !s.includes('\0')),
    zh: '须为 graph-seeds 目录的路径',
    en: 'must be the path of the graph-seeds directory',
  },
  SEED_ON_START: {
    schema: z.enum(['true', 'false']).transform((v) => v === 'true'),
    zh: '须为 true(存储为空时用 graph-seeds 初始化)或 false',
    en: 'must be true (seed an empty store from graph-seeds) or false',
  },
  PUBLIC_READ: {
    schema: z.enum(['true', 'false']).transform((v) => v === 'true'),
    zh: '须为 true(查询无需令牌)或 false',
    en: 'must be true (queries need no token) or false',
  },
  IMPORT_ROLE: {
    schema: z.enum(['admin', 'editor']),
    zh: '须为 admin(正式导入仅限管理员)或 editor',
    en: 'must be admin (only admins commit imports) or editor',
  },
  CORS_ORIGINS: {
    schema: z
      .string()
      .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
      .pipe(z.array(z.union([z.literal('*'), z.string().regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/)]))),
    zh: '须为以逗号分隔的来源列表(如 https://map.example.cn,http://localhost:5173),或 *',
    en: 'must be a comma-separated list of origins (e.g. https://map.example.cn,http://localhost:5173), or *',
  },
  TRUST_PROXY: {
    schema: z.enum(['true', 'false']).transform((v) => v === 'true'),
    zh: '须为 true 或 false',
    en: 'must be true or false',
  },
  BODY_LIMIT: {
    schema: z.string().regex(/^\d{1,10}$/).transform(Number).pipe(z.number().min(1024)),
    zh: '须为不小于 1024 的字节数',
    en: 'must be a number of bytes, at least 1024',
  },
  RATE_LIMIT_MAX: {
    schema: z.string().regex(/^\d{1,9}$/).transform(Number).pipe(z.number().min(1)),
    zh: '须为正整数(每个时间窗口的请求数)',
    en: 'must be a positive integer (requests per window)',
  },
  RATE_LIMIT_WINDOW_MS: {
    schema: z.string().regex(/^\d{1,10}$/).transform(Number).pipe(z.number().min(1000)),
    zh: '须为不小于 1000 的毫秒数',
    en: 'must be a number of milliseconds, at least 1000',
  },
  MAX_QUERY_DEPTH: {
    schema: z.string().regex(/^\d{1,3}$/).transform(Number).pipe(z.number().min(2)),
    zh: '须为 2 到 999 之间的整数',
    en: 'must be an integer from 2 to 999',
  },
  MAX_QUERY_COST: {
    schema: z.string().regex(/^\d{1,9}$/).transform(Number).pipe(z.number().min(10)),
    zh: '须为不小于 10 的整数',
    en: 'must be an integer, at least 10',
  },
  LOG_LEVEL: {
    schema: z.enum(logLevels),
    zh: `须为 ${logLevels.join(' / ')} 之一`,
    en: `must be one of ${logLevels.join(', ')}`,
  },
} as const;

type Variable = keyof typeof rules;

export const defaults = {
  PORT: '8080',
  HOST: '127.0.0.1',
  DATA_DIR: './data',
  HOME_REGION: 'cn-js-wx-xinwu',
  STORE: 'embedded',
  SEEDS_DIR: 'graph-seeds',
  SEED_ON_START: 'true',
  LOG_LEVEL: 'info',
  PUBLIC_READ: 'true',
  IMPORT_ROLE: 'admin',
  CORS_ORIGINS: '',
  TRUST_PROXY: 'false',
  BODY_LIMIT: '1048576',
  RATE_LIMIT_MAX: '600',
  RATE_LIMIT_WINDOW_MS: '60000',
  MAX_QUERY_DEPTH: '12',
  MAX_QUERY_COST: '50000',
} as const satisfies Partial<Record<Variable, string>>;

const shown = (v: string) => JSON.stringify(v.length > 60 ? v.slice(0, 60) + '…' : v);

/**
 * Reads the configuration from `env`. An empty variable counts as unset.
 * Relative paths are resolved against `cwd`. Throws ConfigError listing every bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const issues: ConfigIssue[] = [];
  const values: Partial<Record<Variable, unknown>> = {};
  for (const variable of Object.keys(rules) as Variable[]) {
    // A password may legitimately start or end with spaces; nothing else may.
    const given = variable === 'NEO4J_PASSWORD' ? env[variable] : env[variable]?.trim();
    const raw = given || (defaults as Partial<Record<Variable, string>>)[variable];
    if (raw === undefined) continue;
    const rule = rules[variable];
    const parsed = rule.schema.safeParse(raw);
    if (parsed.success) values[variable] = parsed.data;
    else {
      issues.push({
        variable,
        messageZh: `${variable} ${rule.zh}(当前为 ${shown(raw)})`,
        messageEn: `${variable} ${rule.en} (got ${shown(raw)})`,
      });
    }
  }
  if (values.STORE === 'neo4j' && values.NEO4J_URI === undefined && !issues.some((i) => i.variable === 'NEO4J_URI')) {
    issues.push({
      variable: 'NEO4J_URI',
      messageZh: 'STORE=neo4j 时必须设置 NEO4J_URI(如 neo4j://localhost:7687)',
      messageEn: 'NEO4J_URI is required when STORE=neo4j (e.g. neo4j://localhost:7687)',
    });
  }
  if (issues.length) throw new ConfigError(issues);

  const path = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  const config: AppConfig = {
    port: values.PORT as number,
    host: values.HOST as string,
    dataDir: path(values.DATA_DIR as string),
    homeRegionId: values.HOME_REGION as string,
    store: values.STORE as AppConfig['store'],
    seedsDir: path(values.SEEDS_DIR as string),
    seedOnStart: values.SEED_ON_START as boolean,
    logLevel: values.LOG_LEVEL as AppConfig['logLevel'],
    access: { publicRead: values.PUBLIC_READ as boolean, importRole: values.IMPORT_ROLE as AccessConfig['importRole'] },
    limits: {
      bodyLimit: values.BODY_LIMIT as number,
      rateLimitMax: values.RATE_LIMIT_MAX as number,
      rateLimitWindowMs: values.RATE_LIMIT_WINDOW_MS as number,
      maxQueryDepth: values.MAX_QUERY_DEPTH as number,
      maxQueryCost: values.MAX_QUERY_COST as number,
    },
    corsOrigins: values.CORS_ORIGINS as string[],
    trustProxy: values.TRUST_PROXY as boolean,
  };
  if (values.NEO4J_URI !== undefined) {
    config.neo4j = {
      uri: values.NEO4J_URI as string,
      user: (values.NEO4J_USER as string | undefined) ?? 'neo4j',
      ...(values.NEO4J_PASSWORD !== undefined && { password: values.NEO4J_PASSWORD as string }),
      ...(values.NEO4J_DATABASE !== undefined && { database: values.NEO4J_DATABASE as string }),
    };
  }
  return config;
}
