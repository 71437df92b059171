-- OpenSignup data model. The database itself refuses bad data (checks, uniques, foreign keys),
-- so a bug in the application cannot oversell a course or write a half-formed record.

-- Signup phases per language: [signup_begin, lottery_end) lottery pool, [lottery_end, fcfs_begin) pause,
-- [fcfs_begin, signup_end) first come first served. manual_mode: staff assign seats by hand.
CREATE TABLE language (
    id               bigserial PRIMARY KEY,
    name_de          text        NOT NULL UNIQUE CHECK (length(name_de) BETWEEN 1 AND 120),
    name_en          text        NOT NULL CHECK (length(name_en) BETWEEN 1 AND 120),
    reply_to         text        CHECK (reply_to IS NULL OR reply_to ~ '^[^@\s]+@[^@\s]+$'),
    signup_begin     timestamptz,
    lottery_end      timestamptz,
    fcfs_begin       timestamptz,
    signup_end       timestamptz,
    manual_mode      boolean     NOT NULL DEFAULT false,
    lottery_drawn_at timestamptz,
    CHECK (signup_begin IS NULL OR lottery_end IS NULL OR signup_begin <= lottery_end),
    CHECK (lottery_end IS NULL OR fcfs_begin IS NULL OR lottery_end <= fcfs_begin),
    CHECK (fcfs_begin IS NULL OR signup_end IS NULL OR fcfs_begin < signup_end)
);

CREATE TABLE course (
    id                 bigserial PRIMARY KEY,
    language_id        bigint  NOT NULL REFERENCES language ON DELETE RESTRICT,
    level              text    NOT NULL CHECK (length(level) BETWEEN 1 AND 120),
    alternative        text    NOT NULL DEFAULT '' CHECK (length(alternative) <= 60),
    ger                text    CHECK (ger IS NULL OR ger IN ('A1','A2','B1','B2','C1','C2')),
    schedule           text    NOT NULL DEFAULT '' CHECK (length(schedule) <= 400),
    seats              integer NOT NULL CHECK (seats >= 0),
    price_cents        integer NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    rating_lowest      integer NOT NULL DEFAULT 0 CHECK (rating_lowest BETWEEN 0 AND 100),
    rating_highest     integer NOT NULL DEFAULT 100 CHECK (rating_highest BETWEEN 0 AND 100),
    rating_gated       boolean NOT NULL DEFAULT false,
    -- levels of the same language that may not be taken in parallel with this one
    collision          text[]  NOT NULL DEFAULT '{}',
    has_waiting_list   boolean NOT NULL DEFAULT true,
    -- the waiting list is full at waiting_cap_factor x seats (the model system: 3)
    waiting_cap_factor integer NOT NULL DEFAULT 3 CHECK (waiting_cap_factor BETWEEN 0 AND 100),
    -- counters kept by the allocator in the same transaction as the attendance rows;
    -- the check makes overselling impossible even through a bug
    confirmed_count    integer NOT NULL DEFAULT 0,
    waiting_count      integer NOT NULL DEFAULT 0 CHECK (waiting_count >= 0),
    CHECK (rating_lowest <= rating_highest),
    CHECK (confirmed_count >= 0 AND confirmed_count <= seats),
    UNIQUE (language_id, level, alternative)
);

CREATE TABLE origin (
    id                    bigserial PRIMARY KEY,
    name_de               text    NOT NULL UNIQUE CHECK (length(name_de) BETWEEN 1 AND 120),
    name_en               text    NOT NULL CHECK (length(name_en) BETWEEN 1 AND 120),
    internal              boolean NOT NULL DEFAULT false,
    -- students: matriculation number must appear in the imported registration list
    validate_registration boolean NOT NULL DEFAULT false,
    requires_degree       boolean NOT NULL DEFAULT false,
    -- first course free (students in the model system)
    first_course_free     boolean NOT NULL DEFAULT false,
    discount_percent      integer NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100)
);

CREATE TABLE degree (
    id      bigserial PRIMARY KEY,
    name_de text NOT NULL UNIQUE CHECK (length(name_de) BETWEEN 1 AND 120),
    name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 120)
);

CREATE TABLE graduation (
    id      bigserial PRIMARY KEY,
    name_de text NOT NULL UNIQUE CHECK (length(name_de) BETWEEN 1 AND 120),
    name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 120)
);

CREATE TABLE applicant (
    id             bigserial PRIMARY KEY,
    mail           text        NOT NULL CHECK (length(mail) <= 254 AND mail ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
    -- one applicant per mail address, whatever its case
    mail_key       text        GENERATED ALWAYS AS (lower(mail)) STORED UNIQUE,
    first_name     text        NOT NULL CHECK (length(first_name) BETWEEN 1 AND 60),
    last_name      text        NOT NULL CHECK (length(last_name) BETWEEN 1 AND 60),
    phone          text        CHECK (length(phone) <= 40),
    -- keyed hash (HMAC-SHA256) of the matriculation number or user id; never stored in clear
    tag_hash       bytea       UNIQUE CHECK (tag_hash IS NULL OR length(tag_hash) = 32),
    origin_id      bigint      REFERENCES origin ON DELETE RESTRICT,
    degree_id      bigint      REFERENCES degree ON DELETE RESTRICT,
    graduation_id  bigint      REFERENCES graduation ON DELETE RESTRICT,
    semester       integer     CHECK (semester BETWEEN 1 AND 40),
    locale         text        NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
    discounted     boolean     NOT NULL DEFAULT false,
    bouncing_since timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    last_signup_at timestamptz NOT NULL DEFAULT now(),
    anonymised_at  timestamptz
);

CREATE SEQUENCE attendance_arrival;

CREATE TABLE attendance (
    id               bigserial PRIMARY KEY,
    applicant_id     bigint      NOT NULL REFERENCES applicant ON DELETE CASCADE,
    course_id        bigint      NOT NULL REFERENCES course ON DELETE RESTRICT,
    state            text        NOT NULL CHECK (state IN ('pool', 'confirmed', 'waiting', 'offered', 'cancelled')),
    -- arrival order: the waiting list is ordered by it
    arrival          bigint      NOT NULL DEFAULT nextval('attendance_arrival'),
    offer_expires_at timestamptz,
    discount_percent integer     NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
    fee_cents        integer     NOT NULL DEFAULT 0 CHECK (fee_cents >= 0),
    amount_paid_cents integer    NOT NULL DEFAULT 0 CHECK (amount_paid_cents >= 0),
    paid_at          timestamptz,
    -- secret for the status page and sign-off link (random, URL-safe)
    secret           text        NOT NULL UNIQUE CHECK (length(secret) BETWEEN 20 AND 64),
    idempotency_key  text        UNIQUE CHECK (length(idempotency_key) <= 200),
    registered_at    timestamptz NOT NULL DEFAULT now(),
    confirmed_at     timestamptz,
    cancelled_at     timestamptz,
    cancel_reason    text        CHECK (length(cancel_reason) <= 200),
    grade            integer     CHECK (grade BETWEEN 0 AND 100),
    CHECK ((state = 'offered') = (offer_expires_at IS NOT NULL)),
    CHECK ((state = 'cancelled') = (cancelled_at IS NOT NULL)),
    CHECK (state <> 'confirmed' OR confirmed_at IS NOT NULL)
);
-- the same applicant twice in one course is never a second seat
CREATE UNIQUE INDEX attendance_once_per_course ON attendance (applicant_id, course_id) WHERE state <> 'cancelled';
CREATE INDEX attendance_waiting_order ON attendance (course_id, arrival) WHERE state = 'waiting';
CREATE INDEX attendance_by_course ON attendance (course_id, state);
CREATE INDEX attendance_offer_expiry ON attendance (offer_expires_at) WHERE state = 'offered';

CREATE TABLE payment (
    id            bigserial PRIMARY KEY,
    attendance_id bigint      NOT NULL REFERENCES attendance ON DELETE CASCADE,
    amount_cents  integer     NOT NULL CHECK (amount_cents <> 0),
    paid_at       timestamptz NOT NULL DEFAULT now(),
    recorded_by   text        NOT NULL,
    note          text        CHECK (length(note) <= 400)
);

-- placement-test results (harvested from the learning platform, or entered by staff)
CREATE TABLE approval (
    id         bigserial PRIMARY KEY,
    tag_hash   bytea       NOT NULL CHECK (length(tag_hash) = 32),
    percent    integer     NOT NULL CHECK (percent BETWEEN 0 AND 100),
    -- sticky and priority approvals survive a harvest that replaces its source's rows
    sticky     boolean     NOT NULL DEFAULT false,
    priority   boolean     NOT NULL DEFAULT false,
    source     text        NOT NULL CHECK (length(source) BETWEEN 1 AND 60),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX approval_by_tag ON approval (tag_hash);
CREATE INDEX approval_by_source ON approval (source) WHERE NOT sticky AND NOT priority;

-- matriculation numbers of enrolled students (imported lists), hashed like tags
CREATE TABLE registration (
    tag_hash    bytea       PRIMARY KEY CHECK (length(tag_hash) = 32),
    source      text        NOT NULL CHECK (length(source) BETWEEN 1 AND 60),
    imported_at timestamptz NOT NULL DEFAULT now()
);

-- early signup for chosen people: single use, bound to a mail address, expiring
CREATE TABLE preterm_token (
    token        text        PRIMARY KEY CHECK (length(token) BETWEEN 16 AND 64),
    mail_key     text        NOT NULL CHECK (mail_key = lower(mail_key)),
    language_id  bigint      REFERENCES language ON DELETE CASCADE,
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz,
    used_by      bigint      REFERENCES applicant ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- staff (OIDC subjects) and their per-course roles
CREATE TABLE app_user (
    id         bigserial PRIMARY KEY,
    subject    text        NOT NULL UNIQUE CHECK (length(subject) BETWEEN 1 AND 200),
    mail       text        CHECK (length(mail) <= 254),
    name       text        CHECK (length(name) <= 120),
    superuser  boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE course_role (
    user_id   bigint NOT NULL REFERENCES app_user ON DELETE CASCADE,
    course_id bigint NOT NULL REFERENCES course ON DELETE CASCADE,
    role      text   NOT NULL CHECK (role IN ('course_admin', 'teacher')),
    PRIMARY KEY (user_id, course_id, role)
);

-- transactional outbox: a mail row is written in the same transaction as the change that causes it
CREATE TABLE mail_outbox (
    id              bigserial PRIMARY KEY,
    lane            text        NOT NULL CHECK (lane IN ('transactional', 'bulk')),
    kind            text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
    recipient       text        NOT NULL CHECK (length(recipient) <= 254),
    locale          text        NOT NULL DEFAULT 'de' CHECK (locale IN ('de', 'en')),
    -- template model (course, status, fee, links); rendered at send time
    payload         jsonb       NOT NULL DEFAULT '{}',
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    -- a claim by a mail verticle; a crashed sender's claim lapses
    claimed_until   timestamptz,
    claimed_by      text,
    last_error      text,
    applicant_id    bigint      REFERENCES applicant ON DELETE SET NULL,
    attendance_id   bigint      REFERENCES attendance ON DELETE SET NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz,
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
CREATE INDEX mail_outbox_due ON mail_outbox (lane, next_attempt_at, id) WHERE state = 'pending';

CREATE TABLE mail_attachment (
    id           bigserial PRIMARY KEY,
    outbox_id    bigint NOT NULL REFERENCES mail_outbox ON DELETE CASCADE,
    filename     text   NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
    content_type text   NOT NULL,
    content      bytea  NOT NULL
);

CREATE TABLE mail_bounce (
    id          bigserial PRIMARY KEY,
    outbox_id   bigint      REFERENCES mail_outbox ON DELETE SET NULL,
    recipient   text        NOT NULL,
    reason      text,
    received_at timestamptz NOT NULL DEFAULT now()
);

-- lottery draws, reproducible from the stored seed
CREATE TABLE lottery_draw (
    id          bigserial PRIMARY KEY,
    language_id bigint      NOT NULL REFERENCES language ON DELETE CASCADE,
    seed        bigint      NOT NULL,
    drawn_at    timestamptz NOT NULL DEFAULT now(),
    pool_size   integer     NOT NULL CHECK (pool_size >= 0),
    confirmed   integer     NOT NULL CHECK (confirmed >= 0),
    waiting     integer     NOT NULL CHECK (waiting >= 0),
    UNIQUE (language_id)
);

-- periodic jobs: one leader per tick through a lease row
CREATE TABLE job_lease (
    job         text        PRIMARY KEY,
    holder      text,
    lease_until timestamptz NOT NULL DEFAULT '-infinity',
    last_tick   timestamptz
);

CREATE TABLE harvest_run (
    id          bigserial PRIMARY KEY,
    source      text        NOT NULL CHECK (length(source) BETWEEN 1 AND 60),
    node        text,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    status      text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'ok', 'failed')),
    rows_read   integer     NOT NULL DEFAULT 0,
    inserted    integer     NOT NULL DEFAULT 0,
    updated     integer     NOT NULL DEFAULT 0,
    removed     integer     NOT NULL DEFAULT 0,
    error       text,
    CHECK ((status = 'running') = (finished_at IS NULL))
);
CREATE INDEX harvest_run_recent ON harvest_run (source, started_at DESC);

CREATE TABLE audit_log (
    id        bigserial PRIMARY KEY,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text        NOT NULL,
    action    text        NOT NULL,
    entity    text        NOT NULL,
    entity_id bigint,
    details   jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
