-- НОК — the independent assessment of service quality (issue 14). A campaign is one year's
-- assessment of one sector, held by a ministry (owner), carried out by an operator organisation
-- whose named staff enter checklists and paper questionnaires. Each assessed organisation gets
-- a short code: the public questionnaire, its QR code and the embed live at /q/<code>.
CREATE TABLE nok_campaigns (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  sector text NOT NULL CHECK (sector IN ('social', 'culture', 'education', 'health')),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  owner_organisation_id integer NOT NULL REFERENCES organisations(id),
  operator_organisation_id integer NOT NULL REFERENCES organisations(id),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  -- the scoring methodology (domain/nok/editions) and the questionnaire (domain/nok/questionnaire.ts)
  edition text NOT NULL,
  questionnaire_edition text NOT NULL,
  -- the required information items of indicator 1.1 (sector acts: entered per campaign)
  stand_items jsonb NOT NULL DEFAULT '[]',
  site_items jsonb NOT NULL DEFAULT '[]',
  -- 'open' takes answers (within the dates); 'closed' takes none
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  published_at timestamptz,
  published_by integer REFERENCES users(id),
  version integer NOT NULL DEFAULT 1,
  created_by integer NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX nok_campaigns_region_idx ON nok_campaigns (region_id, year DESC, id);

-- The operator's staff named for the campaign (users of the operator organisation).
CREATE TABLE nok_campaign_staff (
  campaign_id integer NOT NULL REFERENCES nok_campaigns(id) ON DELETE CASCADE,
  user_id integer NOT NULL REFERENCES users(id),
  PRIMARY KEY (campaign_id, user_id)
);
CREATE INDEX nok_campaign_staff_user_idx ON nok_campaign_staff (user_id);

-- One assessed organisation in a campaign.
CREATE TABLE nok_assessments (
  id serial PRIMARY KEY,
  campaign_id integer NOT NULL REFERENCES nok_campaigns(id) ON DELETE CASCADE,
  organisation_id integer NOT NULL REFERENCES organisations(id),
  code text NOT NULL UNIQUE,
  planned_respondents integer NOT NULL DEFAULT 0 CHECK (planned_respondents >= 0),
  checklist jsonb,
  checked_by integer REFERENCES users(id),
  checked_at timestamptz,
  -- the improvement plan made from the shortfalls (a regular plan of Ispolnenie)
  plan_id integer REFERENCES plans(id),
  version integer NOT NULL DEFAULT 1,
  UNIQUE (campaign_id, organisation_id)
);
CREATE INDEX nok_assessments_org_idx ON nok_assessments (organisation_id);

-- Filled-in questionnaires. Anonymous: no address, no name; `device_hash` is the SHA-256 of a
-- random token the browser keeps, only to tell a second form from the same device (marked
-- suspicious, kept, excluded from the scores with the reason). `submission_id` makes a resend
-- of the same form (a weak connection) a no-op.
CREATE TABLE nok_answers (
  id bigserial PRIMARY KEY,
  assessment_id integer NOT NULL REFERENCES nok_assessments(id) ON DELETE CASCADE,
  submission_id uuid NOT NULL UNIQUE,
  answers jsonb NOT NULL,
  source text NOT NULL CHECK (source IN ('online', 'paper')),
  device_hash text,
  suspicious_reason text,
  entered_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX nok_answers_assessment_idx ON nok_answers (assessment_id, id);
CREATE INDEX nok_answers_device_idx ON nok_answers (assessment_id, device_hash) WHERE device_hash IS NOT NULL;
