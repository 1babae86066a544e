-- Rules as data with effective dates (issue 14 item 1) and administrative penalties (issue 14 item 2).
--
-- Every credit, eligibility and inspection rule the platform applies is a row here: its key, the legal basis and
-- article shown to users, the days it is in force, its parameters (thresholds, periods) and which of them a district
-- may change. A case is judged under the version in force on its decisive day (modules/rules ruleInForce). A new
-- version of a rule (a revised regulation) comes as a new row in a later migration with its own valid_from; the
-- earlier row gets valid_to the day before. Rows are never edited in place after they have judged a case.
CREATE TABLE rules (
  key          text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  valid_from   date NOT NULL,
  valid_to     date,
  -- what users read: "依据：<title>（<source>，<article>），<date>"
  title        text NOT NULL,
  source       text NOT NULL,
  article      text NOT NULL,
  -- how sure the text is (rules-and-peers.md markers): found in the final text, draft text, local practice, inferred
  certainty    text NOT NULL CHECK (certainty IN ('found', 'draft', 'local', 'inferred')),
  -- one or two sentences of what the rule says, shown beside the decision
  summary      text NOT NULL,
  params       jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- the parameters a district may change and their bounds: { name: { type: integer|number|boolean, label, min?, max? } }
  overridable  jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (key, valid_from),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

-- A district's own values for a rule's overridable parameters, from a day on (the newest on or before the decisive day
-- applies). Kept, never overwritten, so a past case is judged again with the values of its day.
CREATE TABLE rule_overrides (
  id           bigserial PRIMARY KEY,
  district_id  bigint NOT NULL REFERENCES regions (id),
  rule_key     text NOT NULL,
  valid_from   date NOT NULL,
  params       jsonb NOT NULL,
  reason       text NOT NULL,
  set_by       bigint REFERENCES users (id),
  set_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (district_id, rule_key, valid_from)
);
CREATE INDEX rule_overrides_lookup_idx ON rule_overrides (rule_key, district_id, valid_from DESC);

-- Administrative penalties against an organization (社会团体登记管理条例 art. 30, 民办非企业单位登记管理暂行条例
-- art. 25, 基金会管理条例 art. 42), decided by the registration authority or by another department (the platform
-- records both: 民政部令第60号 counts a warning or fine "by the relevant government departments"). Inputs to the credit
-- rules; shown on the record and, once decided, on the public register.
CREATE TABLE penalties (
  id              bigserial PRIMARY KEY,
  org_id          bigint NOT NULL REFERENCES orgs (id),
  kind            text NOT NULL CHECK (kind IN ('warning', 'fine', 'confiscation', 'suspension', 'revocation')),
  -- fines and confiscations in fen; null for the other kinds
  amount_fen      bigint CHECK (amount_fen IS NULL OR amount_fen > 0),
  -- 限期停止活动: the period of the order
  suspended_from  date,
  suspended_to    date,
  decision_no     text NOT NULL,
  decided_on      date NOT NULL,
  facts           text NOT NULL,
  -- the article the decision rests on, as written in it (e.g. 《社会团体登记管理条例》第三十条第一款第（三）项)
  legal_basis     text NOT NULL,
  deciding_body   text NOT NULL,
  -- the registration authority's own decision, or another department's recorded here
  by_registrar    boolean NOT NULL,
  -- a decision set aside on reconsideration or in court stays as history with the reason; it counts no more
  status          text NOT NULL DEFAULT 'decided' CHECK (status IN ('decided', 'annulled')),
  annulled_on     date,
  annul_reason    text,
  -- the penalty was carried out (a fine paid, the suspension served): an unfinished penalty excludes from evaluation
  carried_out_on  date,
  recorded_by     bigint REFERENCES users (id),
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  version         integer NOT NULL DEFAULT 1,
  CHECK ((kind IN ('fine', 'confiscation')) = (amount_fen IS NOT NULL)),
  CHECK ((kind = 'suspension') = (suspended_from IS NOT NULL AND suspended_to IS NOT NULL)),
  CHECK (suspended_to IS NULL OR suspended_to >= suspended_from),
  CHECK ((status = 'annulled') = (annulled_on IS NOT NULL))
);
CREATE INDEX penalties_org_idx ON penalties (org_id, decided_on);
CREATE UNIQUE INDEX penalties_decision_no_idx ON penalties (deciding_body, decision_no);

-- The rules of 民政部令第60号 (社会组织信用信息管理办法, in force 2018-01-24), of its consultation draft where the final
-- text leaves a detail open (marked draft), of 民发〔2017〕45号 (社会组织抽查暂行办法) and of the eligibility
-- consequences. Article numbers of 60号令 whose final numbering could not be checked are marked inferred.
INSERT INTO rules (key, valid_from, title, source, article, certainty, summary, params, overridable) VALUES
('credit.record_deadline', '2018-01-24', '信用信息录入时限', '《社会组织信用信息管理办法》（民政部令第60号）', '第八条', 'inferred',
 '登记管理机关应当在信用信息形成或者获取后5个工作日内录入社会组织信息管理系统。', '{"workingDays": 5}', '{}'),
('credit.notice', '2018-01-24', '列入前书面告知', '《社会组织信用信息管理办法》（民政部令第60号）', '第九条', 'inferred',
 '列入活动异常名录或严重违法失信名单前，书面告知列入的事实、理由、依据及依法享有的权利；无法联系的通过互联网公告告知。陈述申辩（异议）期限由本区设定。',
 '{"objectionWorkingDays": 10}', '{"objectionWorkingDays": {"type": "integer", "label": "陈述申辩期限（工作日）", "min": 3, "max": 30}}'),
('credit.abnormal.annual_report', '2018-01-24', '未按规定报送年度工作报告', '《社会组织信用信息管理办法》（民政部令第60号）', '第十条第（一）项', 'found',
 '未按照规定时限和要求向登记管理机关报送年度工作报告的，列入活动异常名录。', '{}', '{}'),
('credit.abnormal.party', '2018-01-24', '未按照有关规定设立党组织', '《社会组织信用信息管理办法》（民政部令第60号）', '第十条第（二）项', 'found',
 '未按照有关规定设立党组织的，列入活动异常名录（须经人工确认）。', '{}', '{}'),
('credit.abnormal.rectification', '2018-01-24', '未按期完成整改', '《社会组织信用信息管理办法》（民政部令第60号）', '第十条第（三）项', 'found',
 '登记管理机关在抽查和其他监督检查中发现问题，发放整改文书要求限期整改，社会组织未按期完成整改的，列入活动异常名录。', '{}', '{}'),
('credit.abnormal.small_penalty', '2018-01-24', '受到警告或者不满5万元罚款处罚', '《社会组织信用信息管理办法》（民政部令第60号）', '第十条第（五）项', 'found',
 '受到警告或者不满5万元罚款处罚的，列入活动异常名录。', '{"fineThresholdFen": 5000000}', '{}'),
('credit.abnormal.unreachable', '2018-01-24', '通过登记的住所无法取得联系', '《社会组织信用信息管理办法》（民政部令第60号）', '第十条第（六）项；征求意见稿第十一条', 'draft',
 '通过登记的住所无法与社会组织取得联系的，列入活动异常名录：向登记住所两次邮寄专用信函无人签收，两次邮寄间隔不少于20日、不超过60日（征求意见稿）。',
 '{"letters": 2, "minGapDays": 20, "maxGapDays": 60}', '{}'),
('credit.abnormal.other', '2018-01-24', '法律、行政法规规定的其他情形（活动异常名录）', '《社会组织信用信息管理办法》（民政部令第60号）', '第十条第（七）项', 'found',
 '法律、行政法规规定应当列入活动异常名录的其他情形，须写明依据。', '{}', '{}'),
('credit.dishonest.abnormal_two_years', '2018-01-24', '列入活动异常名录满2年', '《社会组织信用信息管理办法》（民政部令第60号）', '第十三条', 'inferred',
 '被列入活动异常名录满2年的，移出活动异常名录，列入严重违法失信名单。', '{"years": 2}', '{}'),
('credit.dishonest.fraudulent_change', '2018-01-24', '弄虚作假办理变更登记被撤销', '《社会组织信用信息管理办法》（民政部令第60号）', '第十四条第（二）项', 'inferred',
 '弄虚作假办理变更登记，被撤销变更登记的，列入严重违法失信名单。', '{}', '{}'),
('credit.dishonest.suspension', '2018-01-24', '受到限期停止活动行政处罚', '《社会组织信用信息管理办法》（民政部令第60号）', '第十四条第（三）项', 'inferred',
 '受到限期停止活动行政处罚的，列入严重违法失信名单。', '{}', '{}'),
('credit.dishonest.big_fine', '2018-01-24', '受到5万元以上罚款处罚', '《社会组织信用信息管理办法》（民政部令第60号）', '第十四条第（四）项', 'inferred',
 '受到5万元以上罚款处罚的，列入严重违法失信名单。', '{"fineThresholdFen": 5000000}', '{}'),
('credit.dishonest.repeat_penalties', '2018-01-24', '三年内两次以上受到警告或者不满5万元罚款处罚', '《社会组织信用信息管理办法》（民政部令第60号）', '第十四条第（五）项', 'inferred',
 '三年内两次以上受到政府有关部门警告或者不满5万元罚款处罚的，列入严重违法失信名单。', '{"count": 2, "windowYears": 3, "fineThresholdFen": 5000000}', '{}'),
('credit.dishonest.defaulter', '2018-01-24', '被纳入失信被执行人名单', '《社会组织信用信息管理办法》（民政部令第60号）', '第十四条第（六）项', 'inferred',
 '被司法机关纳入“失信被执行人”名单的，列入严重违法失信名单。', '{}', '{}'),
('credit.dishonest.revoked', '2018-01-24', '被撤销登记或吊销登记证书', '《社会组织信用信息管理办法》（民政部令第60号）', '第十四条第（七）项', 'inferred',
 '被登记管理机关作出吊销登记证书、撤销成立登记决定的，列入严重违法失信名单。', '{}', '{}'),
('credit.dishonest.other', '2018-01-24', '法律、行政法规规定的其他情形（严重违法失信名单）', '《社会组织信用信息管理办法》（民政部令第60号）', '第十四条第（八）项', 'inferred',
 '法律、行政法规规定应当列入严重违法失信名单的其他情形，须写明依据。', '{}', '{}'),
('credit.restart', '2018-01-24', '列入期间再次出现列入情形的重新计算', '《社会组织信用信息管理办法》（民政部令第60号）', '第十一条、第十五条；征求意见稿第十三条、第十六条', 'draft',
 '在列入活动异常名录或严重违法失信名单期间再次出现应当列入情形的，列入时限重新计算。', '{}', '{}'),
('credit.removal.compliance', '2018-01-24', '履行义务或完成整改后移出活动异常名录', '《社会组织信用信息管理办法》（民政部令第60号）', '第十二条；征求意见稿第十四条', 'draft',
 '按照规定履行相关义务或者完成整改要求的，可以申请移出活动异常名录，登记管理机关自查实之日起5个工作日内移出。', '{"workingDays": 5}', '{}'),
('credit.removal.auto', '2018-01-24', '无需整改的满6个月移出活动异常名录', '《社会组织信用信息管理办法（征求意见稿）》', '第十四条', 'draft',
 '不存在应当整改或者履行相关义务情形的，自列入活动异常名录之日起满6个月后移出（征求意见稿文本，本区可启用）。',
 '{"enabled": false, "months": 6}', '{"enabled": {"type": "boolean", "label": "启用满期自动移出"}, "months": {"type": "integer", "label": "列入满（月）", "min": 6, "max": 24}}'),
('credit.removal.dishonest', '2018-01-24', '严重违法失信名单满2年申请移出', '《社会组织信用信息管理办法》（民政部令第60号）', '第十七条', 'inferred',
 '被列入严重违法失信名单满2年且期间未再出现列入情形的，可以向登记管理机关申请移出（严进严出）。', '{"cleanYears": 2}', '{}'),
('eligibility.credit', '2018-01-24', '列入信用名单的不得参加评估、申请资助和承接政府购买服务', '《社会组织信用信息管理办法》（民政部令第60号）；《全国性社会组织评估管理规定》（民发〔2021〕96号）', '第二十一条；第七条', 'inferred',
 '列入活动异常名录或严重违法失信名单期间，不得参加社会组织评估，不予资金资助，不得承接政府转移职能和购买服务。', '{}', '{}'),
('eligibility.penalty_unfinished', '2011-03-01', '行政处罚尚未执行完毕的不得参加评估', '《社会组织评估管理办法》（民政部令第39号）；修订后的《社会组织评估管理办法》', '第七条', 'inferred',
 '受到行政处罚尚未执行完毕的，不得参加评估，亦不予资金资助和承接政府购买服务。', '{}', '{}'),
('inspection.ratio', '2017-03-13', '年度定期抽查比例', '《社会组织抽查暂行办法》（民发〔2017〕45号）', '第五条', 'found',
 '县级登记管理机关每年定期抽查的比例不低于本机关登记社会组织总数的3%（地市级4%，省级5%）；本区可设定更高比例，并可将备案社区社会组织纳入抽查。',
 '{"percent": 3, "includeFiled": false}', '{"percent": {"type": "number", "label": "抽查比例（%）", "min": 3, "max": 100}, "includeFiled": {"type": "boolean", "label": "备案社区社会组织纳入抽查"}}'),
('inspection.inspectors', '2017-03-13', '实地检查人员与回避', '《社会组织抽查暂行办法》（民发〔2017〕45号）', '第十条', 'inferred',
 '实地检查应当有2名以上检查人员参加，出示证件和检查通知书；检查人员与检查对象有利害关系的应当回避。',
 '{"minInspectors": 2}', '{"minInspectors": {"type": "integer", "label": "每项检查人员（人）", "min": 2, "max": 5}}'),
('inspection.publish', '2017-03-13', '抽查结果公开', '《社会组织抽查暂行办法》（民发〔2017〕45号）', '第十二条', 'inferred',
 '抽查结果应当向社会公开；本区设定检查结束后公开的期限。', '{"days": 20}', '{"days": {"type": "integer", "label": "结果公开期限（日）", "min": 1, "max": 60}}');
