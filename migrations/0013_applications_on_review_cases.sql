-- Applications on the one review chain (issue 11 item 3): the chain's state of every submitted application moves to
-- its review case (migration 0012), and its submissions and decisions to the case's trail. What stays in
-- application_events is what happens outside the chain: the draft created, a draft withdrawn.
--
-- A submitted application (submitted_at set) has exactly one case: a returned one stays open at the step that
-- returned it, a rejected or withdrawn one is closed and never submitted again. A draft, and a draft withdrawn before
-- submission, has none.

INSERT INTO review_cases (subject_kind, subject_id, title, region_id, level1_id, level2_id, level3_id, level4_id, level5_id, level6_id,
                          steps, current_step, step_due_on, due_uncertain, status, submitted_by, submitted_at, decided_at, version, created_at, updated_at)
SELECT 'application', a.id, a.name, a.region_id, a.level1_id, a.level2_id, a.level3_id, a.level4_id, a.level5_id, a.level6_id,
       a.steps,
       -- an open case knows its step (the one acting, or the one that returned it); a closed one has none
       CASE WHEN a.status IN ('in_review', 'returned') THEN a.current_step END,
       -- only a case waiting on a reviewer has a due date
       CASE WHEN a.status = 'in_review' THEN a.step_due_on END,
       a.status = 'in_review' AND a.due_uncertain,
       a.status, a.applicant_id, a.submitted_at,
       CASE WHEN a.status IN ('approved', 'rejected', 'withdrawn') THEN coalesce(a.decided_at, a.updated_at) END,
       1, a.submitted_at, a.updated_at
FROM applications a
WHERE a.submitted_at IS NOT NULL AND a.status <> 'draft' AND cardinality(a.steps) > 0
ORDER BY a.id;

INSERT INTO review_events (case_id, at, actor_id, actor_name, actor_role, step, action, opinion, due_on)
SELECT c.id, e.at, e.actor_id, e.actor_name, e.actor_role, e.step, e.action, e.opinion, e.due_on
FROM application_events e
JOIN review_cases c ON c.subject_kind = 'application' AND c.subject_id = e.application_id
WHERE e.action <> 'create'
ORDER BY e.id;

DELETE FROM application_events e
USING review_cases c
WHERE c.subject_kind = 'application' AND c.subject_id = e.application_id AND e.action <> 'create';

-- Dropping the columns drops applications_queue_idx with them; the queues use review_cases' indexes.
ALTER TABLE applications
  DROP COLUMN steps,
  DROP COLUMN current_step,
  DROP COLUMN step_due_on,
  DROP COLUMN due_uncertain;

-- What is left in the trail happens outside the chain.
ALTER TABLE application_events DROP CONSTRAINT IF EXISTS application_events_action_check;
ALTER TABLE application_events ADD CONSTRAINT application_events_action_check CHECK (action IN ('create', 'withdraw'));
