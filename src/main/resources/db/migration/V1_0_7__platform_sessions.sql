-- Why: web sessions live in PostgreSQL (Spring Session JDBC) so that several instances share
-- them. Only the application's login role itself touches these tables, before any user is known.
CREATE TABLE spring_session (
    primary_id            char(36)     NOT NULL,
    session_id            char(36)     NOT NULL,
    creation_time         bigint       NOT NULL,
    last_access_time      bigint       NOT NULL,
    max_inactive_interval integer      NOT NULL,
    expiry_time           bigint       NOT NULL,
    principal_name        varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id char(36)     NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);

-- Sessions expire and are removed; they are not records, so no no-delete trigger here.
ALTER TABLE spring_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE spring_session FORCE ROW LEVEL SECURITY;
ALTER TABLE spring_session_attributes ENABLE ROW LEVEL SECURITY;
ALTER TABLE spring_session_attributes FORCE ROW LEVEL SECURITY;
CREATE POLICY spring_session_owner_maintenance ON spring_session TO CURRENT_USER USING (true) WITH CHECK (true);
CREATE POLICY spring_session_attributes_owner_maintenance ON spring_session_attributes TO CURRENT_USER
    USING (true) WITH CHECK (true);
-- The policies for the application's login role are created with the role itself, whose name
-- is configuration (VPFLOW_DB_APP_USER), by the start-up code.
