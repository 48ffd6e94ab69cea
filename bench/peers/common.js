// Shared by the graphile-worker peer scripts (./bench.sh, bench/RoleFerry.Bench/GraphileWorkerPeer.cs).
"use strict";

const { Client } = require("pg");

/** --name value pairs of the command line. */
function parseArgs(argv, defaults) {
  const args = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, "");
    if (!(name in defaults) || i + 1 >= argv.length) {
      throw new Error(`unknown or incomplete argument ${argv[i]}; known: ${Object.keys(defaults).join(", ")}`);
    }
    args[name] = typeof defaults[name] === "number" ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!args.connection) {
    throw new Error("--connection postgres://... is required");
  }
  return args;
}

/** A client for the script's own bookkeeping; its statements carry a marker and are left out of the counts. */
async function observer(connection) {
  const client = new Client({ connectionString: connection });
  await client.connect();
  return client;
}

// Every bookkeeping statement starts with this comment, so statement counts can exclude it.
const MARK = "/* bench-observer */ ";

/** Calls recorded by pg_stat_statements in this database so far (bookkeeping excluded); null without the view. */
async function statementCalls(client) {
  const view = await client.query(`${MARK}SELECT to_regclass('pg_stat_statements') IS NOT NULL AS present`);
  if (!view.rows[0].present) {
    return null;
  }
  const result = await client.query(
    `${MARK}SELECT coalesce(sum(calls), 0)::bigint AS calls,
            coalesce(sum(calls) FILTER (WHERE query ~* '^\\s*(BEGIN|COMMIT|ROLLBACK|START TRANSACTION)'), 0)::bigint AS tx
     FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%bench-observer%'`);
  return { calls: Number(result.rows[0].calls), transactionControl: Number(result.rows[0].tx) };
}

function percentile(sorted, p) {
  if (sorted.length === 0) {
    return null;
  }
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank - 1, 0), sorted.length - 1)];
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** graphile-worker logs to the console by default; keep stdout for the JSON result. */
function quietLogger(Logger) {
  return new Logger(() => (level, message) => {
    if (level === "error" || level === "warning") {
      process.stderr.write(`graphile-worker ${level}: ${message}\n`);
    }
  });
}

module.exports = { parseArgs, observer, statementCalls, percentile, sleep, quietLogger, MARK };
