// The driver, once per store: managed read / write transactions (the driver
// retries them on transient errors: deadlocks, leader switches, lost
// connections), and the mapping of driver errors to AppError. Driver messages
// are never shown to clients: they go to `cause`, for the server log only.
import neo4j, { Neo4jError, type Driver, type ManagedTransaction } from 'neo4j-driver';
import { AppError } from '../../domain/errors.js';

export interface Neo4jConnectionConfig {
  uri: string;
  user?: string;
  password?: string;
  database?: string;
}

/** Keys the write-serialisation node: holds dataVersion, the insertion-order counter and the audit counter. */
export const META_ID = 'meta';

/**
 * What a write transaction may do besides running Cypher: mark that it changed
 * graph data (so dataVersion is bumped on commit) and take insertion-order
 * numbers (`seq`, which keeps lists in first-insertion order as the embedded
 * store does).
 */
export interface WriteContext {
  changed(): void;
  /** Reserves `n` consecutive seq numbers and returns the first. */
  takeSeq(n: number): number;
}

export const toInt = (n: number) => neo4j.int(n);

function wrap(e: unknown, uri: string): unknown {
  if (e instanceof AppError) return e;
  let err: AppError;
  const code = e instanceof Neo4jError ? e.code : '';
  if (code === neo4j.error.SERVICE_UNAVAILABLE || code === neo4j.error.SESSION_EXPIRED) {
    err = new AppError('STORE_UNAVAILABLE', `无法连接 Neo4j 数据库(${uri})`, `cannot reach the Neo4j database at ${uri}`);
  } else if (code.startsWith('Neo.ClientError.Security.')) {
    err = new AppError(
      'STORE_UNAVAILABLE',
      `Neo4j 拒绝了连接(用户名、密码或权限有误,${uri})`,
      `Neo4j refused the connection (check NEO4J_USER / NEO4J_PASSWORD and privileges, ${uri})`,
    );
  } else if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    err = new AppError('STORE_UNAVAILABLE', 'Neo4j 中不存在所配置的数据库(NEO4J_DATABASE)', 'the configured Neo4j database (NEO4J_DATABASE) does not exist');
  } else if (/OutOfMemoryError$/.test(code)) {
    // Neo.ClientError.General.TransactionOutOfMemoryError / Neo.TransientError.General.MemoryPoolOutOfMemoryError
    err = new AppError(
      'PAYLOAD_TOO_LARGE',
      '操作所需内存超出 Neo4j 单个事务的上限,未做任何更改(请拆分导入文件,或调高 dbms.memory.transaction.total.max / db.memory.transaction.max)',
      'the operation needs more memory than Neo4j allows a transaction; nothing was changed (split the import, or raise dbms.memory.transaction.total.max / db.memory.transaction.max)',
    );
  } else if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    err = new AppError('CONFLICT', '与已有数据冲突(编号重复),未做任何更改', 'conflicts with existing data (duplicate id); nothing was changed');
  } else if (e instanceof Error && /driver (has been )?closed|Pool is closed/i.test(e.message)) {
    err = new AppError('STORE_UNAVAILABLE', '存储已关闭', 'the store is closed');
  } else {
    err = new AppError('INTERNAL', 'Neo4j 存储内部错误', 'internal error in the Neo4j store');
  }
  err.cause = e;
  return err;
}

export class Neo4jSession {
  private driver: Driver | null = null;
  /** Called after every committed `write` (the store drops its cached dataVersion). */
  onWrite: (() => void) | null = null;

  constructor(private readonly config: Neo4jConnectionConfig) {}

  get uri(): string {
    return this.config.uri;
  }

  async open(): Promise<void> {
    if (this.driver) return;
    const { uri, user, password } = this.config;
    let driver: Driver;
    try {
      driver = neo4j.driver(uri, password === undefined ? undefined : neo4j.auth.basic(user ?? 'neo4j', password), {
        // Counts and ids stay far below 2^53: plain JS numbers, never {low, high}.
        disableLosslessIntegers: true,
        userAgent: 'chain-atlas',
        connectionAcquisitionTimeout: 30_000,
        maxTransactionRetryTime: 30_000,
      });
    } catch (e) {
      const err = new AppError('STORE_UNAVAILABLE', `Neo4j 连接地址无效:${uri}`, `invalid Neo4j URI: ${uri}`);
      err.cause = e;
      throw err;
    }
    try {
      await driver.verifyConnectivity(this.config.database ? { database: this.config.database } : {});
    } catch (e) {
      await driver.close().catch(() => {});
      throw wrap(e, uri);
    }
    this.driver = driver;
  }

  async close(): Promise<void> {
    const d = this.driver;
    this.driver = null;
    await d?.close();
  }

  private session(mode: 'READ' | 'WRITE') {
    if (!this.driver) {
      throw new AppError('STORE_UNAVAILABLE', '存储未打开(init 未调用或已关闭)', 'the store is not open (init not called, or closed)');
    }
    return this.driver.session({
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(this.config.database && { database: this.config.database }),
    });
  }

  /** A managed read transaction (routed to a reader in a cluster). */
  async read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.session('READ');
    try {
      return await session.executeRead(work);
    } catch (e) {
      throw wrap(e, this.uri);
    } finally {
      await session.close();
    }
  }

  /** A managed write transaction without the data-version protocol (schema, audit log). */
  async writeRaw<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.session('WRITE');
    try {
      return await session.executeWrite(work);
    } catch (e) {
      throw wrap(e, this.uri);
    } finally {
      await session.close();
    }
  }

  /**
   * A managed write transaction over graph data. It first write-locks the meta
   * node, so graph writes are serialised (one writer at a time, as in the
   * embedded store): a check made inside `work` still holds when `work` writes,
   * and importBatch's validation sees exactly the graph it writes into. On
   * commit dataVersion goes up by one if `work` marked a change.
   */
  async write<T>(work: (tx: ManagedTransaction, ctx: WriteContext) => Promise<T>): Promise<T> {
    try {
      return await this.writeGraph(work);
    } finally {
      // Also after a failure: a commit whose acknowledgement was lost may still have landed.
      this.onWrite?.();
    }
  }

  private async writeGraph<T>(work: (tx: ManagedTransaction, ctx: WriteContext) => Promise<T>): Promise<T> {
    return this.writeRaw(async (tx) => {
      const res = await tx.run(
        `MERGE (m:ChainAtlasMeta {id: $id})
         ON CREATE SET m.dataVersion = 0, m.seq = 0, m.auditSeq = 0
         SET m.writeTransactions = coalesce(m.writeTransactions, 0) + 1
         RETURN m.seq AS seq`,
        { id: META_ID },
      );
      const startSeq = (res.records[0]?.get('seq') as number | null) ?? 0;
      let seq = startSeq;
      let changed = false;
      const result = await work(tx, {
        changed: () => void (changed = true),
        takeSeq: (n) => {
          const first = seq + 1;
          seq += n;
          return first;
        },
      });
      if (changed || seq !== startSeq) {
        await tx.run(
          `MATCH (m:ChainAtlasMeta {id: $id})
           SET m.seq = $seq, m.dataVersion = m.dataVersion + $bump`,
          { id: META_ID, seq: toInt(seq), bump: toInt(changed ? 1 : 0) },
        );
      }
      return result;
    });
  }
}
