-- Councils as entities of their own (issue 12): the council, its composition with history,
-- its meetings (agenda, attendance, protocol file) and the control state of the instructions
-- its meetings give. An instruction itself is a measure of the council's control plan
-- (plans.kind = 'council_decisions', one section per meeting), so reports, acceptance,
-- extensions, control points and audit serve it unchanged (docs/decisions/0011).

CREATE TABLE councils (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  owner_organisation_id integer NOT NULL REFERENCES organisations(id),
  full_name text NOT NULL,
  short_name text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('coordination', 'public', 'interdepartmental', 'working_group')),
  -- The act that set the composition: «постановление Губернатора от 1 марта 2024 г. № 12».
  act_title text NOT NULL DEFAULT '',
  act_number text NOT NULL DEFAULT '',
  act_date date,
  -- 'half': more than half of the members present; 'two_thirds': at least two thirds.
  quorum_rule text NOT NULL DEFAULT 'half' CHECK (quorum_rule IN ('half', 'two_thirds')),
  -- «1 раз в квартал»: how often the council is to meet, as written in its regulation.
  meeting_rule text NOT NULL DEFAULT '',
  plan_id integer NOT NULL REFERENCES plans(id),
  version integer NOT NULL DEFAULT 1,
  archived_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX councils_region_idx ON councils(region_id);
CREATE UNIQUE INDEX councils_plan_uq ON councils(plan_id);
CREATE UNIQUE INDEX councils_name_uq ON councils(region_id, lower(full_name)) WHERE archived_at IS NULL;

-- Composition with history: a change closes a membership (to_date) and opens another.
CREATE TABLE council_members (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  council_id integer NOT NULL REFERENCES councils(id),
  person_name text NOT NULL,
  position text NOT NULL DEFAULT '',
  organisation_id integer REFERENCES organisations(id),
  role text NOT NULL CHECK (role IN ('chair', 'deputy_chair', 'secretary', 'member')),
  from_date date NOT NULL,
  to_date date,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX council_members_council_idx ON council_members(council_id, from_date);

CREATE TABLE council_meetings (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  council_id integer NOT NULL REFERENCES councils(id),
  number text NOT NULL,
  held_on date NOT NULL,
  start_time text NOT NULL DEFAULT '',
  format text NOT NULL DEFAULT 'in_person' CHECK (format IN ('in_person', 'absentee', 'video')),
  place text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled', 'postponed')),
  postponed_to date,
  -- The section of the control plan holding this meeting's instructions (set by the protocol import).
  section_id integer REFERENCES sections(id),
  protocol_file_id integer REFERENCES stored_files(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'postponed' OR postponed_to IS NOT NULL)
);
CREATE INDEX council_meetings_council_idx ON council_meetings(council_id, held_on);
CREATE UNIQUE INDEX council_meetings_number_uq ON council_meetings(council_id, number) WHERE status <> 'cancelled';
CREATE UNIQUE INDEX council_meetings_section_uq ON council_meetings(section_id) WHERE section_id IS NOT NULL;

CREATE TABLE meeting_questions (
  id serial PRIMARY KEY,
  meeting_id integer NOT NULL REFERENCES council_meetings(id) ON DELETE CASCADE,
  position integer NOT NULL,
  number text NOT NULL,
  title text NOT NULL,
  speakers text NOT NULL DEFAULT ''
);
CREATE INDEX meeting_questions_meeting_idx ON meeting_questions(meeting_id, position);

CREATE TABLE meeting_attendance (
  meeting_id integer NOT NULL REFERENCES council_meetings(id) ON DELETE CASCADE,
  member_id integer NOT NULL REFERENCES council_members(id),
  PRIMARY KEY (meeting_id, member_id)
);

-- The control state of an instruction (a measure of the council's plan): on control,
-- executed, taken off control or extended — the last two by a decision of a later meeting.
CREATE TABLE instruction_control (
  measure_id integer PRIMARY KEY REFERENCES measures(id),
  region_id integer NOT NULL REFERENCES regions(id),
  council_id integer NOT NULL REFERENCES councils(id),
  meeting_id integer NOT NULL REFERENCES council_meetings(id),
  question_number text NOT NULL DEFAULT '',
  state text NOT NULL DEFAULT 'on_control' CHECK (state IN ('on_control', 'done', 'off_control', 'extended')),
  decided_meeting_id integer REFERENCES council_meetings(id),
  decided_point text NOT NULL DEFAULT '',
  new_deadline date,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (state <> 'extended' OR new_deadline IS NOT NULL)
);
CREATE INDEX instruction_control_council_idx ON instruction_control(council_id, state);
CREATE INDEX instruction_control_meeting_idx ON instruction_control(meeting_id);
