//! Generic sentence banks for the demo journal: one-on-one talk, feedback framing,
//! mentoring, reflections and team notes. `{first}` is the person's first name and
//! `{topic}` one of their theme's noun phrases. Written for Candor.
//!
//! None of the one-on-one lines mention workload or tiredness: Marcus's "calm" meeting
//! among his last four is built from them and must stay free of those words.

use super::cast::Theme;

pub(super) const OPENERS: &[&str] = &[
    "Regular one-on-one with {first}; we started with how the week went.",
    "{first} came in with a short list today, so we went through it in order.",
    "Shorter one-on-one with {first} than usual because of the planning meeting.",
    "{first} was in good spirits and wanted to start with the sprint.",
    "We began with the weekly priorities and then moved to what is on {first}'s mind.",
    "Walked with {first} instead of sitting in a room; it made the conversation easier.",
    "{first} opened with a question about the team's priorities for the next sprint.",
    "Caught up with {first} after a busy week of releases.",
    "Started by asking {first} about the best and the hardest part of the week.",
    "{first} had an agenda in the shared doc, which kept this one focused.",
    "Moved the one-on-one to the afternoon because {first} had a deadline in the morning.",
    "Video call with {first} today since we were both working from home.",
];

pub(super) const ONE_ON_ONE_BULLETS: &[&str] = &[
    "Weekly priorities: finish the current ticket, then pick up the next item on the board.",
    "Blockers: waiting on a review from another team; I offered to nudge them.",
    "Sprint: on track, though one story may slip to next week.",
    "Agreed to keep the standup update short and move details to the thread.",
    "Discussed the retro comments about unclear acceptance criteria.",
    "{first} wants more focus time; we blocked two mornings a week without meetings.",
    "Reviewed last week's action items; most are done.",
    "No blockers this week, which is rare.",
    "Priorities for the week are clear; nothing to change.",
    "Talked about the release schedule and the freeze before the holidays.",
    "The sprint goal is realistic this time; last sprint was overcommitted.",
    "{first} asked for earlier notice when priorities change mid-sprint.",
    "Estimates were off last sprint; {first} has ideas for splitting stories smaller.",
    "The team wiki is out of date; {first} offered to clean up one section.",
    "Blocked on access to the staging environment; I will raise it with IT.",
    "Quick check on holiday plans so the sprint capacity is right.",
    "{first} liked the new format of the sprint demo.",
];

pub(super) const CLOSERS: &[&str] = &[
    "Next time: check how {topic} is going.",
    "I want to come back to {topic} in two weeks.",
    "Good conversation overall; {first} left with a clear next step on {topic}.",
    "Follow up on {topic} before the next one-on-one.",
    "Note to self: ask {first} about {topic} first thing next time.",
    "A steady week overall. Keep an eye on {topic}.",
    "{first} seemed more settled at the end than at the start.",
    "We ran out of time before getting to {topic}; it goes first next week.",
];

/// Closers for a meeting about workload and burnout, where "a steady week" would be wrong.
pub(super) const WORRY_CLOSERS: &[&str] = &[
    "I need to take something off his plate this week, not just listen.",
    "Checking in with {first} again mid-week rather than waiting for the next one-on-one.",
    "Raising the on-call rotation with Grace; this cannot wait for planning.",
    "Next time: ask {first} directly whether {topic} is getting better or worse.",
];

pub(super) const CAREER_LINES: &[&str] = &[
    "We spent the second half on career goals: where {first} wants to be in two years and what would help get there.",
    "Career conversation: {first} wants to grow toward technical leadership and asked for a stretch project.",
    "Talked about growth: {first} would like to own a system end to end.",
    "{first} asked what the next level looks like; we read the career ladder together and picked two areas to work on.",
    "Career check-in: {first} is happy in the current role but wants to learn more about product thinking.",
    "We talked about long-term career direction and whether a course or a conference would help this year.",
];

pub(super) const ACTIONS_MINE: &[&str] = &[
    "Follow up with {first} on {topic}",
    "Find out what is blocking {topic} and report back to {first}",
    "Share my notes on {topic} with {first}",
    "Raise {topic} at the leads meeting",
    "Check in with {first} about {topic} mid-week",
];

pub(super) const ACTIONS_THEIRS: &[&str] = &[
    "{first} to write a short proposal on {topic}",
    "{first} to send an update on {topic}",
    "{first} to draft next steps for {topic}",
    "{first} to list the open questions on {topic}",
];

pub(super) const FEEDBACK_PRAISE: &[&str] = &[
    "Gave {first} specific praise in our one-on-one, in the moment rather than at review time.",
    "Made a point of telling {first} what went well, and said it again in the team channel.",
    "Short note of praise for {first}; this is the behaviour I want to see more of.",
    "Recognised {first}'s work today. I tend to skip this when things go well, so writing it down.",
];

pub(super) const FEEDBACK_CONSTRUCTIVE: &[&str] = &[
    "Gave {first} constructive feedback today. It was uncomfortable, but {first} took it well.",
    "Had the harder conversation with {first}; I kept it to one example and one request.",
    "Constructive feedback for {first}, delivered privately and early.",
    "Raised a pattern I have seen with {first} over the last few weeks.",
];

pub(super) const FEEDBACK_PLANNED: &[&str] = &[
    "Feedback I still need to give {first}. Writing it down first so it stays specific.",
    "Preparing constructive feedback for {first}; planning to deliver it at our next one-on-one.",
];

pub(super) const FEEDBACK_RECEIVED: &[&str] = &[
    "{first} gave me feedback after the meeting; writing it down while it is fresh.",
    "Received feedback from {first} today. Some of it stung; most of it was fair.",
    "{first} shared an observation about how I run things.",
];

pub(super) const FEEDBACK_AFTER_GIVEN: &[&str] = &[
    "{first} asked good questions and we agreed to check in on it in two weeks.",
    "I should do this more often, and sooner.",
    "{first} listened, then added context I did not have.",
    "Next step: notice when it happens again and say so at the time.",
];

pub(super) const FEEDBACK_AFTER_PLANNED: &[&str] = &[
    "Plan: describe what I saw and its impact, then stop and ask how {first} sees it.",
    "Deliver it in person, early in the week, and leave time for {first} to respond.",
];

pub(super) const FEEDBACK_AFTER_RECEIVED: &[&str] = &[
    "What I will try: one change for the next month, then ask again.",
    "I thanked {first} and asked to revisit it in a month.",
    "Worth coming back to in my weekly reflection.",
];

pub(super) const MENTORING_GIVEN: &[&str] = &[
    "Monthly mentoring session with {first}.",
    "{first} brought a situation from her team to talk through.",
    "Mentoring call with {first}; she set the agenda.",
    "Coffee with {first} for our mentoring catch-up.",
];

pub(super) const MENTORING_RECEIVED: &[&str] = &[
    "Mentoring session with {first}. I came with two questions.",
    "Monthly call with {first}; I asked for his honest read on how I am doing.",
    "{first} started by asking what I am avoiding this month.",
    "Lunch with {first}; we spent most of it on one topic.",
];

pub(super) const TAKEAWAY_HEADERS: &[&str] = &[
    "Takeaways:",
    "What I want to remember:",
    "Notes from the session:",
];

pub(super) const MENTORING_GIVEN_CLOSERS: &[&str] = &[
    "I suggested she try one small experiment before we meet again.",
    "Homework for {first}: write down one decision she delegated and how it went.",
    "She left with a plan for the next two weeks.",
];

pub(super) const MENTORING_RECEIVED_CLOSERS: &[&str] = &[
    "My homework: try this for a month and report back.",
    "I left with one clear thing to change next week.",
    "Good session. This time I need to actually do what we discussed.",
];

pub(super) const NOTE_OPENERS: &[&str] = &[
    "Quick note after talking to {first} in the hallway.",
    "Noting this so I remember it at the next conversation with {first}.",
    "Short exchange with {first} on chat today.",
    "Something {first} mentioned in passing that is worth keeping.",
];

pub(super) const REFLECTION_CLOSERS: &[&str] = &[
    "Question for next week: what is one thing I can stop doing?",
    "One thing to try: ask more questions before offering answers.",
    "Next week I want to notice when I jump in too quickly.",
    "A good week, on balance.",
    "Writing this down helps; I should do it every Friday.",
];

pub(super) const TEAM_NOTE_OPENERS: &[&str] = &[
    "Notes for myself after the meeting.",
    "Writing this down before the details fade.",
    "A few things worth keeping from today.",
    "Short notes; more in the shared doc.",
];

/// The manager's own recurring thoughts. Titles and tags as for a person's themes.
pub(super) const REFLECTIONS: &[Theme] = &[
    Theme {
        tags: &["delegation"],
        titles: &["Am I delegating enough?", "Stop doing, start trusting"],
        topics: &[],
        lines: &[
            "I caught myself rewriting a design doc section instead of leaving a comment. That is not delegation.",
            "This week I handed the planning doc to Priya and resisted checking it every day. It came back better than mine would have.",
            "The work I hold on to is usually the work I enjoy, not the work only I can do.",
            "Delegating the incident review to Marcus felt risky and turned out fine.",
        ],
    },
    Theme {
        tags: &["coding", "identity"],
        titles: &["Do I miss coding?", "Maker time"],
        topics: &[],
        lines: &[
            "Spent an evening fixing a small bug just to feel productive. I miss the clear finish line of coding.",
            "My best days now are when someone else ships something I helped unblock. It is a different kind of satisfaction.",
            "I keep one small coding task per sprint to stay close to the codebase, but it is more comfort than value.",
            "Some weeks I wonder whether I left engineering too early. Most weeks I do not.",
        ],
    },
    Theme {
        tags: &["feedback"],
        titles: &["Feedback I keep postponing", "Hard conversations"],
        topics: &[],
        lines: &[
            "I have been postponing the conversation about ownership of the ingestion service. Every week it gets harder.",
            "The constructive feedback I gave this week was late; it would have been easier a month ago.",
            "I notice I give praise easily and constructive feedback rarely. The team deserves both.",
            "Hard feedback went better than I feared. The story I told myself beforehand was worse than reality.",
        ],
    },
    Theme {
        tags: &["team-health"],
        titles: &["How is the team really?", "A look at the team"],
        topics: &[],
        lines: &[
            "The team shipped a lot this month, but on-call is wearing people down and I have not fixed it.",
            "Standups feel flat lately. I should ask in one-on-ones rather than guess why.",
            "Two people told me they do not know what the team's priorities are. That is on me.",
            "The newest engineer is doing well; the onboarding investment paid off.",
        ],
    },
    Theme {
        tags: &["managing-up", "time"],
        titles: &["Where did the week go?", "Calendar audit"],
        topics: &[],
        lines: &[
            "Counted my meetings: twenty-six this week, and half of them did not need me.",
            "I said yes to three new requests without checking with the team. I need to practise saying no.",
            "Grace heard about a delay from another manager before she heard it from me. Bad news goes first.",
            "Blocked two mornings for thinking time. Protecting them is harder than blocking them.",
        ],
    },
];

/// Notes about the team as a whole, with no one person in them.
pub(super) const TEAM_NOTES: &[Theme] = &[
    Theme {
        tags: &["planning", "sprint"],
        titles: &["Sprint planning notes", "Planning: what made the cut"],
        topics: &[],
        lines: &[
            "Sprint planning ran long again; we spent twenty minutes on one estimate.",
            "We committed to fewer stories this sprint and left room for reliability work.",
            "The payments migration takes a third of the sprint capacity.",
            "Next sprint: carry over the two unfinished stories and take no new feature work.",
        ],
    },
    Theme {
        tags: &["retro"],
        titles: &["Team retro", "Retro takeaways"],
        topics: &[],
        lines: &[
            "Retro theme: too many interruptions from support requests.",
            "People liked the demo format and want to keep it.",
            "Action from the retro: rotate the person who handles support questions each week.",
            "The team asked for clearer priorities when incidents interrupt the sprint.",
        ],
    },
    Theme {
        tags: &["hiring"],
        titles: &["Hiring loop debrief", "Interview notes"],
        topics: &[],
        lines: &[
            "Debrief for the backend candidate: strong on systems, weaker on the collaboration questions.",
            "We need a better take-home exercise; the current one takes candidates too long.",
            "Two interviewers scored the same answer very differently. Time to calibrate the rubric.",
            "The panel agreed to move forward with the SRE candidate pending references.",
        ],
    },
    Theme {
        tags: &["org"],
        titles: &["All-hands notes", "Org update"],
        topics: &[],
        lines: &[
            "All-hands: reliability is the company priority for the half.",
            "New expense policy for conference travel; check it before approving the talk budget.",
            "The platform team is changing the deploy pipeline next month, and our services need small changes.",
            "Office moves to the new floor next quarter; the team wants a quiet room for focus work.",
        ],
    },
];
