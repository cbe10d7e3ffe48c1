import GRDB

/// The schema, as append-only migrations: a shipped migration's name and SQL never change.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-v1-states-reports-official") { db in
            try db.execute(sql: """
                CREATE TABLE service_state (
                    slug TEXT PRIMARY KEY NOT NULL,
                    state TEXT NOT NULL,
                    since INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    memory TEXT,
                    updated_at INTEGER NOT NULL
                );
                CREATE TABLE state_change (
                    id INTEGER PRIMARY KEY,
                    slug TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    old_state TEXT NOT NULL,
                    new_state TEXT NOT NULL,
                    reason TEXT NOT NULL
                );
                CREATE INDEX state_change_by_slug ON state_change(slug, at);
                CREATE INDEX state_change_by_time ON state_change(at);

                -- Raw reports: one row per accepted report (or imported line), short retention.
                CREATE TABLE report (
                    id INTEGER PRIMARY KEY,
                    slug TEXT NOT NULL,
                    problem TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    count INTEGER NOT NULL DEFAULT 1,
                    client_key TEXT,
                    source TEXT NOT NULL
                );
                CREATE INDEX report_by_time ON report(at);
                CREATE INDEX report_by_client ON report(client_key, slug, at) WHERE client_key IS NOT NULL;

                -- Per-minute counts for fast detection (short retention); only non-empty rows.
                CREATE TABLE report_minute (
                    slug TEXT NOT NULL,
                    problem TEXT NOT NULL,
                    minute INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    demo INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (slug, problem, minute, demo)
                ) WITHOUT ROWID;
                CREATE INDEX report_minute_by_time ON report_minute(minute);

                -- Per-15-minute counts for baselines and charts (long retention); only non-empty rows.
                CREATE TABLE report_bucket (
                    slug TEXT NOT NULL,
                    problem TEXT NOT NULL,
                    bucket INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    demo INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (slug, problem, bucket, demo)
                ) WITHOUT ROWID;
                CREATE INDEX report_bucket_by_time ON report_bucket(bucket);

                -- Content hashes of imported lines, so importing a file twice counts once.
                CREATE TABLE report_import (
                    line_hash TEXT PRIMARY KEY NOT NULL,
                    imported_at INTEGER NOT NULL
                ) WITHOUT ROWID;

                -- Every check of an official source.
                CREATE TABLE official_check (
                    id INTEGER PRIMARY KEY,
                    slug TEXT NOT NULL,
                    source_url TEXT NOT NULL,
                    checked_at INTEGER NOT NULL,
                    outcome TEXT NOT NULL,
                    http_status INTEGER,
                    etag TEXT,
                    last_modified TEXT,
                    body_hash TEXT,
                    status_json TEXT,
                    error TEXT,
                    elapsed_ms INTEGER
                );
                CREATE INDEX official_check_by_source ON official_check(slug, source_url, checked_at);
                CREATE INDEX official_check_by_time ON official_check(checked_at);

                -- The latest knowledge per source: validators, last good result, backoff.
                CREATE TABLE official_source (
                    slug TEXT NOT NULL,
                    source_url TEXT NOT NULL,
                    last_checked_at INTEGER,
                    last_good_at INTEGER,
                    status_json TEXT,
                    etag TEXT,
                    last_modified TEXT,
                    body_hash TEXT,
                    last_outcome TEXT,
                    last_http_status INTEGER,
                    failures INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER,
                    last_error TEXT,
                    PRIMARY KEY (slug, source_url)
                );

                -- Learned expectations per service: 672 slots of the week.
                CREATE TABLE baseline (
                    slug TEXT PRIMARY KEY NOT NULL,
                    computed_at INTEGER NOT NULL,
                    slots BLOB NOT NULL,
                    source TEXT NOT NULL,
                    history_days REAL NOT NULL,
                    overdispersion REAL NOT NULL
                );

                CREATE TABLE collect_run (
                    id INTEGER PRIMARY KEY,
                    as_of INTEGER NOT NULL,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    summary TEXT
                );

                -- What the last build wrote per service and output folder.
                CREATE TABLE build_manifest (
                    output TEXT NOT NULL,
                    item TEXT NOT NULL,
                    input_hash TEXT NOT NULL,
                    files TEXT NOT NULL,
                    PRIMARY KEY (output, item)
                ) WITHOUT ROWID;

                -- Parsed content files, valid while size and modification time match.
                CREATE TABLE content_cache (
                    root TEXT NOT NULL,
                    path TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    modified REAL NOT NULL,
                    content_hash TEXT NOT NULL,
                    record TEXT NOT NULL,
                    PRIMARY KEY (root, path)
                ) WITHOUT ROWID;

                CREATE TABLE meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("2026-11-v2-intake") { db in
            try db.execute(sql: """
                -- "Notify me" sign-ups: double opt-in; a row is deleted when its address unsubscribes.
                CREATE TABLE subscription (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    email TEXT NOT NULL,
                    slug TEXT NOT NULL,
                    status TEXT NOT NULL,              -- pending | confirmed
                    nonce TEXT NOT NULL,               -- bound into its signed links
                    created_at INTEGER NOT NULL,
                    confirmed_at INTEGER,
                    last_confirmation_at INTEGER,
                    UNIQUE (email, slug)
                );
                CREATE INDEX subscription_by_slug ON subscription(slug, status);

                -- Everything to deliver (mail and webhooks), at least once, each under an idempotency key.
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    channel TEXT NOT NULL,             -- email | webhook
                    purpose TEXT NOT NULL,             -- confirm | notice
                    recipient TEXT NOT NULL,           -- address or webhook URL
                    subscription_id INTEGER,
                    payload TEXT NOT NULL,             -- the whole message, or the JSON body
                    status TEXT NOT NULL,              -- pending sending sent failed interrupted capped dropped
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at INTEGER NOT NULL,
                    claimed_by TEXT,
                    claimed_at INTEGER,
                    sent_at INTEGER,
                    last_error TEXT,
                    created_at INTEGER NOT NULL
                );
                CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
                CREATE INDEX outbox_by_recipient ON outbox(recipient, purpose, created_at);
                CREATE INDEX outbox_by_subscription ON outbox(subscription_id) WHERE subscription_id IS NOT NULL;
                """)
        }
        return migrator
    }
}
