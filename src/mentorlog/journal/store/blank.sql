-- mentorlog blank journal: m001_initial m002_search m003_history m004_slot m005_indexes m006_notes m007_slot_zone m008_tags m009_relationship m010_list_order m011_growth; registry 9bbbe408645f6480; body 279b70b79a88f09d
CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
CREATE TABLE mentors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            handle TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'formal' CHECK (kind IN ('formal', 'informal')),
            org TEXT,
            contact TEXT,
            cadence TEXT,
            next_checkin TEXT,
            ended_on TEXT,
            end_note TEXT
        , slot TEXT, slot_zone TEXT);
CREATE TABLE goals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            text TEXT NOT NULL,
            mentor_id INTEGER REFERENCES mentors(id),
            by_date TEXT,
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'achieved', 'dropped')),
            closed_on TEXT
        );
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            held_at TEXT NOT NULL,
            minutes INTEGER CHECK (minutes IS NULL OR minutes >= 0),
            notes TEXT NOT NULL DEFAULT '',
            late INTEGER NOT NULL DEFAULT 0,
            rescheduled INTEGER NOT NULL DEFAULT 0
        , tags TEXT NOT NULL DEFAULT '[]', rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 4));
CREATE INDEX meetings_by_mentor ON meetings (mentor_id, held_at);
CREATE INDEX meetings_by_time ON meetings (held_at);
CREATE TABLE todos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            text TEXT NOT NULL,
            mentor_id INTEGER REFERENCES mentors(id),
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
            goal_id INTEGER REFERENCES goals(id) ON DELETE SET NULL,
            due TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
            done_on TEXT,
            note TEXT
        , tags TEXT NOT NULL DEFAULT '[]');
CREATE INDEX todos_by_status ON todos (status, due);
CREATE INDEX todos_by_mentor ON todos (mentor_id, status, due);
CREATE INDEX todos_by_done ON todos (mentor_id, done_on);
CREATE INDEX todos_by_goal ON todos (goal_id);
CREATE INDEX todos_by_meeting ON todos (meeting_id);
CREATE TABLE advice (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            text TEXT NOT NULL,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
            tags TEXT NOT NULL DEFAULT '[]',
            given_on TEXT NOT NULL,
            parked_until TEXT,
            park_note TEXT
        , skill_id INTEGER REFERENCES skills(id) ON DELETE SET NULL);
CREATE INDEX advice_by_mentor ON advice (mentor_id, given_on);
CREATE INDEX advice_by_date ON advice (given_on);
CREATE INDEX advice_by_meeting ON advice (meeting_id);
CREATE TABLE applications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            advice_id INTEGER NOT NULL REFERENCES advice(id) ON DELETE CASCADE,
            on_date TEXT NOT NULL,
            what TEXT NOT NULL,
            outcome TEXT CHECK (outcome IN ('worked', 'mixed', 'failed', 'unsure')),
            reflection TEXT
        );
CREATE INDEX applications_by_advice ON applications (advice_id, on_date);
CREATE INDEX applications_by_date ON applications (on_date);
CREATE TABLE topics (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            text TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'question'
                CHECK (kind IN ('question', 'concern', 'feedback', 'win')),
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'raised', 'dropped')),
            raised_in INTEGER REFERENCES meetings(id) ON DELETE SET NULL
        , tags TEXT NOT NULL DEFAULT '[]');
CREATE INDEX topics_by_meeting ON topics (raised_in);
CREATE TABLE thanks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            text TEXT NOT NULL,
            on_date TEXT NOT NULL,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL
        );
CREATE INDEX thanks_by_mentor ON thanks (mentor_id, on_date);
CREATE INDEX thanks_by_meeting ON thanks (meeting_id);
CREATE TABLE reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            at TEXT NOT NULL
        );
CREATE INDEX reviews_by_mentor ON reviews (mentor_id, at);
CREATE VIRTUAL TABLE "meetings_fts" USING FTS5 (
    "notes",
    tokenize='unicode61 remove_diacritics 2',
    content="meetings"
);
CREATE TRIGGER "meetings_ai" AFTER INSERT ON "meetings" BEGIN
  INSERT INTO "meetings_fts" (rowid, "notes") VALUES (new.rowid, new."notes");
END;
CREATE TRIGGER "meetings_ad" AFTER DELETE ON "meetings" BEGIN
  INSERT INTO "meetings_fts" ("meetings_fts", rowid, "notes") VALUES('delete', old.rowid, old."notes");
END;
CREATE TRIGGER "meetings_au" AFTER UPDATE ON "meetings" BEGIN
  INSERT INTO "meetings_fts" ("meetings_fts", rowid, "notes") VALUES('delete', old.rowid, old."notes");
  INSERT INTO "meetings_fts" (rowid, "notes") VALUES (new.rowid, new."notes");
END;
CREATE VIRTUAL TABLE "todos_fts" USING FTS5 (
    "text", "note",
    tokenize='unicode61 remove_diacritics 2',
    content="todos"
);
CREATE TRIGGER "todos_ai" AFTER INSERT ON "todos" BEGIN
  INSERT INTO "todos_fts" (rowid, "text", "note") VALUES (new.rowid, new."text", new."note");
END;
CREATE TRIGGER "todos_ad" AFTER DELETE ON "todos" BEGIN
  INSERT INTO "todos_fts" ("todos_fts", rowid, "text", "note") VALUES('delete', old.rowid, old."text", old."note");
END;
CREATE TRIGGER "todos_au" AFTER UPDATE ON "todos" BEGIN
  INSERT INTO "todos_fts" ("todos_fts", rowid, "text", "note") VALUES('delete', old.rowid, old."text", old."note");
  INSERT INTO "todos_fts" (rowid, "text", "note") VALUES (new.rowid, new."text", new."note");
END;
CREATE VIRTUAL TABLE "advice_fts" USING FTS5 (
    "text",
    tokenize='unicode61 remove_diacritics 2',
    content="advice"
);
CREATE TRIGGER "advice_ai" AFTER INSERT ON "advice" BEGIN
  INSERT INTO "advice_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "advice_ad" AFTER DELETE ON "advice" BEGIN
  INSERT INTO "advice_fts" ("advice_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;
CREATE TRIGGER "advice_au" AFTER UPDATE ON "advice" BEGIN
  INSERT INTO "advice_fts" ("advice_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "advice_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE VIRTUAL TABLE "applications_fts" USING FTS5 (
    "what", "reflection",
    tokenize='unicode61 remove_diacritics 2',
    content="applications"
);
CREATE TRIGGER "applications_ai" AFTER INSERT ON "applications" BEGIN
  INSERT INTO "applications_fts" (rowid, "what", "reflection") VALUES (new.rowid, new."what", new."reflection");
END;
CREATE TRIGGER "applications_ad" AFTER DELETE ON "applications" BEGIN
  INSERT INTO "applications_fts" ("applications_fts", rowid, "what", "reflection") VALUES('delete', old.rowid, old."what", old."reflection");
END;
CREATE TRIGGER "applications_au" AFTER UPDATE ON "applications" BEGIN
  INSERT INTO "applications_fts" ("applications_fts", rowid, "what", "reflection") VALUES('delete', old.rowid, old."what", old."reflection");
  INSERT INTO "applications_fts" (rowid, "what", "reflection") VALUES (new.rowid, new."what", new."reflection");
END;
CREATE VIRTUAL TABLE "topics_fts" USING FTS5 (
    "text",
    tokenize='unicode61 remove_diacritics 2',
    content="topics"
);
CREATE TRIGGER "topics_ai" AFTER INSERT ON "topics" BEGIN
  INSERT INTO "topics_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "topics_ad" AFTER DELETE ON "topics" BEGIN
  INSERT INTO "topics_fts" ("topics_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;
CREATE TRIGGER "topics_au" AFTER UPDATE ON "topics" BEGIN
  INSERT INTO "topics_fts" ("topics_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "topics_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE VIRTUAL TABLE "thanks_fts" USING FTS5 (
    "text",
    tokenize='unicode61 remove_diacritics 2',
    content="thanks"
);
CREATE TRIGGER "thanks_ai" AFTER INSERT ON "thanks" BEGIN
  INSERT INTO "thanks_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "thanks_ad" AFTER DELETE ON "thanks" BEGIN
  INSERT INTO "thanks_fts" ("thanks_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;
CREATE TRIGGER "thanks_au" AFTER UPDATE ON "thanks" BEGIN
  INSERT INTO "thanks_fts" ("thanks_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "thanks_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE VIRTUAL TABLE "goals_fts" USING FTS5 (
    "text",
    tokenize='unicode61 remove_diacritics 2',
    content="goals"
);
CREATE TRIGGER "goals_ai" AFTER INSERT ON "goals" BEGIN
  INSERT INTO "goals_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "goals_ad" AFTER DELETE ON "goals" BEGIN
  INSERT INTO "goals_fts" ("goals_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;
CREATE TRIGGER "goals_au" AFTER UPDATE ON "goals" BEGIN
  INSERT INTO "goals_fts" ("goals_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "goals_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            command TEXT NOT NULL,
            recording INTEGER NOT NULL DEFAULT 0,
            undone_at TEXT
        );
CREATE TABLE change_rows (
            id INTEGER PRIMARY KEY,
            change_id INTEGER NOT NULL REFERENCES changes(id) ON DELETE CASCADE,
            table_name TEXT NOT NULL,
            row_id INTEGER NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
            before TEXT,
            after TEXT
        );
CREATE INDEX advice_parked ON advice (parked_until) WHERE parked_until IS NOT NULL;
CREATE INDEX todos_by_created ON todos (created_at);
CREATE INDEX todos_by_closed ON todos (status, done_on);
CREATE INDEX thanks_by_date ON thanks (on_date);
CREATE TABLE notes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            mentor_id INTEGER REFERENCES mentors(id),
            written_at TEXT NOT NULL,
            text TEXT NOT NULL,
            tags TEXT NOT NULL DEFAULT '[]'
        );
CREATE INDEX notes_by_mentor ON notes (mentor_id, written_at);
CREATE INDEX notes_by_time ON notes (written_at);
CREATE TABLE agreements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            on_date TEXT NOT NULL,
            text TEXT NOT NULL,
            term_end TEXT,
            revisit_by TEXT
        );
CREATE INDEX agreements_by_mentor ON agreements (mentor_id, on_date);
CREATE TABLE closures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            on_date TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            cadence TEXT
        );
CREATE INDEX closures_by_mentor ON closures (mentor_id, on_date);
CREATE TABLE updates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            on_date TEXT NOT NULL,
            text TEXT NOT NULL
        );
CREATE INDEX updates_by_mentor ON updates (mentor_id, on_date);
CREATE INDEX todos_open_order ON todos (status, due IS NULL, due);
CREATE INDEX todos_open_order_by_mentor ON todos (mentor_id, status, due IS NULL, due);
CREATE INDEX topics_open_order ON topics (mentor_id, status, (CASE kind
            WHEN 'question' THEN 0 WHEN 'concern' THEN 1 WHEN 'feedback' THEN 2 WHEN 'win' THEN 3 END));
CREATE INDEX change_rows_by_change_table ON change_rows (change_id, table_name, op, row_id);
CREATE TABLE skills (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            name TEXT NOT NULL,
            mentor_id INTEGER REFERENCES mentors(id),
            goal_id INTEGER REFERENCES goals(id) ON DELETE SET NULL,
            status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dropped'))
        );
CREATE INDEX skills_by_status ON skills (status, name COLLATE NOCASE);
CREATE INDEX skills_by_mentor ON skills (mentor_id, status);
CREATE INDEX skills_by_goal ON skills (goal_id);
CREATE TABLE skill_ratings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE,
            rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            on_date TEXT NOT NULL,
            evidence TEXT
        );
CREATE INDEX skill_ratings_by_skill ON skill_ratings (skill_id, on_date, id);
CREATE INDEX skill_ratings_by_date ON skill_ratings (on_date);
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            direction TEXT NOT NULL DEFAULT 'received' CHECK (direction IN ('received', 'given')),
            text TEXT NOT NULL,
            on_date TEXT NOT NULL,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL
        );
CREATE INDEX feedback_by_mentor ON feedback (mentor_id, on_date);
CREATE INDEX feedback_by_date ON feedback (on_date);
CREATE INDEX feedback_by_meeting ON feedback (meeting_id);
CREATE TABLE offers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
            mentor_id INTEGER NOT NULL REFERENCES mentors(id),
            text TEXT NOT NULL,
            person TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'declined')),
            outcome TEXT,
            on_date TEXT NOT NULL,
            done_on TEXT,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL
        );
CREATE INDEX offers_by_mentor ON offers (mentor_id, status, on_date);
CREATE INDEX offers_done_by_mentor ON offers (mentor_id, status, done_on);
CREATE INDEX offers_by_status ON offers (status, on_date);
CREATE INDEX offers_by_done ON offers (done_on);
CREATE INDEX offers_by_meeting ON offers (meeting_id);
CREATE INDEX advice_by_skill ON advice (skill_id) WHERE skill_id IS NOT NULL;
CREATE VIRTUAL TABLE "notes_fts" USING FTS5 (
    "text",
    tokenize='unicode61 remove_diacritics 2',
    content="notes"
);
CREATE TRIGGER "notes_ai" AFTER INSERT ON "notes" BEGIN
  INSERT INTO "notes_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "notes_ad" AFTER DELETE ON "notes" BEGIN
  INSERT INTO "notes_fts" ("notes_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;
CREATE TRIGGER "notes_au" AFTER UPDATE ON "notes" BEGIN
  INSERT INTO "notes_fts" ("notes_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "notes_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE VIRTUAL TABLE "agreements_fts" USING FTS5 (
    "text",
    tokenize='unicode61 remove_diacritics 2',
    content="agreements"
);
CREATE TRIGGER "agreements_ai" AFTER INSERT ON "agreements" BEGIN
  INSERT INTO "agreements_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "agreements_ad" AFTER DELETE ON "agreements" BEGIN
  INSERT INTO "agreements_fts" ("agreements_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;
CREATE TRIGGER "agreements_au" AFTER UPDATE ON "agreements" BEGIN
  INSERT INTO "agreements_fts" ("agreements_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "agreements_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE VIRTUAL TABLE "closures_fts" USING FTS5 (
    "text",
    tokenize='unicode61 remove_diacritics 2',
    content="closures"
);
CREATE TRIGGER "closures_ai" AFTER INSERT ON "closures" BEGIN
  INSERT INTO "closures_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "closures_ad" AFTER DELETE ON "closures" BEGIN
  INSERT INTO "closures_fts" ("closures_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;
CREATE TRIGGER "closures_au" AFTER UPDATE ON "closures" BEGIN
  INSERT INTO "closures_fts" ("closures_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "closures_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE VIRTUAL TABLE "updates_fts" USING FTS5 (
    "text",
    tokenize='unicode61 remove_diacritics 2',
    content="updates"
);
CREATE TRIGGER "updates_ai" AFTER INSERT ON "updates" BEGIN
  INSERT INTO "updates_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "updates_ad" AFTER DELETE ON "updates" BEGIN
  INSERT INTO "updates_fts" ("updates_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;
CREATE TRIGGER "updates_au" AFTER UPDATE ON "updates" BEGIN
  INSERT INTO "updates_fts" ("updates_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "updates_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE VIRTUAL TABLE "skills_fts" USING FTS5 (
    "name",
    tokenize='unicode61 remove_diacritics 2',
    content="skills"
);
CREATE TRIGGER "skills_ai" AFTER INSERT ON "skills" BEGIN
  INSERT INTO "skills_fts" (rowid, "name") VALUES (new.rowid, new."name");
END;
CREATE TRIGGER "skills_ad" AFTER DELETE ON "skills" BEGIN
  INSERT INTO "skills_fts" ("skills_fts", rowid, "name") VALUES('delete', old.rowid, old."name");
END;
CREATE TRIGGER "skills_au" AFTER UPDATE ON "skills" BEGIN
  INSERT INTO "skills_fts" ("skills_fts", rowid, "name") VALUES('delete', old.rowid, old."name");
  INSERT INTO "skills_fts" (rowid, "name") VALUES (new.rowid, new."name");
END;
CREATE VIRTUAL TABLE "skill_ratings_fts" USING FTS5 (
    "evidence",
    tokenize='unicode61 remove_diacritics 2',
    content="skill_ratings"
);
CREATE TRIGGER "skill_ratings_ai" AFTER INSERT ON "skill_ratings" BEGIN
  INSERT INTO "skill_ratings_fts" (rowid, "evidence") VALUES (new.rowid, new."evidence");
END;
CREATE TRIGGER "skill_ratings_ad" AFTER DELETE ON "skill_ratings" BEGIN
  INSERT INTO "skill_ratings_fts" ("skill_ratings_fts", rowid, "evidence") VALUES('delete', old.rowid, old."evidence");
END;
CREATE TRIGGER "skill_ratings_au" AFTER UPDATE ON "skill_ratings" BEGIN
  INSERT INTO "skill_ratings_fts" ("skill_ratings_fts", rowid, "evidence") VALUES('delete', old.rowid, old."evidence");
  INSERT INTO "skill_ratings_fts" (rowid, "evidence") VALUES (new.rowid, new."evidence");
END;
CREATE VIRTUAL TABLE "feedback_fts" USING FTS5 (
    "text",
    tokenize='unicode61 remove_diacritics 2',
    content="feedback"
);
CREATE TRIGGER "feedback_ai" AFTER INSERT ON "feedback" BEGIN
  INSERT INTO "feedback_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "feedback_ad" AFTER DELETE ON "feedback" BEGIN
  INSERT INTO "feedback_fts" ("feedback_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;
CREATE TRIGGER "feedback_au" AFTER UPDATE ON "feedback" BEGIN
  INSERT INTO "feedback_fts" ("feedback_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "feedback_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE VIRTUAL TABLE "offers_fts" USING FTS5 (
    "text", "person", "outcome",
    tokenize='unicode61 remove_diacritics 2',
    content="offers"
);
CREATE TRIGGER "offers_ai" AFTER INSERT ON "offers" BEGIN
  INSERT INTO "offers_fts" (rowid, "text", "person", "outcome") VALUES (new.rowid, new."text", new."person", new."outcome");
END;
CREATE TRIGGER "offers_ad" AFTER DELETE ON "offers" BEGIN
  INSERT INTO "offers_fts" ("offers_fts", rowid, "text", "person", "outcome") VALUES('delete', old.rowid, old."text", old."person", old."outcome");
END;
CREATE TRIGGER "offers_au" AFTER UPDATE ON "offers" BEGIN
  INSERT INTO "offers_fts" ("offers_fts", rowid, "text", "person", "outcome") VALUES('delete', old.rowid, old."text", old."person", old."outcome");
  INSERT INTO "offers_fts" (rowid, "text", "person", "outcome") VALUES (new.rowid, new."text", new."person", new."outcome");
END;
CREATE TRIGGER "history_mentors_insert" AFTER INSERT ON "mentors"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'mentors', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'handle', NEW."handle", 'name', NEW."name", 'kind', NEW."kind", 'org', NEW."org", 'contact', NEW."contact", 'cadence', NEW."cadence", 'next_checkin', NEW."next_checkin", 'ended_on', NEW."ended_on", 'end_note', NEW."end_note", 'slot', NEW."slot", 'slot_zone', NEW."slot_zone"));
        END;
CREATE TRIGGER "history_mentors_update" AFTER UPDATE ON "mentors"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'mentors', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'handle', OLD."handle", 'name', OLD."name", 'kind', OLD."kind", 'org', OLD."org", 'contact', OLD."contact", 'cadence', OLD."cadence", 'next_checkin', OLD."next_checkin", 'ended_on', OLD."ended_on", 'end_note', OLD."end_note", 'slot', OLD."slot", 'slot_zone', OLD."slot_zone"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'handle', NEW."handle", 'name', NEW."name", 'kind', NEW."kind", 'org', NEW."org", 'contact', NEW."contact", 'cadence', NEW."cadence", 'next_checkin', NEW."next_checkin", 'ended_on', NEW."ended_on", 'end_note', NEW."end_note", 'slot', NEW."slot", 'slot_zone', NEW."slot_zone"));
        END;
CREATE TRIGGER "history_mentors_delete" AFTER DELETE ON "mentors"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'mentors', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'handle', OLD."handle", 'name', OLD."name", 'kind', OLD."kind", 'org', OLD."org", 'contact', OLD."contact", 'cadence', OLD."cadence", 'next_checkin', OLD."next_checkin", 'ended_on', OLD."ended_on", 'end_note', OLD."end_note", 'slot', OLD."slot", 'slot_zone', OLD."slot_zone"), NULL);
        END;
CREATE TRIGGER "history_meetings_insert" AFTER INSERT ON "meetings"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'meetings', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'held_at', NEW."held_at", 'minutes', NEW."minutes", 'notes', NEW."notes", 'late', NEW."late", 'rescheduled', NEW."rescheduled", 'tags', NEW."tags", 'rating', NEW."rating"));
        END;
CREATE TRIGGER "history_meetings_update" AFTER UPDATE ON "meetings"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'meetings', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'held_at', OLD."held_at", 'minutes', OLD."minutes", 'notes', OLD."notes", 'late', OLD."late", 'rescheduled', OLD."rescheduled", 'tags', OLD."tags", 'rating', OLD."rating"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'held_at', NEW."held_at", 'minutes', NEW."minutes", 'notes', NEW."notes", 'late', NEW."late", 'rescheduled', NEW."rescheduled", 'tags', NEW."tags", 'rating', NEW."rating"));
        END;
CREATE TRIGGER "history_meetings_delete" AFTER DELETE ON "meetings"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'meetings', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'held_at', OLD."held_at", 'minutes', OLD."minutes", 'notes', OLD."notes", 'late', OLD."late", 'rescheduled', OLD."rescheduled", 'tags', OLD."tags", 'rating', OLD."rating"), NULL);
        END;
CREATE TRIGGER "history_todos_insert" AFTER INSERT ON "todos"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'todos', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'text', NEW."text", 'mentor_id', NEW."mentor_id", 'meeting_id', NEW."meeting_id", 'goal_id', NEW."goal_id", 'due', NEW."due", 'status', NEW."status", 'done_on', NEW."done_on", 'note', NEW."note", 'tags', NEW."tags"));
        END;
CREATE TRIGGER "history_todos_update" AFTER UPDATE ON "todos"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'todos', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'text', OLD."text", 'mentor_id', OLD."mentor_id", 'meeting_id', OLD."meeting_id", 'goal_id', OLD."goal_id", 'due', OLD."due", 'status', OLD."status", 'done_on', OLD."done_on", 'note', OLD."note", 'tags', OLD."tags"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'text', NEW."text", 'mentor_id', NEW."mentor_id", 'meeting_id', NEW."meeting_id", 'goal_id', NEW."goal_id", 'due', NEW."due", 'status', NEW."status", 'done_on', NEW."done_on", 'note', NEW."note", 'tags', NEW."tags"));
        END;
CREATE TRIGGER "history_todos_delete" AFTER DELETE ON "todos"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'todos', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'text', OLD."text", 'mentor_id', OLD."mentor_id", 'meeting_id', OLD."meeting_id", 'goal_id', OLD."goal_id", 'due', OLD."due", 'status', OLD."status", 'done_on', OLD."done_on", 'note', OLD."note", 'tags', OLD."tags"), NULL);
        END;
CREATE TRIGGER "history_advice_insert" AFTER INSERT ON "advice"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'advice', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'text', NEW."text", 'mentor_id', NEW."mentor_id", 'meeting_id', NEW."meeting_id", 'tags', NEW."tags", 'given_on', NEW."given_on", 'parked_until', NEW."parked_until", 'park_note', NEW."park_note", 'skill_id', NEW."skill_id"));
        END;
CREATE TRIGGER "history_advice_update" AFTER UPDATE ON "advice"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'advice', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'text', OLD."text", 'mentor_id', OLD."mentor_id", 'meeting_id', OLD."meeting_id", 'tags', OLD."tags", 'given_on', OLD."given_on", 'parked_until', OLD."parked_until", 'park_note', OLD."park_note", 'skill_id', OLD."skill_id"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'text', NEW."text", 'mentor_id', NEW."mentor_id", 'meeting_id', NEW."meeting_id", 'tags', NEW."tags", 'given_on', NEW."given_on", 'parked_until', NEW."parked_until", 'park_note', NEW."park_note", 'skill_id', NEW."skill_id"));
        END;
CREATE TRIGGER "history_advice_delete" AFTER DELETE ON "advice"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'advice', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'text', OLD."text", 'mentor_id', OLD."mentor_id", 'meeting_id', OLD."meeting_id", 'tags', OLD."tags", 'given_on', OLD."given_on", 'parked_until', OLD."parked_until", 'park_note', OLD."park_note", 'skill_id', OLD."skill_id"), NULL);
        END;
CREATE TRIGGER "history_applications_insert" AFTER INSERT ON "applications"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'applications', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'advice_id', NEW."advice_id", 'on_date', NEW."on_date", 'what', NEW."what", 'outcome', NEW."outcome", 'reflection', NEW."reflection"));
        END;
CREATE TRIGGER "history_applications_update" AFTER UPDATE ON "applications"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'applications', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'advice_id', OLD."advice_id", 'on_date', OLD."on_date", 'what', OLD."what", 'outcome', OLD."outcome", 'reflection', OLD."reflection"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'advice_id', NEW."advice_id", 'on_date', NEW."on_date", 'what', NEW."what", 'outcome', NEW."outcome", 'reflection', NEW."reflection"));
        END;
CREATE TRIGGER "history_applications_delete" AFTER DELETE ON "applications"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'applications', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'advice_id', OLD."advice_id", 'on_date', OLD."on_date", 'what', OLD."what", 'outcome', OLD."outcome", 'reflection', OLD."reflection"), NULL);
        END;
CREATE TRIGGER "history_topics_insert" AFTER INSERT ON "topics"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'topics', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'text', NEW."text", 'kind', NEW."kind", 'status', NEW."status", 'raised_in', NEW."raised_in", 'tags', NEW."tags"));
        END;
CREATE TRIGGER "history_topics_update" AFTER UPDATE ON "topics"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'topics', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'text', OLD."text", 'kind', OLD."kind", 'status', OLD."status", 'raised_in', OLD."raised_in", 'tags', OLD."tags"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'text', NEW."text", 'kind', NEW."kind", 'status', NEW."status", 'raised_in', NEW."raised_in", 'tags', NEW."tags"));
        END;
CREATE TRIGGER "history_topics_delete" AFTER DELETE ON "topics"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'topics', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'text', OLD."text", 'kind', OLD."kind", 'status', OLD."status", 'raised_in', OLD."raised_in", 'tags', OLD."tags"), NULL);
        END;
CREATE TRIGGER "history_thanks_insert" AFTER INSERT ON "thanks"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'thanks', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'text', NEW."text", 'on_date', NEW."on_date", 'meeting_id', NEW."meeting_id"));
        END;
CREATE TRIGGER "history_thanks_update" AFTER UPDATE ON "thanks"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'thanks', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'text', OLD."text", 'on_date', OLD."on_date", 'meeting_id', OLD."meeting_id"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'text', NEW."text", 'on_date', NEW."on_date", 'meeting_id', NEW."meeting_id"));
        END;
CREATE TRIGGER "history_thanks_delete" AFTER DELETE ON "thanks"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'thanks', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'text', OLD."text", 'on_date', OLD."on_date", 'meeting_id', OLD."meeting_id"), NULL);
        END;
CREATE TRIGGER "history_goals_insert" AFTER INSERT ON "goals"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'goals', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'text', NEW."text", 'mentor_id', NEW."mentor_id", 'by_date', NEW."by_date", 'status', NEW."status", 'closed_on', NEW."closed_on"));
        END;
CREATE TRIGGER "history_goals_update" AFTER UPDATE ON "goals"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'goals', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'text', OLD."text", 'mentor_id', OLD."mentor_id", 'by_date', OLD."by_date", 'status', OLD."status", 'closed_on', OLD."closed_on"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'text', NEW."text", 'mentor_id', NEW."mentor_id", 'by_date', NEW."by_date", 'status', NEW."status", 'closed_on', NEW."closed_on"));
        END;
CREATE TRIGGER "history_goals_delete" AFTER DELETE ON "goals"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'goals', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'text', OLD."text", 'mentor_id', OLD."mentor_id", 'by_date', OLD."by_date", 'status', OLD."status", 'closed_on', OLD."closed_on"), NULL);
        END;
CREATE TRIGGER "history_reviews_delete" AFTER DELETE ON "reviews"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'reviews', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'at', OLD."at"), NULL);
        END;
CREATE TRIGGER "history_notes_insert" AFTER INSERT ON "notes"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'notes', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'written_at', NEW."written_at", 'text', NEW."text", 'tags', NEW."tags"));
        END;
CREATE TRIGGER "history_notes_update" AFTER UPDATE ON "notes"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'notes', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'written_at', OLD."written_at", 'text', OLD."text", 'tags', OLD."tags"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'written_at', NEW."written_at", 'text', NEW."text", 'tags', NEW."tags"));
        END;
CREATE TRIGGER "history_notes_delete" AFTER DELETE ON "notes"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'notes', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'written_at', OLD."written_at", 'text', OLD."text", 'tags', OLD."tags"), NULL);
        END;
CREATE TRIGGER "history_agreements_insert" AFTER INSERT ON "agreements"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'agreements', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'on_date', NEW."on_date", 'text', NEW."text", 'term_end', NEW."term_end", 'revisit_by', NEW."revisit_by"));
        END;
CREATE TRIGGER "history_agreements_update" AFTER UPDATE ON "agreements"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'agreements', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'on_date', OLD."on_date", 'text', OLD."text", 'term_end', OLD."term_end", 'revisit_by', OLD."revisit_by"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'on_date', NEW."on_date", 'text', NEW."text", 'term_end', NEW."term_end", 'revisit_by', NEW."revisit_by"));
        END;
CREATE TRIGGER "history_agreements_delete" AFTER DELETE ON "agreements"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'agreements', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'on_date', OLD."on_date", 'text', OLD."text", 'term_end', OLD."term_end", 'revisit_by', OLD."revisit_by"), NULL);
        END;
CREATE TRIGGER "history_closures_insert" AFTER INSERT ON "closures"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'closures', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'on_date', NEW."on_date", 'text', NEW."text", 'cadence', NEW."cadence"));
        END;
CREATE TRIGGER "history_closures_update" AFTER UPDATE ON "closures"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'closures', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'on_date', OLD."on_date", 'text', OLD."text", 'cadence', OLD."cadence"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'on_date', NEW."on_date", 'text', NEW."text", 'cadence', NEW."cadence"));
        END;
CREATE TRIGGER "history_closures_delete" AFTER DELETE ON "closures"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'closures', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'on_date', OLD."on_date", 'text', OLD."text", 'cadence', OLD."cadence"), NULL);
        END;
CREATE TRIGGER "history_updates_insert" AFTER INSERT ON "updates"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'updates', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'on_date', NEW."on_date", 'text', NEW."text"));
        END;
CREATE TRIGGER "history_updates_update" AFTER UPDATE ON "updates"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'updates', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'on_date', OLD."on_date", 'text', OLD."text"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'on_date', NEW."on_date", 'text', NEW."text"));
        END;
CREATE TRIGGER "history_updates_delete" AFTER DELETE ON "updates"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'updates', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'on_date', OLD."on_date", 'text', OLD."text"), NULL);
        END;
CREATE TRIGGER "history_skills_insert" AFTER INSERT ON "skills"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'skills', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'name', NEW."name", 'mentor_id', NEW."mentor_id", 'goal_id', NEW."goal_id", 'status', NEW."status"));
        END;
CREATE TRIGGER "history_skills_update" AFTER UPDATE ON "skills"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'skills', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'name', OLD."name", 'mentor_id', OLD."mentor_id", 'goal_id', OLD."goal_id", 'status', OLD."status"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'name', NEW."name", 'mentor_id', NEW."mentor_id", 'goal_id', NEW."goal_id", 'status', NEW."status"));
        END;
CREATE TRIGGER "history_skills_delete" AFTER DELETE ON "skills"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'skills', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'name', OLD."name", 'mentor_id', OLD."mentor_id", 'goal_id', OLD."goal_id", 'status', OLD."status"), NULL);
        END;
CREATE TRIGGER "history_skill_ratings_insert" AFTER INSERT ON "skill_ratings"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'skill_ratings', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'skill_id', NEW."skill_id", 'rating', NEW."rating", 'on_date', NEW."on_date", 'evidence', NEW."evidence"));
        END;
CREATE TRIGGER "history_skill_ratings_update" AFTER UPDATE ON "skill_ratings"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'skill_ratings', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'skill_id', OLD."skill_id", 'rating', OLD."rating", 'on_date', OLD."on_date", 'evidence', OLD."evidence"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'skill_id', NEW."skill_id", 'rating', NEW."rating", 'on_date', NEW."on_date", 'evidence', NEW."evidence"));
        END;
CREATE TRIGGER "history_skill_ratings_delete" AFTER DELETE ON "skill_ratings"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'skill_ratings', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'skill_id', OLD."skill_id", 'rating', OLD."rating", 'on_date', OLD."on_date", 'evidence', OLD."evidence"), NULL);
        END;
CREATE TRIGGER "history_feedback_insert" AFTER INSERT ON "feedback"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'feedback', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'direction', NEW."direction", 'text', NEW."text", 'on_date', NEW."on_date", 'meeting_id', NEW."meeting_id"));
        END;
CREATE TRIGGER "history_feedback_update" AFTER UPDATE ON "feedback"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'feedback', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'direction', OLD."direction", 'text', OLD."text", 'on_date', OLD."on_date", 'meeting_id', OLD."meeting_id"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'direction', NEW."direction", 'text', NEW."text", 'on_date', NEW."on_date", 'meeting_id', NEW."meeting_id"));
        END;
CREATE TRIGGER "history_feedback_delete" AFTER DELETE ON "feedback"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'feedback', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'direction', OLD."direction", 'text', OLD."text", 'on_date', OLD."on_date", 'meeting_id', OLD."meeting_id"), NULL);
        END;
CREATE TRIGGER "history_offers_insert" AFTER INSERT ON "offers"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'offers', NEW.id, 'insert', NULL, json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'text', NEW."text", 'person', NEW."person", 'status', NEW."status", 'outcome', NEW."outcome", 'on_date', NEW."on_date", 'done_on', NEW."done_on", 'meeting_id', NEW."meeting_id"));
        END;
CREATE TRIGGER "history_offers_update" AFTER UPDATE ON "offers"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'offers', NEW.id, 'update', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'text', OLD."text", 'person', OLD."person", 'status', OLD."status", 'outcome', OLD."outcome", 'on_date', OLD."on_date", 'done_on', OLD."done_on", 'meeting_id', OLD."meeting_id"), json_object('id', NEW."id", 'uuid', NEW."uuid", 'created_at', NEW."created_at", 'updated_at', NEW."updated_at", 'mentor_id', NEW."mentor_id", 'text', NEW."text", 'person', NEW."person", 'status', NEW."status", 'outcome', NEW."outcome", 'on_date', NEW."on_date", 'done_on', NEW."done_on", 'meeting_id', NEW."meeting_id"));
        END;
CREATE TRIGGER "history_offers_delete" AFTER DELETE ON "offers"
        WHEN (SELECT recording FROM changes ORDER BY id DESC LIMIT 1)
        BEGIN
            INSERT INTO change_rows (change_id, table_name, row_id, op, before, after)
            VALUES ((SELECT max(id) FROM changes), 'offers', OLD.id, 'delete', json_object('id', OLD."id", 'uuid', OLD."uuid", 'created_at', OLD."created_at", 'updated_at', OLD."updated_at", 'mentor_id', OLD."mentor_id", 'text', OLD."text", 'person', OLD."person", 'status', OLD."status", 'outcome', OLD."outcome", 'on_date', OLD."on_date", 'done_on', OLD."done_on", 'meeting_id', OLD."meeting_id"), NULL);
        END;
