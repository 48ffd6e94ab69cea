// graphile-worker 0.17.3 lateness beside RoleFerry's reminders (BENCHMARKS.md, section 3).
//
//   node lateness.js --connection postgres://user@host:port/db [--jobs 1000] [--concurrency 16]
//
// In the given (empty, harness-created) database: graphile-worker's own schema (graphile_worker). N jobs are added
// with run_at spread uniformly 2–5 s ahead, then the worker starts (pollInterval 500 ms, concurrentJobs
// --concurrency, no local queue); each job records start − run_at (Node's clock at the start of the task minus the
// stored run_at; PostgreSQL and Node share this machine's clock). Prints one JSON line:
// {jobs, p50Ms, p99Ms, maxMs, latenessMs: [...]}.
"use strict";

const { run, runMigrations, makeWorkerUtils, Logger } = require("graphile-worker");
const { parseArgs, observer, percentile, sleep, quietLogger } = require("./common");

const SCHEMA = "graphile_worker";

async function main() {
  const args = parseArgs(process.argv.slice(2), { connection: "", jobs: 1000, concurrency: 16 });
  const logger = quietLogger(Logger);
  await runMigrations({ connectionString: args.connection, schema: SCHEMA, logger });

  const utils = await makeWorkerUtils({ connectionString: args.connection, schema: SCHEMA, logger });
  const now = Date.now();
  try {
    for (let first = 0; first < args.jobs; first += 5000) {
      const specs = [];
      for (let i = first; i < first + 5000 && i < args.jobs; i++) {
        specs.push({ identifier: "late", payload: { i }, runAt: new Date(now + 2000 + Math.random() * 3000) });
      }
      await utils.addJobs(specs);
    }
  } finally {
    await utils.release();
  }
  if (Date.now() - now > 2000) {
    process.stderr.write(`lateness.js: adding the jobs took ${Date.now() - now} ms, longer than the 2 s lead\n`);
  }

  const lateness = [];
  const runner = await run({
    noHandleSignals: true,
    taskList: {
      late: async (payload, helpers) => {
        lateness.push(Date.now() - helpers.job.run_at.getTime());
      },
    },
    preset: {
      worker: {
        connectionString: args.connection,
        schema: SCHEMA,
        logger,
        concurrentJobs: args.concurrency,
        maxPoolSize: args.concurrency + 2,
        pollInterval: 500,
      },
    },
  });
  const deadline = Date.now() + 10 * 60 * 1000;
  while (lateness.length < args.jobs && Date.now() < deadline) {
    await sleep(20);
  }
  await runner.stop();

  const sorted = [...lateness].sort((a, b) => a - b);
  const result = {
    jobs: args.jobs,
    started: lateness.length,
    pollIntervalMs: 500,
    concurrency: args.concurrency,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : null,
    latenessMs: lateness,
  };
  process.stdout.write(JSON.stringify(result) + "\n");
  if (lateness.length !== args.jobs) {
    process.stderr.write(`lateness.js: only ${lateness.length} of ${args.jobs} jobs started\n`);
    process.exitCode = 3;
  }
}

main().catch((error) => {
  process.stderr.write(`lateness.js: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
