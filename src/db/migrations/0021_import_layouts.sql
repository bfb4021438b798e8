-- Documents the reader cannot place: a person points at the header row and says which
-- column is which. The choice is remembered per organisation and header shape, so the next
-- document laid out the same way from the same organisation reads by itself.
CREATE TABLE import_layouts (
  id serial PRIMARY KEY,
  region_id integer NOT NULL REFERENCES regions(id),
  organisation_id integer NOT NULL REFERENCES organisations(id),
  -- 'table:' or 'lines:' and the header's labels, case and spacing folded (layout.ts layoutShape)
  shape text NOT NULL,
  -- a role per column: number, title, deadline, executors, expectedResult, execution, status, form, protocolItem, skip
  columns jsonb NOT NULL,
  created_by integer REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_id, organisation_id, shape)
);

-- An uploaded document no reading placed waits, unread, for its columns.
ALTER TABLE imports ALTER COLUMN document DROP NOT NULL;
ALTER TABLE imports ALTER COLUMN kind DROP NOT NULL;
-- The remembered columns a document was read with, if any.
ALTER TABLE imports ADD COLUMN layout_id integer REFERENCES import_layouts(id);
