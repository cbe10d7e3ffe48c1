import GRDB

/// The schema, as append-only migrations: a shipped migration's name and SQL never change.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("2026-11-v1-states-reports-official") { db in
            try db.execute(
                sql: """
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
            try db.execute(
                sql: """
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
        migrator.registerMigration("2026-11-v3-store-hardening") { db in
            // State-change ids are notify's cursor: AUTOINCREMENT so that an id freed by prune is
            // never handed out again (a reused id would sit behind the cursor, never notified).
            try db.execute(
                sql: """
                    CREATE TABLE state_change_v3 (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        slug TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        old_state TEXT NOT NULL,
                        new_state TEXT NOT NULL,
                        reason TEXT NOT NULL
                    );
                    INSERT INTO state_change_v3 (id, slug, at, old_state, new_state, reason)
                        SELECT id, slug, at, old_state, new_state, reason FROM state_change;
                    DROP TABLE state_change;
                    ALTER TABLE state_change_v3 RENAME TO state_change;
                    CREATE INDEX state_change_by_slug ON state_change(slug, at);
                    CREATE INDEX state_change_by_time ON state_change(at);
                    DELETE FROM sqlite_sequence WHERE name = 'state_change';
                    INSERT INTO sqlite_sequence (name, seq) SELECT 'state_change', MAX(
                        COALESCE((SELECT MAX(id) FROM state_change), 0),
                        COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'notify_cursor'), 0));
                    """)
        }
        migrator.registerMigration("2026-11-v3-intake-hardening") { db in
            // Per-address caps compare a normalised address (lowercased), so one mailbox spelled
            // two ways is one mailbox. Values come from DowntrackDatabase.addressKey.
            try db.execute(
                sql: """
                    ALTER TABLE subscription ADD COLUMN email_key TEXT;
                    UPDATE subscription SET email_key = lower(email);
                    CREATE INDEX subscription_by_email_key ON subscription(email_key, slug);
                    ALTER TABLE outbox ADD COLUMN recipient_key TEXT;
                    UPDATE outbox SET recipient_key = lower(recipient) WHERE channel = 'email';
                    CREATE INDEX outbox_by_recipient_key ON outbox(recipient_key, purpose, created_at);
                    CREATE INDEX outbox_by_purpose_time ON outbox(purpose, created_at);
                    """)
        }
        migrator.registerMigration("2026-11-v4-report-country") { db in
            // Reports per service, country and 15-minute bucket: only the ISO 3166-1 alpha-2 code
            // ('' when unknown), never an address or anything finer. Pruned with report_bucket.
            try db.execute(
                sql: """
                    CREATE TABLE report_country (
                        slug TEXT NOT NULL,
                        country TEXT NOT NULL,
                        bucket INTEGER NOT NULL,
                        count INTEGER NOT NULL,
                        demo INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (slug, country, bucket, demo)
                    ) WITHOUT ROWID;
                    CREATE INDEX report_country_by_time ON report_country(bucket);
                    """)
        }
        migrator.registerMigration("2026-11-v5-outage-history") { db in
            // Crowd episodes (kept by the collector from its state changes) and official
            // incidents over time (kept from parsed checks), both pruned with the history.
            try db.execute(
                sql: """
                    CREATE TABLE outage_episode (
                        id INTEGER PRIMARY KEY,
                        slug TEXT NOT NULL,
                        started_at INTEGER NOT NULL,
                        ended_at INTEGER,
                        worst_state TEXT NOT NULL,
                        -- Set when the episode ends: its busiest 15 minutes against the baseline
                        -- then, and its top problems as JSON [{"id":…,"share":…}].
                        peak_at INTEGER,
                        peak_count INTEGER,
                        peak_expected REAL,
                        top_problems TEXT,
                        demo INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX outage_episode_by_slug ON outage_episode(slug, started_at);
                    CREATE INDEX outage_episode_by_end ON outage_episode(ended_at);
                    CREATE TABLE official_incident (
                        id INTEGER PRIMARY KEY,
                        slug TEXT NOT NULL,
                        source_url TEXT NOT NULL,
                        incident_key TEXT NOT NULL,
                        title TEXT NOT NULL,
                        impact TEXT,
                        url TEXT,
                        first_post INTEGER NOT NULL,
                        resolved_at INTEGER,
                        last_seen INTEGER NOT NULL,
                        demo INTEGER NOT NULL DEFAULT 0,
                        UNIQUE (slug, source_url, incident_key)
                    );
                    CREATE INDEX official_incident_by_time ON official_incident(last_seen);
                    """)
        }
        migrator.registerMigration("2026-11-v6-build-fingerprint") { db in
            // A counter that every change to a table the build reads moves (by trigger, so no
            // writer can forget it), and the fingerprint of each output's last complete build:
            // equal fingerprints prove a build would change nothing. A new table the build
            // reads needs the same three triggers (BuildFingerprintTriggerTests checks).
            try db.execute(
                sql: """
                    CREATE TABLE build_input_version (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        version INTEGER NOT NULL
                    );
                    INSERT INTO build_input_version (id, version) VALUES (1, 0);
                    CREATE TABLE build_fingerprint (
                        output TEXT PRIMARY KEY NOT NULL,
                        inputs TEXT NOT NULL,
                        outputs TEXT NOT NULL,
                        files INTEGER NOT NULL,
                        services INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    """)
            for table in [
                "report_minute", "report_bucket", "report_country", "service_state", "state_change", "baseline",
                "official_source", "collect_run", "outage_episode", "official_incident",
            ] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(
                        sql: """
                            CREATE TRIGGER \(table)_\(event.lowercased())_moves_build_input
                            AFTER \(event) ON \(table)
                            BEGIN UPDATE build_input_version SET version = version + 1 WHERE id = 1; END
                            """)
                }
            }
        }
        migrator.registerMigration("2026-11-v7-official-indicator") { db in
            // The decision needs only each source's indicator over time: kept in a plain column
            // beside the JSON, so a collect minute decodes no JSON (filled from it for old rows).
            try db.execute(
                sql: """
                    ALTER TABLE official_check ADD COLUMN indicator TEXT;
                    ALTER TABLE official_source ADD COLUMN indicator TEXT;
                    UPDATE official_check SET indicator = json_extract(status_json, '$.indicator')
                        WHERE status_json IS NOT NULL;
                    UPDATE official_source SET indicator = json_extract(status_json, '$.indicator')
                        WHERE status_json IS NOT NULL;
                    """)
        }
        return migrator
    }
}
