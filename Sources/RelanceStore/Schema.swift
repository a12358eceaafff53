import GRDB

/// The database schema, as migrations. Instants are integer seconds since the epoch (UTC);
/// days are `YYYY-MM-DD` text; periods `YYYY-MM`.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                    CREATE TABLE jobseekers (
                        id TEXT PRIMARY KEY, department TEXT NOT NULL, territory TEXT NOT NULL,
                        first_name TEXT, last_name TEXT, email TEXT, phone TEXT, agency TEXT, advisor TEXT,
                        registered_on TEXT NOT NULL, channels TEXT, journal_required INTEGER,
                        status TEXT NOT NULL, revision INTEGER NOT NULL) WITHOUT ROWID;
                    CREATE INDEX jobseekers_by_revision ON jobseekers(revision);
                    CREATE TABLE agencies (
                        code TEXT PRIMARY KEY, name TEXT, email TEXT NOT NULL, department TEXT NOT NULL) WITHOUT ROWID;
                    CREATE TABLE advisors (
                        id TEXT PRIMARY KEY, name TEXT, email TEXT NOT NULL, agency TEXT NOT NULL) WITHOUT ROWID;
                    CREATE TABLE declarations (
                        jobseeker_id TEXT NOT NULL, period TEXT NOT NULL, declared_at INTEGER NOT NULL,
                        recorded_at INTEGER NOT NULL, acts_count INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (jobseeker_id, period)) WITHOUT ROWID;
                    CREATE TABLE acts (
                        jobseeker_id TEXT NOT NULL, period TEXT NOT NULL, act_date TEXT NOT NULL,
                        act_type TEXT NOT NULL, act_label TEXT NOT NULL,
                        UNIQUE (jobseeker_id, period, act_date, act_type, act_label));
                    CREATE TABLE periods (
                        period TEXT PRIMARY KEY, state TEXT NOT NULL, members_revision INTEGER NOT NULL DEFAULT 0,
                        opened_at INTEGER, closed_at INTEGER) WITHOUT ROWID;
                    CREATE TABLE period_territories (
                        period TEXT NOT NULL, territory TEXT NOT NULL, closing_at INTEGER NOT NULL,
                        opened_at INTEGER, closed_at INTEGER,
                        PRIMARY KEY (period, territory)) WITHOUT ROWID;
                    CREATE TABLE members (
                        period TEXT NOT NULL, jobseeker_id TEXT NOT NULL, territory TEXT NOT NULL,
                        outcome TEXT, journal TEXT, unreachable INTEGER NOT NULL DEFAULT 0,
                        missed_streak INTEGER NOT NULL DEFAULT 0, journal_streak INTEGER NOT NULL DEFAULT 0,
                        unreachable_streak INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (period, jobseeker_id)) WITHOUT ROWID;
                    CREATE INDEX members_by_territory ON members(period, territory);
                    CREATE INDEX members_by_jobseeker ON members(jobseeker_id, period);
                    CREATE TABLE step_plans (
                        period TEXT NOT NULL, step TEXT NOT NULL, territory TEXT NOT NULL, planned_at INTEGER NOT NULL,
                        members_revision INTEGER NOT NULL, PRIMARY KEY (period, step, territory)) WITHOUT ROWID;
                    CREATE TABLE reminders (
                        jobseeker_id TEXT NOT NULL, period TEXT NOT NULL, step TEXT NOT NULL,
                        state TEXT NOT NULL, due_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
                        next_attempt_at INTEGER NOT NULL, channel_index INTEGER NOT NULL DEFAULT 0,
                        attempts INTEGER NOT NULL DEFAULT 0, channel TEXT, sent_at INTEGER, last_error TEXT,
                        updated_at INTEGER NOT NULL,
                        PRIMARY KEY (jobseeker_id, period, step)) WITHOUT ROWID;
                    CREATE INDEX reminders_pending ON reminders(next_attempt_at) WHERE state = 'pending';
                    CREATE INDEX reminders_by_period ON reminders(period, step, state);
                    CREATE TABLE attempts (
                        id INTEGER PRIMARY KEY, jobseeker_id TEXT NOT NULL, period TEXT NOT NULL, step TEXT NOT NULL,
                        channel TEXT NOT NULL, recipient TEXT, started_at INTEGER NOT NULL, finished_at INTEGER,
                        outcome TEXT NOT NULL, reply TEXT);
                    CREATE INDEX attempts_by_key ON attempts(jobseeker_id, period, step);
                    CREATE INDEX attempts_with_recipient ON attempts(started_at) WHERE recipient IS NOT NULL;
                    CREATE TABLE cases (
                        id INTEGER PRIMARY KEY, jobseeker_id TEXT NOT NULL, route TEXT NOT NULL, state TEXT NOT NULL,
                        advisor TEXT, agency TEXT, opened_on TEXT NOT NULL, due_on TEXT NOT NULL,
                        opened_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, resolution TEXT, note TEXT);
                    CREATE UNIQUE INDEX cases_one_open ON cases(jobseeker_id) WHERE state IN ('open', 'contacted');
                    CREATE INDEX cases_by_state ON cases(state);
                    CREATE TABLE case_reasons (
                        case_id INTEGER NOT NULL, period TEXT NOT NULL, reason TEXT NOT NULL, rule_id TEXT NOT NULL,
                        PRIMARY KEY (case_id, period, reason)) WITHOUT ROWID;
                    CREATE TABLE digests (
                        day TEXT NOT NULL, recipient TEXT NOT NULL, sent_at INTEGER NOT NULL, cases INTEGER NOT NULL,
                        PRIMARY KEY (day, recipient)) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v2 attempts in flight") { db in
            try db.execute(sql: "CREATE INDEX attempts_in_flight ON attempts(id) WHERE outcome = 'in_flight'")
        }
        migrator.registerMigration("v3 attempts by period") { db in
            // Retention deletes a period's attempts, and the report counts them by outcome.
            try db.execute(sql: "CREATE INDEX attempts_by_period ON attempts(period, outcome)")
        }
        migrator.registerMigration("v4 members by primary key only") { db in
            // The tick reads a period's members in primary-key order, filtering territories: the
            // two secondary indexes tripled the cost of opening a period and were never needed.
            try db.execute(sql: "DROP INDEX members_by_territory; DROP INDEX members_by_jobseeker")
        }
        migrator.registerMigration("v5 cases by advisor and agency") { db in
            // Digests look cases up by advisor, and by agency for the unassigned ones.
            try db.execute(
                sql: """
                    CREATE INDEX cases_by_advisor ON cases(advisor);
                    CREATE INDEX cases_by_agency ON cases(agency) WHERE advisor IS NULL;
                    """)
        }
        migrator.registerMigration("v6 attempts per channel") { db in
            // `max_attempts` and the backoff count the attempts on the reminder's current channel;
            // `attempts` stays the total over all its channels. A pending reminder keeps the
            // transient failures on its latest channel since the last permanent failure, if any.
            try db.execute(
                sql: """
                    ALTER TABLE reminders ADD COLUMN channel_attempts INTEGER NOT NULL DEFAULT 0;
                    UPDATE reminders SET channel_attempts = (
                        SELECT COUNT(*) FROM attempts a
                        WHERE a.jobseeker_id = reminders.jobseeker_id AND a.period = reminders.period
                            AND a.step = reminders.step AND a.channel = reminders.channel AND a.outcome = 'transient'
                            AND a.id > (
                                SELECT COALESCE(MAX(p.id), 0) FROM attempts p
                                WHERE p.jobseeker_id = a.jobseeker_id AND p.period = a.period AND p.step = a.step
                                    AND p.outcome = 'permanent'))
                    WHERE state = 'pending' AND attempts > 0;
                    """)
        }
        migrator.registerMigration("v7 members carry their closing facts") { db in
            try db.execute(sql: memberFacts)
        }
        migrator.registerMigration("v8 attempts by period, failures apart") { db in
            // Retention deletes a period's attempts: by period alone, an attempt's entry is written
            // once, when it starts. The report counts the failures: a partial index holds only them,
            // so that settling an accepted attempt (nearly all) writes no index page but in_flight's.
            try db.execute(
                sql: """
                    DROP INDEX attempts_by_period;
                    CREATE INDEX attempts_by_period ON attempts(period);
                    CREATE INDEX attempts_failed ON attempts(period, outcome) WHERE outcome NOT IN ('accepted', 'in_flight');
                    """)
        }
        migrator.registerMigration("v9 case history") { db in
            try db.execute(sql: caseHistory)
        }
        migrator.registerMigration("v10 delivery receipts") { db in
            try db.execute(sql: deliveryReceipts)
        }
        // A closing is recorded in short transactions of members in key order: the last key
        // closed, while the territory's closing is under way (NULL before it starts and once done).
        migrator.registerMigration("v11b closing in chunks") { db in
            try db.execute(sql: "ALTER TABLE period_territories ADD COLUMN closed_through TEXT")
        }
        migrator.registerMigration("v12 desk and audit") { db in
            try db.execute(sql: deskAndAudit)
        }
        migrator.registerMigration("v13 acts keyed by themselves") { db in
            try db.execute(sql: actsWithoutRowid)
        }
        return migrator
    }

    /// Acts are stored once, in the order of their key: a table with a rowid and a unique index
    /// on every column held each act twice (a declarations import of 1,500,000 acts wrote 290 MB
    /// where 150 MB hold them, and kept two B-trees in step).
    static let actsWithoutRowid = """
        CREATE TABLE acts_by_key (
            jobseeker_id TEXT NOT NULL, period TEXT NOT NULL, act_date TEXT NOT NULL,
            act_type TEXT NOT NULL, act_label TEXT NOT NULL,
            PRIMARY KEY (jobseeker_id, period, act_date, act_type, act_label)) WITHOUT ROWID;
        INSERT INTO acts_by_key SELECT jobseeker_id, period, act_date, act_type, act_label FROM acts
            ORDER BY jobseeker_id, period, act_date, act_type, act_label;
        DROP TABLE acts;
        ALTER TABLE acts_by_key RENAME TO acts;
        """

    /// Delivery receipts (SPEC 13). `reminders.delivery` is the verdict on the reminder's latest
    /// channel (`unconfirmed`, `delivered`, `undelivered`, `not_tracked`; NULL before any send).
    /// `deliveries` holds one row per reminder and channel accepted with receipts expected:
    /// `deadline_at` is the acceptance plus `receipt_timeout`, `verdict` NULL until the first
    /// final receipt or the timeout sets it (`delivered`, `undelivered`), the alarm reads the
    /// latest verdicts per channel. `receipts` is the history of every receipt of a known
    /// reminder. `invalid_phone` / `invalid_email` of a jobseeker hold the number or address
    /// that failed for good (or, for email, drew a complaint): unusable while the record still
    /// holds that value. `reminders.channel_order` is the channel list a reminder started with when
    /// a degraded channel was moved to its end (NULL: the step's or the jobseeker's list).
    /// `channel_health` holds the degraded channels, with the first
    /// `deliveries` id sent since, for recovery.
    static let deliveryReceipts = """
        ALTER TABLE reminders ADD COLUMN delivery TEXT;
        ALTER TABLE reminders ADD COLUMN channel_order TEXT;
        ALTER TABLE jobseekers ADD COLUMN invalid_phone TEXT;
        ALTER TABLE jobseekers ADD COLUMN invalid_email TEXT;
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY, jobseeker_id TEXT NOT NULL, period TEXT NOT NULL, step TEXT NOT NULL,
            channel TEXT NOT NULL, accepted_at INTEGER NOT NULL, deadline_at INTEGER NOT NULL,
            verdict TEXT, verdict_at INTEGER, reason TEXT,
            UNIQUE (jobseeker_id, period, step, channel));
        CREATE INDEX deliveries_unconfirmed ON deliveries(deadline_at) WHERE verdict IS NULL;
        CREATE INDEX deliveries_known ON deliveries(channel, id) WHERE verdict IS NOT NULL;
        CREATE INDEX deliveries_by_period ON deliveries(period);
        CREATE TABLE receipts (
            id INTEGER PRIMARY KEY, channel TEXT NOT NULL, jobseeker_id TEXT NOT NULL, period TEXT NOT NULL,
            step TEXT NOT NULL, status TEXT NOT NULL, at INTEGER, received_at INTEGER NOT NULL, detail TEXT);
        CREATE INDEX receipts_by_key ON receipts(jobseeker_id, period, step);
        CREATE INDEX receipts_by_period ON receipts(period);
        CREATE TABLE channel_health (
            channel TEXT PRIMARY KEY, degraded_since INTEGER NOT NULL, first_delivery INTEGER NOT NULL) WITHOUT ROWID;
        """

    /// Who changed a case last (`updated_by`: `relance` for the cycle's own changes, `cli:USER`
    /// for the command line) and the history of its changes: the trigger records every change of
    /// state or note, whoever writes it, with the case's `updated_at` and `updated_by`; deleting
    /// a case (retention) deletes its history.
    static let caseHistory = """
        ALTER TABLE cases ADD COLUMN updated_by TEXT NOT NULL DEFAULT 'relance';
        CREATE TABLE case_events (
            id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, at INTEGER NOT NULL, author TEXT NOT NULL,
            from_state TEXT NOT NULL, to_state TEXT NOT NULL, note TEXT);
        CREATE INDEX case_events_by_case ON case_events(case_id, id);
        CREATE TRIGGER cases_record_change AFTER UPDATE OF state, note ON cases
        WHEN OLD.state IS NOT NEW.state OR OLD.note IS NOT NEW.note
        BEGIN
            INSERT INTO case_events (case_id, at, author, from_state, to_state, note)
            VALUES (NEW.id, NEW.updated_at, NEW.updated_by, OLD.state, NEW.state,
                CASE WHEN OLD.note IS NOT NEW.note THEN NEW.note END);
        END;
        CREATE TRIGGER cases_forget_history AFTER DELETE ON cases
        BEGIN
            DELETE FROM case_events WHERE case_id = OLD.id;
        END;
        """

    /// The advisors' desk (SPEC 14): each advisor's `role`; desk sessions and one-time sign-in
    /// tokens, both stored as SHA-256 hashes (a copy of the database signs no one in), a session
    /// keeping the role and agency it was opened with so that a change of either ends it; and the
    /// audit trail of who read or changed which case (`actor` is `advisor:ID`, `client:ID` or
    /// `cli:USER`; `case_id` NULL for an action on no single case).
    static let deskAndAudit = """
        ALTER TABLE advisors ADD COLUMN role TEXT NOT NULL DEFAULT 'advisor';
        CREATE TABLE desk_sessions (
            token_hash TEXT PRIMARY KEY, advisor TEXT NOT NULL, role TEXT NOT NULL, agency TEXT NOT NULL,
            csrf_token TEXT NOT NULL, created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX desk_sessions_by_advisor ON desk_sessions(advisor);
        CREATE TABLE desk_sign_in_tokens (
            token_hash TEXT PRIMARY KEY, advisor TEXT NOT NULL, created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL, spent_at INTEGER) WITHOUT ROWID;
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
            case_id INTEGER, detail TEXT);
        CREATE INDEX audit_by_case ON audit(case_id, id);
        CREATE INDEX audit_by_actor ON audit(actor, id);
        CREATE INDEX audit_by_time ON audit(at);
        """

    /// Members of an open period carry copies of the facts their outcome depends on, so that
    /// closing reads nothing but the member rows (SPEC 11: one pass over a million members):
    /// `active` (the jobseeker's status is `active`), `department` and `journal_required` of the
    /// jobseeker, `declared_at` and `acts_count` of the declaration for the period (NULL without
    /// one). Opening a territory copies them; the triggers keep them equal to their sources for
    /// every writer while the period is `open`. Once it is closed everywhere they keep the values
    /// the outcomes were decided on (NULL in periods closed before this migration).
    static let memberFacts = """
        ALTER TABLE members ADD COLUMN active INTEGER;
        ALTER TABLE members ADD COLUMN department TEXT;
        ALTER TABLE members ADD COLUMN journal_required INTEGER;
        ALTER TABLE members ADD COLUMN declared_at INTEGER;
        ALTER TABLE members ADD COLUMN acts_count INTEGER;
        UPDATE members SET (active, department, journal_required, declared_at, acts_count) = (
            SELECT j.status = 'active', j.department, j.journal_required, d.declared_at, d.acts_count
            FROM jobseekers j
            LEFT JOIN declarations d ON d.jobseeker_id = j.id AND d.period = members.period
            WHERE j.id = members.jobseeker_id)
        WHERE period IN (SELECT period FROM periods WHERE state = 'open');
        CREATE TRIGGER members_follow_jobseeker
        AFTER UPDATE OF status, department, journal_required ON jobseekers
        WHEN OLD.status IS NOT NEW.status OR OLD.department IS NOT NEW.department
            OR OLD.journal_required IS NOT NEW.journal_required
        BEGIN
            UPDATE members SET active = NEW.status = 'active', department = NEW.department,
                journal_required = NEW.journal_required
            WHERE period IN (SELECT period FROM periods WHERE state = 'open') AND jobseeker_id = NEW.id;
        END;
        CREATE TRIGGER members_follow_new_declaration AFTER INSERT ON declarations
        WHEN EXISTS (SELECT 1 FROM periods WHERE period = NEW.period AND state = 'open')
        BEGIN
            UPDATE members SET declared_at = NEW.declared_at, acts_count = NEW.acts_count
            WHERE period = NEW.period AND jobseeker_id = NEW.jobseeker_id;
        END;
        CREATE TRIGGER members_follow_declaration AFTER UPDATE OF declared_at, acts_count ON declarations
        WHEN EXISTS (SELECT 1 FROM periods WHERE period = NEW.period AND state = 'open')
        BEGIN
            UPDATE members SET declared_at = NEW.declared_at, acts_count = NEW.acts_count
            WHERE period = NEW.period AND jobseeker_id = NEW.jobseeker_id;
        END;
        CREATE TRIGGER members_follow_deleted_declaration AFTER DELETE ON declarations
        WHEN EXISTS (SELECT 1 FROM periods WHERE period = OLD.period AND state = 'open')
        BEGIN
            UPDATE members SET declared_at = NULL, acts_count = NULL
            WHERE period = OLD.period AND jobseeker_id = OLD.jobseeker_id;
        END;
        """
}
