-- The orchestrator's store (package dev.appserver.orchestrator.store.postgres).
--
-- JSON that an app sees (config values, storage values, job payloads) is kept in `json` columns,
-- which store the text as given: `jsonb` would reorder object keys and drop duplicates, and apps
-- see key order (docs/decisions/0007-app-json-as-json-text.md). `jsonb` is used only where the
-- server owns the shape (capabilities: a list of names). Timestamps are `timestamptz`
-- (microseconds); the repositories truncate what they write to match.

CREATE TABLE apps (
    id           bigserial   PRIMARY KEY,
    name         text        NOT NULL,
    plugin_json  text        NOT NULL, -- exactly as in the app's files
    archive      bytea       NOT NULL,
    content_hash text        NOT NULL UNIQUE,
    code         text        NOT NULL,
    code_hash    text        NOT NULL,
    main_file    text        NOT NULL,
    capabilities jsonb,                -- a JSON array of names; NULL until a worker has loaded the app
    verified     boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL
);

CREATE TABLE app_configs (
    id         bigserial   PRIMARY KEY,
    team_id    bigint      NOT NULL,
    app_id     bigint      NOT NULL REFERENCES apps (id),
    enabled    boolean     NOT NULL,
    position   integer     NOT NULL, -- AppConfig.order ("order" is a reserved word)
    config     json        NOT NULL,
    last_error text,
    updated_at timestamptz NOT NULL,
    UNIQUE (team_id, app_id)
);

-- A tenant's chain: enabled configs by team.
CREATE INDEX app_configs_team_id_enabled ON app_configs (team_id, enabled);

CREATE TABLE app_config_attachments (
    config_id    bigint NOT NULL REFERENCES app_configs (id) ON DELETE CASCADE,
    key          text   NOT NULL,
    content_type text   NOT NULL,
    file_name    text   NOT NULL,
    contents     bytea  NOT NULL,
    PRIMARY KEY (config_id, key)
);

-- No foreign key to app_configs, on purpose: log entries arrive asynchronously (from workers,
-- after failures, from Kafka) and may land after their app config was deleted; with a foreign
-- key those writes would fail, and a delete would have to wait for or race them. The log is
-- bounded per config by the repository, and deleting an app config deletes its entries in the
-- same transaction.
CREATE TABLE app_logs (
    id        bigserial   PRIMARY KEY,
    config_id bigint      NOT NULL,
    timestamp timestamptz NOT NULL,
    type      text        NOT NULL,
    source    text        NOT NULL,
    message   text        NOT NULL
);

-- The newest entries of one config, and trimming the oldest.
CREATE INDEX app_logs_config_id_id ON app_logs (config_id, id);

-- meta.storage (a later issue): one value per app config and key, gone with the app config.
CREATE TABLE app_storage (
    config_id bigint NOT NULL REFERENCES app_configs (id) ON DELETE CASCADE,
    key       text   NOT NULL,
    value     json   NOT NULL,
    PRIMARY KEY (config_id, key)
);

-- meta.jobs (a later issue): jobs waiting to run, gone with their app config.
CREATE TABLE jobs (
    id           bigserial   PRIMARY KEY,
    config_id    bigint      NOT NULL REFERENCES app_configs (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    payload      json        NOT NULL,
    run_at       timestamptz NOT NULL,
    attempts     integer     NOT NULL DEFAULT 0,
    locked_until timestamptz,
    created_at   timestamptz NOT NULL
);

CREATE INDEX jobs_run_at ON jobs (run_at);
