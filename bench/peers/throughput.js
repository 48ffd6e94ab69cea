// graphile-worker 0.17.3 throughput beside RoleFerry's dispatch (BENCHMARKS.md, section 2).
//
//   node throughput.js --connection postgres://user@host:port/db [--jobs 100000] [--concurrency 16]
//
// In the given (empty, harness-created) database: graphile-worker's own schema (graphile_worker, installed by
// runMigrations) and one bench table (graphile_bench.steps, one row per job). N jobs are added before the worker
// starts, so all are due at once; each job runs one UPDATE of its own row. Worker: localQueue.size 100,
// completeJobBatchDelay 0, concurrentJobs --concurrency. Clock: from run() until the job table is empty (every
// completion written back). Prints one JSON line: {jobs, seconds, jobsPerSecond, statements, ...}.
"use strict";

const { run, runMigrations, makeWorkerUtils, Logger } = require("graphile-worker");
const { parseArgs, observer, statementCalls, sleep, quietLogger, MARK } = require("./common");

const SCHEMA = "graphile_worker";

async function main() {
  const args = parseArgs(process.argv.slice(2), { connection: "", jobs: 100000, concurrency: 16 });
  const logger = quietLogger(Logger);
  const db = await observer(args.connection);
  await db.query(`${MARK}CREATE SCHEMA IF NOT EXISTS graphile_bench`);
  await db.query(`${MARK}DROP TABLE IF EXISTS graphile_bench.steps`);
  await db.query(`${MARK}CREATE TABLE graphile_bench.steps (id int PRIMARY KEY, hits int NOT NULL DEFAULT 0, done_at timestamptz)`);
  await db.query(`${MARK}INSERT INTO graphile_bench.steps (id) SELECT g FROM generate_series(1, $1::int) AS g`, [args.jobs]);
  await runMigrations({ connectionString: args.connection, schema: SCHEMA, logger });

  const utils = await makeWorkerUtils({ connectionString: args.connection, schema: SCHEMA, logger });
  try {
    for (let first = 1; first <= args.jobs; first += 5000) {
      const specs = [];
      for (let id = first; id < first + 5000 && id <= args.jobs; id++) {
        specs.push({ identifier: "step", payload: { id } });
      }
      await utils.addJobs(specs);
    }
  } finally {
    await utils.release();
  }

  const before = await statementCalls(db);
  let completed = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  const runner = await run({
    noHandleSignals: true,
    taskList: {
      step: async (payload, helpers) => {
        await helpers.withPgClient((client) =>
          client.query("UPDATE graphile_bench.steps SET hits = hits + 1, done_at = now() WHERE id = $1", [payload.id]));
      },
    },
    preset: {
      worker: {
        connectionString: args.connection,
        schema: SCHEMA,
        logger,
        concurrentJobs: args.concurrency,
        maxPoolSize: args.concurrency + 2,
        pollInterval: 2000,
        localQueue: { size: 100 },
        completeJobBatchDelay: 0,
      },
    },
  });
  runner.events.on("job:complete", ({ error }) => {
    completed++;
    if (error) {
      failed++;
    }
  });
  const deadline = Date.now() + 30 * 60 * 1000;
  while (completed < args.jobs && Date.now() < deadline) {
    await sleep(5);
  }
  // job:complete fires when the completion is queued (batched); wait until every row left the job table.
  while (Date.now() < deadline) {
    const left = await db.query(`${MARK}SELECT count(*)::int AS n FROM ${SCHEMA}._private_jobs`);
    if (left.rows[0].n === 0) {
      break;
    }
    await sleep(5);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = await statementCalls(db);
  await runner.stop();

  const check = await db.query(
    `${MARK}SELECT count(*) FILTER (WHERE hits = 1)::int AS once, count(*) FILTER (WHERE hits > 1)::int AS twice,
            count(*) FILTER (WHERE hits = 0)::int AS never FROM graphile_bench.steps`);
  await db.end();
  const result = {
    jobs: args.jobs,
    concurrency: args.concurrency,
    localQueueSize: 100,
    completeJobBatchDelay: 0,
    seconds,
    jobsPerSecond: args.jobs / seconds,
    failed,
    updatedOnce: check.rows[0].once,
    updatedTwiceOrMore: check.rows[0].twice,
    neverUpdated: check.rows[0].never,
    statements: before && after ? after.calls - before.calls : null,
    transactionControlStatements: before && after ? after.transactionControl - before.transactionControl : null,
  };
  process.stdout.write(JSON.stringify(result) + "\n");
  if (result.updatedOnce !== args.jobs) {
    process.stderr.write(`throughput.js: ${result.neverUpdated} jobs never ran, ${result.updatedTwiceOrMore} ran more than once\n`);
    process.exitCode = 3;
  }
}

main().catch((error) => {
  process.stderr.write(`throughput.js: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
