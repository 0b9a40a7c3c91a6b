import { defineConfig, devices } from "@playwright/test";
import * as os from "node:os";
import * as path from "node:path";

// The server under test: the release build `make run` serves (E2E_PROFILE=debug for the faster
// debug build while developing), on its own port, with a fresh SQLite database seeded with the
// demo data.
const addr = process.env.E2E_ADDR ?? "127.0.0.1:3100";
const baseURL = `http://${addr}`;
// Deterministic (the runner and its workers load this file separately): tests reach the same
// database with `ogpnm create-user`.
const dbFile = path.join(os.tmpdir(), `ogpnm-e2e-${addr.split(":")[1] ?? "3100"}.db`);
process.env.E2E_DATABASE_URL = `sqlite://${dbFile}`;
const profile = process.env.E2E_PROFILE === "debug" ? "debug" : "release";
const bin = path.resolve(__dirname, `../target/${profile}/ogpnm`);
process.env.E2E_BIN = bin;
// The SMTP sink the app sends its mail to; tests read what it received over HTTP.
export const sinkSmtpPort = Number(process.env.E2E_SMTP_PORT ?? 3125);
export const sinkHttpPort = Number(process.env.E2E_SINK_HTTP_PORT ?? 3126);

// With TEST_DATABASE_URL (a PostgreSQL server), a second app instance runs on a fresh
// PostgreSQL database and the "postgres" project runs the case journey against it.
const pgAdmin = process.env.TEST_DATABASE_URL;
const pgPort = Number((addr.split(":")[1] ?? "3100")) + 1;
const pgURL = `http://127.0.0.1:${pgPort}`;
// a second instance on the same PostgreSQL database: a change made through one reaches pages
// served by the other (NOTIFY)
const pg2Port = pgPort + 1;
const pg2URL = `http://127.0.0.1:${pg2Port}`;
process.env.E2E_PG2_URL = pg2URL;
const pgDatabase = `ogpnm_e2e_${pgPort}`;
// the two PostgreSQL instances keep attachments in one S3-compatible bucket (moto's server)
const motoPort = pg2Port + 1;
const motoURL = `http://127.0.0.1:${motoPort}`;
const motoBin =
  process.env.OGPNM_MOTO_SERVER ??
  path.join(process.env.TOOLS_DIR ?? path.join(os.homedir(), ".cache/ogpnm/tools"), "moto/bin/moto_server");
const s3 = {
  OGPNM_S3_BUCKET: `ogpnm-e2e-${pgPort}`,
  OGPNM_S3_ENDPOINT: motoURL,
  AWS_ACCESS_KEY_ID: "e2e",
  AWS_SECRET_ACCESS_KEY: "e2e",
};
const filesDir = path.join(os.tmpdir(), `ogpnm-e2e-files-${addr.split(":")[1] ?? "3100"}`);
const pgDatabaseUrl = pgAdmin ? pgAdmin.replace(/\/[^/?]*(\?.*)?$/, `/${pgDatabase}$1`) : "";

const chromium = {
  browserName: "chromium" as const,
  launchOptions: {
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [["list"]],
  use: { baseURL, headless: true, ...chromium, locale: "en-GB" },
  projects: [
    { name: "desktop", use: { viewport: { width: 1280, height: 800 } } },
    {
      name: "phone",
      use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3,
             userAgent: devices["Pixel 7"].userAgent },
    },
    { name: "nojs", use: { viewport: { width: 1024, height: 768 }, javaScriptEnabled: false } },
    ...(pgAdmin
      ? [{ name: "postgres", testMatch: /(cases|instances|agreements|board|oversight)\.spec\.ts/, use: { baseURL: pgURL, viewport: { width: 1280, height: 800 } } }]
      : []),
  ],
  webServer: [
    {
      command: "node smtp-sink.js",
      url: `http://127.0.0.1:${sinkHttpPort}/health`,
      reuseExistingServer: false,
      env: { SMTP_PORT: String(sinkSmtpPort), HTTP_PORT: String(sinkHttpPort) },
    },
    {
    command: `rm -rf ${dbFile}* ${filesDir} && ${bin} seed --demo && exec ${bin} serve`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      DATABASE_URL: `sqlite://${dbFile}`,
      LEPTOS_SITE_ADDR: addr,
      LEPTOS_SITE_ROOT: path.resolve(__dirname, "../target/site"),
      LEPTOS_ENV: "PROD",
      RUST_LOG: "warn",
      OGPNM_MAIL_DIR: path.join(os.tmpdir(), `ogpnm-e2e-mail-${process.pid}`),
      SMTP_URL: `smtp://127.0.0.1:${sinkSmtpPort}`,
      // live streams end often, so reconnection is exercised in every run
      OGPNM_LIVE_STREAM_SECS: "8",
      // unread messages are mailed as a digest at the next minute's sweep
      OGPNM_DIGEST_MINUTES: "0",
      OGPNM_PUBLIC_URL: baseURL,
      OGPNM_FILES_DIR: filesDir,
    },
    },
    ...(pgAdmin
      ? [
          {
            command: `exec ${motoBin} -H 127.0.0.1 -p ${motoPort}`,
            url: `${motoURL}/moto-api/`,
            reuseExistingServer: false,
            timeout: 30_000,
          },
          {
            command:
              `curl -sf -X PUT ${motoURL}/${s3.OGPNM_S3_BUCKET} >/dev/null && ` +
              `psql "${pgAdmin}" -q -c 'DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)' -c 'CREATE DATABASE "${pgDatabase}"' ` +
              `&& ${bin} seed --demo && exec ${bin} serve`,
            url: `${pgURL}/healthz`,
            reuseExistingServer: false,
            timeout: 60_000,
            stdout: "pipe" as const,
            stderr: "pipe" as const,
            env: {
              DATABASE_URL: pgDatabaseUrl,
              LEPTOS_SITE_ADDR: `127.0.0.1:${pgPort}`,
              LEPTOS_SITE_ROOT: path.resolve(__dirname, "../target/site"),
              LEPTOS_ENV: "PROD",
              RUST_LOG: "warn",
              OGPNM_MAIL_DIR: path.join(os.tmpdir(), `ogpnm-e2e-mail-pg-${process.pid}`),
              SMTP_URL: `smtp://127.0.0.1:${sinkSmtpPort}`,
              // live streams end often, so reconnection is exercised in every run
              OGPNM_LIVE_STREAM_SECS: "8",
              OGPNM_PUBLIC_URL: pgURL,
              ...s3,
            },
          },
          {
            // started once the first has migrated and seeded the database
            command: `exec ${bin} serve`,
            url: `${pg2URL}/healthz`,
            reuseExistingServer: false,
            timeout: 60_000,
            stdout: "pipe" as const,
            stderr: "pipe" as const,
            env: {
              DATABASE_URL: pgDatabaseUrl,
              LEPTOS_SITE_ADDR: `127.0.0.1:${pg2Port}`,
              LEPTOS_SITE_ROOT: path.resolve(__dirname, "../target/site"),
              LEPTOS_ENV: "PROD",
              RUST_LOG: "warn",
              OGPNM_MAIL_DIR: path.join(os.tmpdir(), `ogpnm-e2e-mail-pg2-${process.pid}`),
              SMTP_URL: `smtp://127.0.0.1:${sinkSmtpPort}`,
              OGPNM_LIVE_STREAM_SECS: "8",
              OGPNM_PUBLIC_URL: pg2URL,
              ...s3,
            },
          },
        ]
      : []),
  ],
});
