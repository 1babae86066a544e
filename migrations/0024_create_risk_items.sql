-- Risk warnings closed by 销号 (issue 14 item 5). A signal found by a module (dormant, a report overdue, a spot-check
-- problem, a credit entry …) becomes a risk item with its evidence; its owner node follows it up through the steps
-- reminder → interview (约谈, 民发〔2016〕39号: notice, record, rectification notice) → rectification report →
-- verification → closed with person, date and outcome. Closed is not fixed: the outcome says which.

-- 换届: the charter's term in years (社会团体章程示范文本: 理事会每届5年, commonly 5) and the last election; the term is
-- overdue when last election + term < the day. Null: not kept yet (no signal).
ALTER TABLE orgs ADD COLUMN term_years integer CHECK (term_years BETWEEN 1 AND 10);
ALTER TABLE orgs ADD COLUMN last_election_on date;

CREATE TABLE risk_items (
  id                 bigserial PRIMARY KEY,
  org_id             bigint NOT NULL REFERENCES orgs (id),
  kind               text NOT NULL CHECK (kind IN ('dormant', 'annual_report_overdue', 'declaration_summary_overdue',
                                                  'term_overdue', 'unreachable', 'inspection_problem', 'credit_entry', 'complaint')),
  -- the registered signal source and what the signal is about (a report year, a declaration, a check item …)
  source             text NOT NULL,
  subject_kind       text NOT NULL,
  subject_id         bigint NOT NULL,
  detected_on        date NOT NULL,
  evidence           text NOT NULL,
  level              text NOT NULL CHECK (level IN ('low', 'medium', 'high')),
  due_on             date NOT NULL,
  -- the rules the level, due date and owner came from, with the decisive day (risk.level / risk.due / risk.owner)
  basis              text NOT NULL,
  -- the first job day that saw it (a rerun for an earlier day that saw it too moves this back, never forward)
  opened_on          date NOT NULL,
  -- the day the source stopped reporting it (the report filed, an activity recorded): evidence, not a closure
  signal_ended_on    date,
  -- the node that follows it up (risks.policy.ts ownerNodeOf) and the organization's placement for the lists
  owner_region_id    bigint NOT NULL REFERENCES regions (id),
  region_id          bigint NOT NULL REFERENCES regions (id),
  level1_id          bigint,
  level2_id          bigint,
  level3_id          bigint,
  level4_id          bigint,
  level5_id          bigint,
  level6_id          bigint,
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'reminded', 'interview_noticed', 'rectifying',
                                                                   'reported', 'verified', 'closed')),
  interviewed_on     date,
  rectify_due_on     date,
  -- the day the verification found the rectification done (the credit ground's remedy)
  remedied_on        date,
  outcome            text CHECK (outcome IN ('fixed', 'not_fixed_credit', 'org_deregistered', 'false_alarm', 'transferred')),
  closed_on          date,
  closed_by          bigint REFERENCES users (id),
  close_note         text,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'closed') = (outcome IS NOT NULL AND closed_on IS NOT NULL))
);
-- One item per occurrence of a signal (the job's idempotency), and one open item per organization, kind and subject.
CREATE UNIQUE INDEX risk_items_occurrence_key ON risk_items (org_id, kind, subject_kind, subject_id, detected_on);
CREATE UNIQUE INDEX risk_items_open_key ON risk_items (org_id, kind, subject_kind, subject_id) WHERE status <> 'closed';
CREATE INDEX risk_items_org_idx ON risk_items (org_id);
CREATE INDEX risk_items_level3_idx ON risk_items (level3_id, status);
CREATE INDEX risk_items_level4_idx ON risk_items (level4_id);
CREATE INDEX risk_items_level5_idx ON risk_items (level5_id);
CREATE INDEX risk_items_owner_idx ON risk_items (owner_region_id, status);

-- The steps of an item, in order, each with its person and day; data holds the step's fields (the interview's time,
-- place and attendees, the record, the rectification notice's items and deadline, the report, the verification).
CREATE TABLE risk_steps (
  id          bigserial PRIMARY KEY,
  item_id     bigint NOT NULL REFERENCES risk_items (id),
  step        text NOT NULL CHECK (step IN ('opened', 'reminder', 'interview_notice', 'interview_record', 'report',
                                            'verification', 'closed', 'signal_ended')),
  on_day      date NOT NULL,
  data        jsonb NOT NULL DEFAULT '{}',
  by_user     bigint REFERENCES users (id),
  by_name     text,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_steps_item_idx ON risk_steps (item_id, id);

-- The risk settings as rules (issue 14 item 1): a district may change the level, the follow-up days per kind and the
-- rectification period. Levels are 1 low, 2 medium, 3 high; a source's own level is raised to it, never lowered.
INSERT INTO rules (key, valid_from, title, source, article, certainty, summary, params, overridable) VALUES
('risk.level', '2016-03-16', '风险等级（按风险类型）', '本区风险预警设置', '—', 'local',
 '各类风险信号的最低风险等级（1低、2中、3高），由本区设定；信号来源给出更高等级的，从高。',
 '{"dormant": 2, "annual_report_overdue": 2, "declaration_summary_overdue": 1, "term_overdue": 1, "unreachable": 3, "inspection_problem": 2, "credit_entry": 3, "complaint": 2}',
 '{"dormant": {"type": "integer", "label": "长期未开展活动", "min": 1, "max": 3}, "annual_report_overdue": {"type": "integer", "label": "年报逾期", "min": 1, "max": 3}, "declaration_summary_overdue": {"type": "integer", "label": "活动总结逾期", "min": 1, "max": 3}, "term_overdue": {"type": "integer", "label": "换届逾期", "min": 1, "max": 3}, "unreachable": {"type": "integer", "label": "无法取得联系", "min": 1, "max": 3}, "inspection_problem": {"type": "integer", "label": "抽查发现问题", "min": 1, "max": 3}, "credit_entry": {"type": "integer", "label": "列入信用名单", "min": 1, "max": 3}, "complaint": {"type": "integer", "label": "群众投诉", "min": 1, "max": 3}}'),
('risk.due', '2016-03-16', '风险处置期限（按风险类型，日）', '本区风险预警设置', '—', 'local',
 '自发现信号之日起完成处置（销号）的期限（自然日），由本区设定；信号本身带有整改期限的（如抽查整改期限），以该期限为准。',
 '{"dormant": 60, "annual_report_overdue": 30, "declaration_summary_overdue": 15, "term_overdue": 90, "unreachable": 30, "inspection_problem": 30, "credit_entry": 60, "complaint": 15}',
 '{"dormant": {"type": "integer", "label": "长期未开展活动", "min": 5, "max": 365}, "annual_report_overdue": {"type": "integer", "label": "年报逾期", "min": 5, "max": 365}, "declaration_summary_overdue": {"type": "integer", "label": "活动总结逾期", "min": 5, "max": 365}, "term_overdue": {"type": "integer", "label": "换届逾期", "min": 5, "max": 365}, "unreachable": {"type": "integer", "label": "无法取得联系", "min": 5, "max": 365}, "inspection_problem": {"type": "integer", "label": "抽查发现问题", "min": 5, "max": 365}, "credit_entry": {"type": "integer", "label": "列入信用名单", "min": 5, "max": 365}, "complaint": {"type": "integer", "label": "群众投诉", "min": 5, "max": 365}}'),
('risk.owner', '2016-03-16', '风险处置责任节点', '本平台属地管理规则', '—', 'local',
 '备案的社区社会组织由所在社区跟进；登记的社会组织，年报、换届、失联、抽查、信用类风险由区登记管理机关跟进，长期未开展活动、活动总结、投诉类风险由所在街道跟进（无街道的由区跟进）。', '{}', '{}'),
('risk.interview', '2016-03-16', '约谈与整改通知', '《社会组织登记管理机关行政执法约谈工作规定（试行）》（民发〔2016〕39号）', '约谈对象、通知、记录与整改各条', 'found',
 '登记管理机关可以约谈社会组织负责人（理事长、副理事长、秘书长等）；约谈前书面通知约谈的事由、时间、地点和参加人员，负责人不能参加的应当书面说明；约谈应当制作记录，需要整改的下达整改通知书，明确整改事项和期限。',
 '{"rectifyDays": 30}', '{"rectifyDays": {"type": "integer", "label": "默认整改期限（日）", "min": 5, "max": 180}}'),
('risk.term_overdue', '2016-03-16', '未按期换届', '社会团体章程（章程示范文本：理事会每届5年）', '章程规定的任期', 'inferred',
 '理事会（会员代表大会）每届任期按章程规定（一般为5年），任期届满未按期换届的，列为风险信号。', '{"defaultTermYears": 5}', '{}'),
('risk.dormant', '1998-10-25', '长期未开展活动', '《社会团体登记管理条例》', '第二十九条', 'found',
 '社会团体自取得登记证书之日起1年未开展活动的，由登记管理机关予以撤销登记；台账连续满设定月数没有活动的组织列为风险信号。', '{}', '{}');
