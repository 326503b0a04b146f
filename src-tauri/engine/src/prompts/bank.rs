//! Question banks, written for Candor. Each question is short, open, and asks about the
//! person or the manager's own practice rather than status.

use crate::analysis::{Skill, Worry};

/// Openers for any one-on-one.
pub const OPENERS: &[&str] = &[
    "What is on your mind this week?",
    "What was the best part of the last two weeks, and the hardest?",
    "What would make this half hour most useful for you?",
    "How are you, really? Anything outside work I should know about?",
    "What has changed for you since we last talked?",
    "Where is your energy going at the moment?",
];

/// One-on-one questions by the skill they practise.
pub fn one_on_one(skill: Skill) -> &'static [&'static str] {
    match skill {
        Skill::DifficultFeedback => &[
            "There is something I would like you to do differently; can I share what I saw and hear how you see it?",
            "What is one thing I have not told you that you think I should have?",
            "Which piece of feedback from the last month surprised you?",
        ],
        Skill::Recognition => &[
            "What are you proudest of from the last few weeks? (Then tell them what you noticed.)",
            "Whose help made a difference to you lately, so we can thank them?",
            "How do you like to be recognised: in public, in private, in writing?",
        ],
        Skill::CareerGrowth => &[
            "Where would you like to be in two years, and what would help you get there?",
            "Which part of your work would you like more of? Less of?",
            "What skill do you want to build this quarter, and where could you practise it?",
            "What would make the next level feel within reach?",
        ],
        Skill::ConflictResolution => &[
            "Is there a working relationship on the team that is harder than it should be?",
            "When you disagree with someone here, what happens next?",
            "What is a decision the team keeps reopening, and who should own it?",
        ],
        Skill::Delegation => &[
            "What are you waiting on me for that you could decide yourself?",
            "Which piece of work would you like to own end to end?",
            "Where am I too involved in the details of your work?",
        ],
        Skill::ClearExpectations => &[
            "How would you describe what success looks like for you this quarter?",
            "Is anything on your plate unclear: what done looks like, or who decides?",
            "Which of your priorities would you drop if something new came in tomorrow?",
        ],
        Skill::EmpathyListening => &[
            "How are you feeling about your workload, honestly?",
            "What is something that has been frustrating you that you have not mentioned?",
            "What could I do differently to support you better?",
        ],
        Skill::NavigatingOrg => &[
            "What is happening elsewhere in the company that affects your work?",
            "Who outside the team should know about your work, and how can I help with that?",
            "Which decision from leadership would you like me to explain or push back on?",
        ],
        Skill::SelfReflection => &[
            "What should I start, stop or continue as your manager?",
            "What is one thing I did recently that did not help you?",
        ],
        Skill::KeepingPeople => &[
            "What keeps you here, and what would make you think about leaving?",
            "If you could change one thing about your job tomorrow, what would it be?",
            "What would you want your next year here to look like?",
        ],
    }
}

/// Questions that follow up a worry that keeps coming back.
pub fn worry(w: Worry) -> &'static str {
    match w {
        Worry::Workload => "Last time you sounded stretched. Is it better or worse, and what can I take off your plate?",
        Worry::Conflict => "How are things between you and the people you were at odds with? What would help?",
        Worry::Disengagement => "What would make your work feel worthwhile again?",
        Worry::CareerStagnation => "You mentioned feeling stuck. What would a real step forward look like in the next three months?",
    }
}

/// For a mentoring session the manager leads (with a mentee).
pub const MENTORING_GIVEN: &[&str] = &[
    "What situation from the last few weeks would you like to think through together?",
    "What did you try since we last met, and what happened?",
    "What decision are you putting off, and what is in the way?",
    "Whose way of working do you admire at the moment, and what would you borrow from it?",
    "If you look back a year from now, what would you like to have learned?",
    "What feedback have you received lately that you are still chewing on?",
];

/// For a session where the manager is the mentee (with their own mentor).
pub const MENTORING_RECEIVED: &[&str] = &[
    "Here is a conversation I am avoiding. How would you open it?",
    "What do you notice about how I describe my team that I might not see?",
    "How did you decide what to stop doing when you took on more scope?",
    "What should I be asking for from my manager that I am not?",
    "When did you last change your mind about how to manage, and why?",
];

/// For a one-on-one with the manager's own manager.
pub const MANAGING_UP: &[&str] = &[
    "What is the one thing you most need from my team this quarter?",
    "What risk should I tell you about before you hear it from someone else?",
    "How do you see my team's work from where you sit?",
    "What would you like me to handle without asking you?",
];

/// For a peer.
pub const PEER: &[&str] = &[
    "Where do our teams depend on each other in the next month?",
    "What is getting in the way between our teams that we could fix together?",
    "What is working well on your team that mine could try?",
];

/// The weekly reflection, three at a time.
pub const WEEKLY: &[&str] = &[
    "What went well this week, and what was my part in it?",
    "Which conversation did I avoid, and what is it costing?",
    "Whom did I recognise this week? Whom did I forget?",
    "Where did I jump in with an answer when a question would have served better?",
    "What did I decide that someone on my team could have decided?",
    "What did I learn about one of my people this week?",
    "What is one thing I will do differently next week?",
    "Where was I unclear about what I expected, and what happened because of it?",
    "What drained my energy this week, and what gave me energy?",
    "Which promise did I make this week, and have I kept it?",
    "What would my team say was my most useful contribution this week?",
    "What did I say yes to that I should have said no to?",
];

/// A first-90-days track for someone new to managing: a theme and questions per week.
pub const FIRST_90_DAYS: &[(&str, &[&str])] = &[
    ("Meeting your people", &[
        "Have I had a first one-on-one with everyone? What did each person say they need from me?",
        "What did I learn about how each person likes to work and to be recognised?",
    ]),
    ("Learning how the team works", &[
        "How does work arrive, get decided and get shipped here? Where did it surprise me?",
        "Which meetings are mine now, and which can I leave to others?",
    ]),
    ("From doing to enabling", &[
        "Which tasks did I do myself this week that someone else could have done?",
        "When did I feel most useful this week, and was it as an engineer or as a manager?",
    ]),
    ("Expectations", &[
        "Could each person on my team say what success looks like for them this quarter?",
        "What does my own manager expect of me in these first months? Have I asked?",
    ]),
    ("Your first feedback", &[
        "What feedback have I given so far, praise and constructive? Is it balanced?",
        "Is there something I have noticed and not yet said? When will I say it?",
    ]),
    ("Listening", &[
        "In my one-on-ones this week, who did most of the talking?",
        "What is one worry someone raised that I have not followed up?",
    ]),
    ("Delegating", &[
        "What did I hand over this week, and how did I describe what done looks like?",
        "Where did I take work back, and why?",
    ]),
    ("Growth conversations", &[
        "Do I know what each person wants from their career? Whom have I not asked yet?",
        "What stretch opportunity could I offer someone this month?",
    ]),
    ("Conflict", &[
        "Is there tension on the team I am hoping will sort itself out?",
        "What disagreement did I help resolve, and what did I learn from it?",
    ]),
    ("Beyond the team", &[
        "Who are the peers and partners my team depends on? Have I met them?",
        "How does my team's work connect to what the company is trying to do this year?",
    ]),
    ("Your own support", &[
        "Who can I talk to about managing: a mentor, a peer, my manager?",
        "What is one habit that is helping me, and one that is not?",
    ]),
    ("Taking stock", &[
        "What do I do differently now than in week one?",
        "What would my team say is better since I started, and what is worse?",
    ]),
    ("Looking ahead", &[
        "What are my three priorities as a manager for the next quarter?",
        "Do I enjoy this work? What would I need for the answer to be yes?",
    ]),
];

/// The monthly "is this the right path for me?" reflection.
pub const PATH: &[&str] = &[
    "Did I enjoy helping someone else grow this month more than solving a problem myself?",
    "How did facilitating meetings and decisions feel: satisfying, or something to get through?",
    "When I handled a conflict this month, did it drain me or did I feel useful?",
    "What do I miss about hands-on technical work, and how much?",
    "If a staff or principal engineer role opened tomorrow, would I be tempted? Why?",
    "Overall, from 1 to 5: how right does this path feel right now? (Record it as the mood.)",
];

/// Situation–Behaviour–Impact guidance while writing feedback.
pub const SBI: &[&str] = &[
    "Situation: when and where, specific enough that they recall it (\"in Tuesday's design review\").",
    "Behaviour: what you saw or heard, not what you think it means: no \"always\", \"never\" or judgements of character.",
    "Impact: what it caused for you, the team or the work, in plain terms.",
    "Then stop, and ask how they see it. Agree on one next step together.",
    "Praise deserves the same care: a specific situation and behaviour make it believable and repeatable.",
];
