//! The demo cast: who the manager meets, how often, and what keeps coming up with each of
//! them. Every sentence here was written for Candor's demo journal.

use crate::model::Relationship;

/// Something that keeps coming back with one person: its tags, titles, noun phrases
/// (`topics`, used in closers and action items) and sentences.
pub(super) struct Theme {
    pub tags: &'static [&'static str],
    pub titles: &'static [&'static str],
    pub topics: &'static [&'static str],
    pub lines: &'static [&'static str],
}

/// One Situation–Behaviour–Impact feedback, with a short title and its tag.
pub(super) struct Sbi {
    pub title: &'static str,
    pub tag: &'static str,
    pub situation: &'static str,
    pub behavior: &'static str,
    pub impact: &'static str,
}

/// How career conversations run with a person, for the "no career talk in 90 days" nudge.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Career {
    /// A report with career conversations now and then, one of them recent.
    Regular,
    /// A report whose career conversations stopped: none in the last [`LAPSE_DAYS`].
    Lapsed,
    /// Not a report: career talk is not the manager's job here.
    NotApplicable,
}

/// Days before the end with no career conversation for a [`Career::Lapsed`] person.
pub(super) const LAPSE_DAYS: i64 = 120;

/// How much of the journal is about a person and when.
pub(super) struct Plan {
    /// Relative shares of each kind of entry with this person.
    pub one_on_ones: f64,
    pub mentoring: f64,
    pub feedback: f64,
    pub notes: f64,
    /// Fraction of the span that passes before they appear (a new hire, a new mentee).
    pub joined: f64,
    /// Days before the end of the last one-on-one or mentoring session.
    pub last_meeting: i64,
    /// Days before the end with no entry about them at all.
    pub quiet: i64,
    /// Raises workload worries in three of the last four one-on-ones.
    pub recent_worry: bool,
    /// Only ever receives praise.
    pub praise_only: bool,
    pub career: Career,
}

pub(super) struct Member {
    pub name: &'static str,
    pub role: &'static str,
    pub relationship: Relationship,
    pub cadence: Option<u32>,
    pub plan: Plan,
    pub themes: &'static [Theme],
    /// Feedback for them, or from them when they are the manager's manager or mentor.
    pub praise: &'static [Sbi],
    pub constructive: &'static [Sbi],
}

impl Member {
    pub fn first_name(&self) -> &'static str {
        self.name.split(' ').next().unwrap_or(self.name)
    }

    /// Feedback with the manager's own manager or mentor goes the other way.
    pub fn gives_feedback(&self) -> bool {
        matches!(
            self.relationship,
            Relationship::Manager | Relationship::Mentor
        )
    }
}

/// The tag that marks a one-on-one as being about workload and burnout.
pub(super) const WORRY_TAG: &str = "burnout";

const PLAN: Plan = Plan {
    one_on_ones: 0.0,
    mentoring: 0.0,
    feedback: 0.0,
    notes: 0.0,
    joined: 0.0,
    last_meeting: 7,
    quiet: 0,
    recent_worry: false,
    praise_only: false,
    career: Career::NotApplicable,
};

pub(super) const CAST: &[Member] = &[
    Member {
        name: "Priya Raman",
        role: "Senior Engineer",
        relationship: Relationship::Report,
        cadence: Some(7),
        plan: Plan {
            one_on_ones: 1.0 / 7.0,
            feedback: 3.0,
            notes: 1.0,
            last_meeting: 3,
            career: Career::Regular,
            ..PLAN
        },
        themes: &[
            Theme {
                tags: &["promotion", "career"],
                titles: &["Promotion case check-in", "Staff engineer packet", "Where the promotion case stands"],
                topics: &["the promotion case", "the staff engineer packet"],
                lines: &[
                    "Priya asked where her promotion case stands; I said the packet is strong but calibration will want impact beyond the team.",
                    "We walked through the staff engineer expectations line by line and marked where she already works at that level.",
                    "She worries the promotion case reads like a list of projects rather than a story about influence.",
                    "I offered to collect peer feedback for the promotion case from two other tech leads before calibration.",
                    "Priya wants a clear answer on the staff engineer timeline; I was honest that the next promotion window is the earliest realistic one.",
                    "We agreed the promotion case needs one more example of setting technical direction across teams.",
                ],
            },
            Theme {
                tags: &["payments-migration", "tech-lead"],
                titles: &["Payments migration status", "Tech lead load on the migration", "Migration cutover plan"],
                topics: &["the payments migration", "the cutover plan", "the rollback plan"],
                lines: &[
                    "The payments migration is on track for the next cutover window, but the rollback plan still has gaps she wants to close.",
                    "As tech lead of the payments migration she spends most of her week unblocking others and very little time writing code.",
                    "She split the payments migration into three phases so each team can ship its part independently.",
                    "Priya flagged that the ledger reconciliation step of the payments migration needs a dedicated owner.",
                    "We talked about how a tech lead says no to scope creep without sounding like a blocker.",
                ],
            },
            Theme {
                tags: &["design-docs"],
                titles: &["Design doc reviews", "Design docs that land"],
                topics: &["the design doc template", "design doc reviews"],
                lines: &[
                    "Her latest design doc drew forty comments; she handled the review calmly and folded in the good ones.",
                    "She wants design docs to follow a standard template so reviews focus on trade-offs instead of formatting.",
                    "Priya is coaching two engineers on writing design docs, which is exactly the multiplier behaviour we talked about.",
                    "We discussed keeping design docs short: one page of decisions, the rest in an appendix.",
                ],
            },
            Theme {
                tags: &["visibility", "leadership"],
                titles: &["Visibility with leadership", "Presenting at the leadership review"],
                topics: &["visibility with leadership", "the leadership review"],
                lines: &[
                    "Priya feels her work is invisible to leadership because the payments migration mostly prevents problems rather than shipping features.",
                    "I suggested she present the migration architecture at the next leadership review herself instead of me presenting it.",
                    "We agreed I would introduce her to Grace so her visibility with leadership does not depend on me relaying updates.",
                    "She now writes a short monthly update for leadership; the first one got a direct reply from the VP.",
                ],
            },
        ],
        praise: &[
            Sbi {
                title: "payments cutover dry run",
                tag: "payments-migration",
                situation: "During the payments migration dry run last Thursday",
                behavior: "you stopped the cutover when the reconciliation numbers drifted and walked everyone through the rollback calmly",
                impact: "we found the bug in staging instead of production, and the other teams now trust the plan",
            },
            Sbi {
                title: "design doc review",
                tag: "design-docs",
                situation: "In the design doc review for the ledger service",
                behavior: "you summarised the three open trade-offs at the start and asked each reviewer for a decision",
                impact: "the review finished in half the usual time with an owner for every open question",
            },
            Sbi {
                title: "coaching on design docs",
                tag: "design-docs",
                situation: "Over the last month of design doc reviews",
                behavior: "you paired with two engineers on their first design docs instead of rewriting them",
                impact: "both docs were approved on the first review, which is the staff engineer behaviour the promotion case needs",
            },
        ],
        constructive: &[
            Sbi {
                title: "leadership update",
                tag: "visibility",
                situation: "In Tuesday's leadership review",
                behavior: "you went straight into implementation details and never stated the decision you needed",
                impact: "the VP left without approving the migration window, and we lost a week",
            },
            Sbi {
                title: "holding the hardest tickets",
                tag: "tech-lead",
                situation: "During the last two sprints of the payments migration",
                behavior: "you picked up the hardest tickets yourself rather than handing them to the team",
                impact: "the team waited on you, and the tech lead work of unblocking others slipped",
            },
        ],
    },
    Member {
        name: "Marcus Bell",
        role: "SRE",
        relationship: Relationship::Report,
        cadence: Some(7),
        plan: Plan {
            one_on_ones: 1.0 / 7.0,
            feedback: 3.0,
            notes: 1.5,
            last_meeting: 2,
            recent_worry: true,
            career: Career::Regular,
            ..PLAN
        },
        themes: &[
            Theme {
                tags: &["on-call"],
                titles: &["On-call week debrief", "Pager load review", "After a rough on-call shift"],
                topics: &["pager load", "the on-call rotation", "alert noise"],
                lines: &[
                    "Marcus was paged nine times during his on-call week, four of them overnight, and most alerts were not actionable.",
                    "We looked at the pager load numbers together: the three noisiest alerts account for most of the pages.",
                    "He wants to move the flaky disk alerts out of the paging path and into a daily report.",
                    "The on-call rotation is too small; with one person out, Marcus ends up covering twice a month.",
                    "He proposed a follow-the-sun handoff with Noah's team to cut the overnight pages.",
                ],
            },
            Theme {
                tags: &[WORRY_TAG, "workload"],
                titles: &["Workload check", "Running on empty", "Talking about burnout", "Sleep and the pager"],
                topics: &["his workload", "recovery time after on-call", "the burnout risk"],
                lines: &[
                    "Marcus said he is exhausted and has not slept properly since the last on-call week.",
                    "He admitted the workload is not sustainable: he answers pages at night and still carries a full sprint.",
                    "He used the word burnout himself today, which he has never done before.",
                    "We talked about sleep; he keeps his phone by the bed even in weeks when he is not on call.",
                    "He feels overwhelmed by the incident follow-ups assigned to him on top of his project work.",
                    "I asked what he would drop if he could; he said the workload from the database upgrade should move to someone else.",
                    "He sounded tired and flat, quieter than usual, and said the last month has been a blur.",
                ],
            },
            Theme {
                tags: &["incidents"],
                titles: &["Incident follow-ups", "Postmortem actions", "After the outage"],
                topics: &["the incident follow-ups", "the postmortem actions", "the runbook gaps"],
                lines: &[
                    "We reviewed the incident follow-ups from last week's outage; two of the postmortem actions still have no owner.",
                    "Marcus wrote a clear timeline for the postmortem and kept it blameless, which the other teams appreciated.",
                    "He wants every incident follow-up to have a due date and a named owner before the postmortem closes.",
                    "The failover runbook was out of date during the incident; he has already rewritten the first half.",
                ],
            },
            Theme {
                tags: &["automation", "toil"],
                titles: &["Cutting toil", "Automation ideas"],
                topics: &["the toil budget", "the certificate automation"],
                lines: &[
                    "Marcus wants to spend a sprint automating certificate rotation, which is pure toil right now.",
                    "He showed me a script that turns the weekly capacity check into a dashboard and saves him an hour each week.",
                    "We agreed to protect a toil budget of one day per sprint so automation work actually happens.",
                    "He enjoys the automation work most and is noticeably more energetic when he talks about it.",
                ],
            },
        ],
        praise: &[
            Sbi {
                title: "blameless postmortem",
                tag: "incidents",
                situation: "In the postmortem for the database failover",
                behavior: "you wrote the timeline without naming anyone and focused on the gaps in the runbook",
                impact: "people spoke openly and we came away with five concrete incident follow-ups",
            },
            Sbi {
                title: "alert cleanup",
                tag: "on-call",
                situation: "Over the last sprint",
                behavior: "you removed eleven noisy alerts and documented why each one went",
                impact: "pager load dropped by a third and the whole rotation noticed",
            },
            Sbi {
                title: "certificate automation",
                tag: "automation",
                situation: "When the certificates were about to expire again",
                behavior: "you automated the rotation instead of doing it by hand one more time",
                impact: "that toil is gone for good and nobody gets paged for it",
            },
        ],
        constructive: &[
            Sbi {
                title: "on-call handoff notes",
                tag: "on-call",
                situation: "At the end of your on-call week",
                behavior: "the handoff note was a single line with no open issues listed",
                impact: "the next person spent the first morning rediscovering two ongoing problems",
            },
            Sbi {
                title: "saying yes to everything",
                tag: "workload",
                situation: "In sprint planning",
                behavior: "you accepted three incident follow-ups on top of a full sprint without flagging it",
                impact: "two of them slipped and you worked late to catch up, which I do not want",
            },
        ],
    },
    Member {
        name: "Zoë Laurent",
        role: "Frontend Engineer",
        relationship: Relationship::Report,
        cadence: Some(14),
        plan: Plan {
            one_on_ones: 1.0 / 14.0,
            feedback: 2.0,
            notes: 1.0,
            last_meeting: 8,
            career: Career::Lapsed,
            ..PLAN
        },
        themes: &[
            Theme {
                tags: &["accessibility"],
                titles: &["Accessibility audit", "Screen reader findings", "Keyboard navigation work"],
                topics: &["the accessibility audit", "screen reader support", "keyboard navigation"],
                lines: &[
                    "Zoë ran the accessibility audit on the checkout flow and found that half the form errors are invisible to a screen reader.",
                    "She wants accessibility checks in the pull request pipeline so regressions are caught before review.",
                    "We talked about colour contrast in the dark theme; she has a fix ready but needs design sign-off.",
                    "Zoë is frustrated that accessibility bugs keep getting pushed to the next sprint.",
                    "She paired with QA to write keyboard navigation tests for every modal dialog.",
                ],
            },
            Theme {
                tags: &["design-system"],
                titles: &["Design system roadmap", "Component library cleanup"],
                topics: &["the design system", "the component library", "the design tokens"],
                lines: &[
                    "The design system now covers most of the forms; the date picker is the last big gap.",
                    "She proposed deprecating the old button variants in the component library over two releases.",
                    "Zoë wants a weekly design system office hour so product teams stop forking components.",
                    "We discussed who should own the design tokens once she moves on to other work.",
                ],
            },
            Theme {
                tags: &["mentoring"],
                titles: &["Mentoring the juniors", "Pairing with the junior engineers"],
                topics: &["mentoring the junior engineers", "the pairing sessions"],
                lines: &[
                    "Zoë has been pairing with the two junior engineers twice a week, and their pull requests show it.",
                    "She asked how to give the junior engineers feedback without doing the work for them.",
                    "Mentoring juniors takes more of her time than she expected; we agreed to make it visible in sprint planning.",
                    "One of the junior engineers shipped a component on their own after her pairing sessions.",
                ],
            },
            Theme {
                tags: &["conference-talk"],
                titles: &["Conference talk prep", "Talk proposal accepted", "Dry run of the talk"],
                topics: &["the conference talk", "the talk proposal", "the slides"],
                lines: &[
                    "Her conference talk on accessible components was accepted; she is excited and a little nervous.",
                    "We scheduled a dry run of the conference talk with the team two weeks before the event.",
                    "She wants help trimming the slides because the talk runs ten minutes over.",
                    "Zoë asked whether the company will cover travel for the conference talk; I said I would check the budget.",
                ],
            },
        ],
        praise: &[
            Sbi {
                title: "accessibility audit",
                tag: "accessibility",
                situation: "In the accessibility audit of the checkout flow",
                behavior: "you recorded each screen reader failure with a short video and a suggested fix",
                impact: "product prioritised the fixes the same week because the problem was impossible to ignore",
            },
            Sbi {
                title: "pairing with the juniors",
                tag: "mentoring",
                situation: "During the last month of pairing sessions",
                behavior: "you let the junior engineers drive and asked questions instead of taking the keyboard",
                impact: "both of them now ship components without help",
            },
            Sbi {
                title: "design system guidelines",
                tag: "design-system",
                situation: "When you published the design system guidelines",
                behavior: "you included an example of what not to do beside each component",
                impact: "product teams stopped opening duplicate components",
            },
        ],
        constructive: &[
            Sbi {
                title: "review tone",
                tag: "design-system",
                situation: "In code reviews on design system pull requests",
                behavior: "several comments were a single word, like 'no' or 'wrong', with no explanation",
                impact: "two engineers told me they hesitate to contribute to the component library",
            },
            Sbi {
                title: "late heads-up",
                tag: "conference-talk",
                situation: "Before the conference talk",
                behavior: "you told the team about the week away only two days ahead",
                impact: "we had to reshuffle the sprint and a release slipped",
            },
        ],
    },
    Member {
        name: "Tomás Ortega",
        role: "Engineer",
        relationship: Relationship::Report,
        cadence: Some(7),
        plan: Plan {
            one_on_ones: 1.0 / 7.0,
            feedback: 3.0,
            notes: 1.0,
            joined: 0.6,
            last_meeting: 1,
            praise_only: true,
            career: Career::Regular,
            ..PLAN
        },
        themes: &[
            Theme {
                tags: &["onboarding"],
                titles: &["Onboarding check-in", "First weeks", "Ramp-up progress"],
                topics: &["the onboarding plan", "his ramp-up", "the starter tasks"],
                lines: &[
                    "Tomás finished the onboarding checklist and set up the local environment without help, faster than most.",
                    "His ramp-up is going well; he shipped two starter tasks and is asking for something meatier.",
                    "We went over the onboarding plan for the next month: the billing service first, then the deploy pipeline.",
                    "He said the onboarding docs skip feature flags entirely; I asked him to fix the docs as he learns.",
                    "His onboarding buddy says he asks good questions and writes things down.",
                ],
            },
            Theme {
                tags: &["code-review"],
                titles: &["Code review habits", "First big pull request"],
                topics: &["code review", "his pull requests"],
                lines: &[
                    "Tomás is nervous about leaving code review comments on senior engineers' pull requests.",
                    "His first big pull request got a lot of code review comments; we talked about not taking them personally.",
                    "He now reviews two pull requests a day, and his comments are specific and kind.",
                    "We agreed he should ask for code review early, with a draft pull request, instead of polishing alone.",
                ],
            },
            Theme {
                tags: &["confidence"],
                titles: &["Feeling behind", "Confidence check"],
                topics: &["the imposter feelings", "speaking up in design reviews"],
                lines: &[
                    "Tomás admitted imposter feelings: everyone else seems to know the codebase and he feels slow.",
                    "I reminded him that ramp-up takes months here and that he is ahead of where I expected.",
                    "He compares himself to Priya; we talked about comparing against his own first week instead.",
                    "The imposter feelings show up most in design reviews, where he stays quiet even when he has a point.",
                ],
            },
            Theme {
                tags: &["on-call"],
                titles: &["Preparing for first on-call", "First on-call shadow week"],
                topics: &["his first on-call", "the shadow shift"],
                lines: &[
                    "His first on-call is next month; he will shadow Marcus for a week first.",
                    "Tomás handled his first on-call page calmly and followed the runbook step by step.",
                    "He is anxious about his first on-call alone; we walked through the escalation paths and who to call at night.",
                    "After his first on-call week he wrote down three runbook gaps and fixed one himself.",
                ],
            },
        ],
        praise: &[
            Sbi {
                title: "first on-call",
                tag: "on-call",
                situation: "During your first on-call shift on Saturday",
                behavior: "you followed the runbook, escalated after fifteen minutes as agreed and wrote up the timeline",
                impact: "the incident was short, and your notes became the template for the next one",
            },
            Sbi {
                title: "onboarding docs",
                tag: "onboarding",
                situation: "While working through onboarding",
                behavior: "you fixed every gap you found in the setup docs as you went",
                impact: "the next new hire set up their laptop in one afternoon",
            },
            Sbi {
                title: "code review comments",
                tag: "code-review",
                situation: "In your code reviews this month",
                behavior: "you asked clarifying questions and explained the reason behind each suggestion",
                impact: "senior engineers have started asking you to review their pull requests",
            },
            Sbi {
                title: "speaking up in design review",
                tag: "confidence",
                situation: "In Wednesday's design review",
                behavior: "you raised the retry concern even though you were the newest person in the room",
                impact: "we changed the design and avoided a duplicate-charge bug",
            },
        ],
        constructive: &[],
    },
    Member {
        name: "Aisha Khan",
        role: "Data Engineer",
        relationship: Relationship::Report,
        cadence: Some(14),
        plan: Plan {
            one_on_ones: 1.0 / 14.0,
            feedback: 2.0,
            notes: 1.5,
            last_meeting: 10,
            career: Career::Regular,
            ..PLAN
        },
        themes: &[
            Theme {
                tags: &["data-pipeline"],
                titles: &["Pipeline reliability", "Nightly batch failures", "Data quality"],
                topics: &["the data pipeline", "the nightly batch", "the data quality checks"],
                lines: &[
                    "The nightly batch in the data pipeline failed twice this week because an upstream table changed without notice.",
                    "Aisha added data quality checks that stop the pipeline before bad rows reach the dashboards.",
                    "She wants to move the data pipeline to incremental loads so the nightly run stops taking four hours.",
                    "We talked about alerting for the data pipeline; right now analysts find the failures the next morning.",
                ],
            },
            Theme {
                tags: &["schema-migration"],
                titles: &["Schema migration plan", "Backfill progress"],
                topics: &["the schema migration", "the backfill", "the event schema"],
                lines: &[
                    "The schema migration needs a two-week dual-write period, and she worries other teams will not respect it.",
                    "Aisha wrote a runbook for the backfill so the schema migration can be paused and resumed safely.",
                    "She found three consumers still reading the old event schema; the schema migration is blocked until they move.",
                    "We agreed the schema migration deserves a design review with the consuming teams.",
                ],
            },
            Theme {
                tags: &["conflict", "ownership"],
                titles: &["Ingestion service ownership", "Friction with Dev", "Who owns ingestion?"],
                topics: &["ownership of the ingestion service", "the friction with Dev", "the ingestion boundary"],
                lines: &[
                    "Aisha is frustrated with Dev: he changed the ingestion service without telling her and broke a downstream job.",
                    "She feels ownership of the ingestion service is unclear and that Dev treats it as his alone.",
                    "There is real tension between Aisha and Dev over the ingestion service; she asked me to decide who owns it.",
                    "She has stopped raising ingestion issues in standup because Dev gets defensive.",
                    "I said I would talk to both of them about ownership of the ingestion service, and I still have not done it.",
                ],
            },
            Theme {
                tags: &["stakeholders"],
                titles: &["Working with analytics", "Analytics requests"],
                topics: &["the analytics requests", "the data quality dashboard"],
                lines: &[
                    "The analytics team sends Aisha requests directly; we agreed to route them through the sprint board.",
                    "She wants a monthly sync with the analytics leads to agree on priorities for the data pipeline.",
                    "Aisha presented the data quality dashboard to the analytics team and they asked to see it weekly.",
                ],
            },
        ],
        praise: &[
            Sbi {
                title: "data quality checks",
                tag: "data-pipeline",
                situation: "After the dashboard numbers went wrong last quarter",
                behavior: "you added data quality checks that halt the pipeline on bad rows",
                impact: "analysts have not seen a broken dashboard since",
            },
            Sbi {
                title: "backfill runbook",
                tag: "schema-migration",
                situation: "For the schema migration backfill",
                behavior: "you wrote a runbook that lets anyone pause and resume it safely",
                impact: "the backfill survived two restarts without losing data",
            },
        ],
        constructive: &[
            Sbi {
                title: "raising issues in standup",
                tag: "conflict",
                situation: "In recent standups",
                behavior: "you stopped mentioning ingestion problems and raised them with me privately instead",
                impact: "the team does not see the problems, and Dev never gets a chance to respond",
            },
            Sbi {
                title: "schema migration notice",
                tag: "schema-migration",
                situation: "Before the schema migration started",
                behavior: "the consuming teams got notice by email only, a day ahead",
                impact: "two teams were surprised and asked to pause, which cost us a week",
            },
        ],
    },
    Member {
        name: "Dev Patel",
        role: "Backend Engineer",
        relationship: Relationship::Report,
        cadence: Some(14),
        plan: Plan {
            one_on_ones: 1.0 / 14.0,
            feedback: 2.0,
            notes: 1.5,
            // Overdue on purpose: nothing about Dev for five weeks against a two-week cadence.
            last_meeting: 35,
            quiet: 35,
            career: Career::Regular,
            ..PLAN
        },
        themes: &[
            Theme {
                tags: &["api-design"],
                titles: &["API design review", "Versioning the public API"],
                topics: &["the API design", "API versioning", "the pagination change"],
                lines: &[
                    "Dev drafted the API design for the partner endpoints; the versioning scheme is thoughtful.",
                    "He wants cursor pagination across the public API and to deprecate offsets within two quarters.",
                    "We discussed API versioning: he prefers headers, the client teams prefer paths.",
                    "His API design review went well, though he brushed off a question about error codes too quickly.",
                ],
            },
            Theme {
                tags: &["ownership", "conflict"],
                titles: &["Ingestion service boundaries", "Tension with Aisha", "Ownership questions"],
                topics: &["the ingestion service", "the service boundaries", "the friction with Aisha"],
                lines: &[
                    "Dev thinks the ingestion service should belong to the backend team because most changes start there.",
                    "He said working with Aisha is slow because every ingestion change needs her approval.",
                    "Dev admitted he merged the ingestion service change without waiting for Aisha's review.",
                    "The tension with Aisha came up again; he wants the service boundaries written down.",
                ],
            },
            Theme {
                tags: &["scope", "career"],
                titles: &["Wants more scope", "Next step for Dev", "Bigger projects"],
                topics: &["more scope", "a bigger project", "leading the partner API"],
                lines: &[
                    "Dev wants more scope and asked to lead the partner API project end to end.",
                    "He feels his work is too narrow and that he is ready for a bigger project.",
                    "We talked about what more scope would look like: owning a roadmap item, not just more tickets.",
                    "I told him that more scope also means more cross-team work, including with Aisha.",
                ],
            },
            Theme {
                tags: &["performance"],
                titles: &["Latency work", "Caching layer"],
                topics: &["the latency budget", "the caching layer"],
                lines: &[
                    "Dev cut the p99 latency of the orders endpoint in half with a caching layer.",
                    "He wants a latency budget per endpoint so regressions show up in review.",
                    "The caching layer needs an invalidation story before it goes wider; he is writing it up.",
                ],
            },
        ],
        praise: &[
            Sbi {
                title: "latency fix",
                tag: "performance",
                situation: "On the orders endpoint latency problem",
                behavior: "you measured first, then added a caching layer with a clear invalidation plan",
                impact: "p99 latency halved and support tickets about slow pages dropped",
            },
            Sbi {
                title: "partner API design doc",
                tag: "api-design",
                situation: "In the partner API design doc",
                behavior: "you wrote out three versioning options with the trade-offs of each",
                impact: "the client teams agreed on a scheme in one meeting",
            },
        ],
        constructive: &[
            Sbi {
                title: "merging without review",
                tag: "ownership",
                situation: "Last Tuesday, on the ingestion service",
                behavior: "you merged a schema change without waiting for Aisha's review",
                impact: "a downstream job broke overnight, and trust between the two of you took another hit",
            },
            Sbi {
                title: "brushing off questions",
                tag: "api-design",
                situation: "In the API design review",
                behavior: "you answered a question about error codes with 'that is not important right now'",
                impact: "the reviewer stopped contributing, and we missed a real gap in the design",
            },
        ],
    },
    Member {
        name: "Lena Fischer",
        role: "Engineer",
        relationship: Relationship::Mentee,
        cadence: Some(30),
        plan: Plan {
            mentoring: 0.55,
            feedback: 1.0,
            notes: 0.5,
            joined: 0.15,
            last_meeting: 12,
            ..PLAN
        },
        themes: &[
            Theme {
                tags: &["career", "management"],
                titles: &["Manager or staff?", "Trying the management track"],
                topics: &["the switch to management", "the management track"],
                lines: &[
                    "Lena is torn between the management track and staying on the staff engineer path.",
                    "She asked what I miss from engineering; I said the feeling of finishing something in a day.",
                    "We listed what she enjoys most: unblocking people, running planning and hiring. All of it points toward management.",
                    "Her manager offered her a six-month team lead trial, and she wants to treat the career switch as an experiment.",
                ],
            },
            Theme {
                tags: &["team-lead"],
                titles: &["First weeks as a lead", "Running her first planning"],
                topics: &["her first team lead role", "running planning", "her first one-on-ones"],
                lines: &[
                    "Lena ran her first planning meeting as a team lead and felt it dragged; we talked about timeboxing.",
                    "She started one-on-ones with her team and is unsure what to do when someone has nothing to say.",
                    "As a first-time lead she still takes the hardest tickets herself, which leaves her no time to lead.",
                    "She handled her first disagreement between two engineers by listening to both before deciding.",
                ],
            },
            Theme {
                tags: &["delegation"],
                titles: &["Letting go of the code", "Delegation practice"],
                topics: &["delegation", "letting go of the code"],
                lines: &[
                    "Delegation is hard for her: she rewrites pull requests at night instead of giving feedback.",
                    "We practised delegating with context: the goal, the constraints and what done looks like.",
                    "Lena delegated the release process for the first time, and it went fine without her.",
                    "She asked how to delegate without losing quality; I suggested agreeing on checkpoints instead of reviewing everything.",
                ],
            },
        ],
        praise: &[
            Sbi {
                title: "delegating the release",
                tag: "delegation",
                situation: "When you handed the release process to your team",
                behavior: "you wrote down what done looks like and then stayed out of it",
                impact: "the release went out on time and the team felt trusted",
            },
            Sbi {
                title: "handling the disagreement",
                tag: "team-lead",
                situation: "When two of your engineers disagreed about the queue design",
                behavior: "you listened to both before deciding and explained your reasoning",
                impact: "both accepted the decision, even the one who lost the argument",
            },
        ],
        constructive: &[Sbi {
            title: "rewriting pull requests",
            tag: "delegation",
            situation: "Over the last few weeks",
            behavior: "you rewrote your engineers' pull requests late at night instead of giving feedback",
            impact: "they are learning less, and you are running out of time to lead",
        }],
    },
    Member {
        name: "Sam Okafor",
        role: "Director",
        relationship: Relationship::Mentor,
        cadence: Some(30),
        plan: Plan {
            mentoring: 0.45,
            feedback: 1.5,
            notes: 0.5,
            last_meeting: 20,
            ..PLAN
        },
        themes: &[
            Theme {
                tags: &["delegation"],
                titles: &["Delegating more", "What only I can do"],
                topics: &["delegation", "what I should stop doing"],
                lines: &[
                    "Sam asked me to list what only I can do this quarter; the list was much shorter than my calendar.",
                    "He pushed back on my habit of reviewing every design doc; that is delegation in name only.",
                    "We talked about delegating the on-call review to Marcus and the planning doc to Priya.",
                    "Sam's rule: delegate the outcome, not the task, and agree on how you will know it is going well.",
                ],
            },
            Theme {
                tags: &["managing-up"],
                titles: &["Managing up", "Working with Grace"],
                topics: &["managing up", "the weekly note to Grace"],
                lines: &[
                    "Sam suggested I send Grace a short weekly note with risks first, so she never hears bad news from someone else.",
                    "We talked about managing up without turning every conversation into a status report.",
                    "He thinks I wait too long to ask Grace for help; asking early is part of managing up.",
                ],
            },
            Theme {
                tags: &["feedback"],
                titles: &["Giving hard feedback", "The conversation I keep postponing"],
                topics: &["giving hard feedback", "the conversation with Dev"],
                lines: &[
                    "I told Sam I have been avoiding a hard feedback conversation with Dev; he asked what it is costing the team.",
                    "Sam's advice on hard feedback: be specific, be brief, then stop talking and listen.",
                    "We role-played a difficult conversation; I softened the message so much that it disappeared.",
                    "He reminded me that giving hard feedback early is kinder than a surprise at review time.",
                ],
            },
            Theme {
                tags: &["saying-no", "prioritisation"],
                titles: &["Saying no", "Protecting the team's focus"],
                topics: &["saying no", "the team's focus"],
                lines: &[
                    "Sam asked how many new requests the team accepted this month; I could not name one we turned down.",
                    "We practised saying no to another director's request by offering what we can do instead.",
                    "His point: saying no is part of the job, and the team watches whether I do it.",
                ],
            },
        ],
        praise: &[
            Sbi {
                title: "the role-play",
                tag: "feedback",
                situation: "In the role-play last session",
                behavior: "you stated the problem in one sentence and then stopped talking",
                impact: "that is exactly how hard feedback lands well",
            },
            Sbi {
                title: "saying no well",
                tag: "saying-no",
                situation: "When you turned down the analytics request",
                behavior: "you offered an alternative and a date instead of a flat no",
                impact: "the other director came away satisfied and your team kept its focus",
            },
        ],
        constructive: &[
            Sbi {
                title: "doing the team's work",
                tag: "delegation",
                situation: "When you described your last week",
                behavior: "you had spent two evenings reviewing every design doc line by line",
                impact: "your team is learning to wait for you, and you are the bottleneck",
            },
            Sbi {
                title: "avoiding the conflict",
                tag: "conflict",
                situation: "For three months now",
                behavior: "you have described the tension between Aisha and Dev without acting on it",
                impact: "the longer it runs, the more the team treats it as normal",
            },
        ],
    },
    Member {
        name: "Grace Liu",
        role: "VP Engineering",
        relationship: Relationship::Manager,
        cadence: Some(14),
        plan: Plan {
            one_on_ones: 1.0 / 14.0,
            feedback: 1.5,
            notes: 1.5,
            last_meeting: 5,
            ..PLAN
        },
        themes: &[
            Theme {
                tags: &["roadmap"],
                titles: &["Roadmap review", "Roadmap trade-offs"],
                topics: &["the roadmap", "the roadmap summary"],
                lines: &[
                    "Grace wants the roadmap to show fewer, bigger bets next half, and asked which of ours could be cut.",
                    "We walked through the roadmap; the payments migration stays the top priority.",
                    "She asked for a one-page roadmap summary that someone outside engineering can follow.",
                ],
            },
            Theme {
                tags: &["headcount", "hiring"],
                titles: &["Headcount for next year", "Hiring plan"],
                topics: &["headcount", "the hiring plan", "the open SRE req"],
                lines: &[
                    "Headcount is frozen until next quarter, so the open SRE req is on hold.",
                    "Grace asked me to make the case for headcount in terms of risk to the roadmap.",
                    "We talked about headcount for the data team; she would rather move someone internally than hire.",
                    "The hiring plan has two backend roles approved for the second half.",
                ],
            },
            Theme {
                tags: &["org-priorities"],
                titles: &["Org priorities", "Reorg rumours"],
                topics: &["the org priorities", "the reorg"],
                lines: &[
                    "Grace shared the org priorities for the half: reliability first, then the partner API.",
                    "She hinted at a reorg that would move the data team under a different director.",
                    "I asked how our team's work maps to the org priorities; she said reliability is what leadership notices.",
                ],
            },
            Theme {
                tags: &["planning"],
                titles: &["Quarterly planning prep", "Planning the quarter"],
                topics: &["quarterly planning", "the planning doc"],
                lines: &[
                    "Quarterly planning starts next week; she wants estimates as ranges rather than single dates.",
                    "Grace asked me to bring a quarterly planning draft that includes what we will stop doing.",
                    "We agreed to reserve a fifth of capacity for reliability work in quarterly planning.",
                ],
            },
        ],
        praise: &[
            Sbi {
                title: "the planning doc",
                tag: "planning",
                situation: "In the quarterly planning review",
                behavior: "you brought a plan that said clearly what the team will stop doing",
                impact: "it was the easiest plan to approve this quarter",
            },
            Sbi {
                title: "outage updates",
                tag: "incidents",
                situation: "During last month's outage",
                behavior: "you sent updates every thirty minutes with what we knew and what we did not",
                impact: "leadership stayed calm and nobody pulled engineers into status calls",
            },
        ],
        constructive: &[
            Sbi {
                title: "bad news arrived late",
                tag: "managing-up",
                situation: "When the payments migration slipped",
                behavior: "I heard it from another director before I heard it from you",
                impact: "I could not defend the team's plan in the exec meeting",
            },
            Sbi {
                title: "too deep in the details",
                tag: "managing-up",
                situation: "In the roadmap review",
                behavior: "you spent most of the time on implementation detail",
                impact: "we never reached the headcount question, which was the decision I needed from you",
            },
        ],
    },
    Member {
        name: "Noah Kim",
        role: "Engineering Manager",
        relationship: Relationship::Peer,
        cadence: None,
        plan: Plan {
            one_on_ones: 1.0 / 30.0,
            feedback: 1.0,
            notes: 4.0,
            last_meeting: 16,
            ..PLAN
        },
        themes: &[
            Theme {
                tags: &["dependencies", "cross-team"],
                titles: &["Cross-team dependencies", "Sync with Noah"],
                topics: &["the cross-team dependencies", "the shared roadmap items"],
                lines: &[
                    "Noah's team depends on our API changes for their launch; we agreed on a date and a fallback.",
                    "We mapped the cross-team dependencies for the quarter and found two that nobody owned.",
                    "Noah suggested a shared board for cross-team dependencies instead of chasing them in chat.",
                ],
            },
            Theme {
                tags: &["incidents"],
                titles: &["Incident review with Noah", "Joint postmortem"],
                topics: &["the incident review", "the joint postmortem"],
                lines: &[
                    "We ran the incident review together; the root cause sat in the boundary between our services.",
                    "Noah wants incident reviews to include a section on what went well, which I liked.",
                    "The joint postmortem produced six actions, three of them ours.",
                ],
            },
            Theme {
                tags: &["on-call"],
                titles: &["Shared on-call rotation", "Rotation changes"],
                topics: &["the shared on-call rotation", "the rotation handoff"],
                lines: &[
                    "Noah proposed merging our two rotations into a shared on-call rotation of eight people.",
                    "The shared on-call rotation would halve Marcus's shifts, but Noah's team needs training first.",
                    "We agreed on a handoff template for the shared on-call rotation.",
                ],
            },
        ],
        praise: &[
            Sbi {
                title: "joint incident review",
                tag: "incidents",
                situation: "In the joint incident review",
                behavior: "you started by naming what your own team got wrong",
                impact: "it set a blameless tone and my team was more open about our part",
            },
            Sbi {
                title: "dependency board",
                tag: "cross-team",
                situation: "For this quarter's cross-team dependencies",
                behavior: "you set up the shared board and kept it current",
                impact: "we caught a missed dependency three weeks before launch",
            },
        ],
        constructive: &[Sbi {
            title: "rotation change",
            tag: "on-call",
            situation: "When the shared on-call rotation changed",
            behavior: "the new schedule went out before my team had seen it",
            impact: "Marcus found out from a calendar invite that he was on call over a holiday",
        }],
    },
    Member {
        name: "Hana Sato",
        role: "Engineer",
        relationship: Relationship::SkipLevel,
        cadence: Some(90),
        plan: Plan {
            one_on_ones: 1.0 / 90.0,
            feedback: 0.5,
            notes: 0.5,
            last_meeting: 45,
            praise_only: true,
            ..PLAN
        },
        themes: &[
            Theme {
                tags: &["team-health", "skip-level"],
                titles: &["Skip-level with Hana", "Skip-level check-in"],
                topics: &["team health", "how decisions get made"],
                lines: &[
                    "Hana says the team is friendly, but meetings run long and decisions get revisited.",
                    "She feels comfortable raising problems with her lead, which is good to hear in a skip-level.",
                    "Hana asked how decisions are made at the org level, so I explained the planning process.",
                ],
            },
            Theme {
                tags: &["tooling"],
                titles: &["Build times", "Developer tooling"],
                topics: &["the build times", "the deploy tooling docs"],
                lines: &[
                    "Build times are her biggest frustration; a full build takes twenty minutes on her laptop.",
                    "She suggested a shared cache for the test suite and offered to prototype it.",
                    "Hana wants clearer docs for the deploy tooling because new people keep asking the same questions.",
                ],
            },
        ],
        praise: &[
            Sbi {
                title: "build cache prototype",
                tag: "tooling",
                situation: "After our skip-level",
                behavior: "you prototyped the shared build cache on your own initiative",
                impact: "full builds on laptops went from twenty minutes to six",
            },
            Sbi {
                title: "candid skip-level",
                tag: "team-health",
                situation: "In our skip-level",
                behavior: "you told me plainly that meetings run long and decisions get revisited",
                impact: "I would not have heard it otherwise, and we have already cut one recurring meeting",
            },
        ],
        constructive: &[],
    },
];
