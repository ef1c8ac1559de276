"""The demo story: three months of mentoring, as data (``demo`` files it).

Ada Lovelace is a formal mentor with a fortnightly cadence; Grace Hopper an informal one met
over coffee; Margaret Hamilton a short mentoring that ended with a closing, and an update sent
since. A ``CheckIn`` is the mentor, the day, the hour and the minutes, the notes, then what it
filed; an ``At`` is the day, the hour and its steps. Days count from the day the demo runs
(``-82``: 82 days before it); todos, advice, topics, goals, skills and offers are named by the
ids they get as the story is filed in order.
"""

from __future__ import annotations

from mentorlog.journal.demo import (
    Applied,
    At,
    Chapter,
    CheckIn,
    Closed,
    Ended,
    MonthsAfter,
    NewAgreement,
    NewFeedback,
    NewGoal,
    NewMentor,
    NewOffer,
    NewSkill,
    NewTodo,
    NewTopic,
    NewUpdate,
    NoNextCheckin,
    OfferDone,
    Parked,
    Rated,
    Ratings,
    TodoDone,
    TodoForGoal,
)

AGREEMENT = """## Purpose

Grow from senior engineer towards staff: lead design reviews with confidence.

## Goals

- Lead a design review end to end

## How we meet

Every two weeks, Tuesdays at 15:00, 45 minutes, on video. I send an agenda the day before.

## Feedback

Ada tells me straight away when a review goes off course; I ask for feedback at least once a month.

## Confidentiality

What we discuss stays between us unless we agree otherwise.

## Term and closing

Six months. Either of us can close it early, without blame, with a short note."""

CLOSING = """## What we set out to do

Get better at estimating and saying no to work that does not fit.

## What I achieved

I now give estimates as ranges, and I turned down two side projects this quarter.

## What worked

Short, focused check-ins with one question each.

## What I would do differently

Agree on a term at the start.

## Thanks

Thank you, Margaret, for three honest months and for teaching me to say no kindly."""

MENTORS = Chapter(
    "Two mentors and their goals",
    [
        At(-92, 9, [
            NewMentor(
                "Ada Lovelace", org="Platform Engineering", contact="ada@example.org", every="fortnightly"
            ),
            NewMentor("Grace Hopper", kind="informal", org="Compilers guild"),
            NewGoal("ada", "Lead a design review end to end", by=+60),
            NewGoal("grace", "Give a talk at the internal tech forum", by=+40),
            NewTopic("ada", "How do senior engineers decide what not to do?"),
        ]),
    ],
)  # fmt: skip

MONTH_ONE = Chapter(
    "Month one",
    [
        CheckIn(
            "ada", -82, 15, 45,
            "First check-in. Agreed to meet every two weeks.\n\n"
            "- I want to grow towards **staff engineer**\n- Ada suggested starting with design reviews",
            todos=[("Read three past design docs from the platform team", -75)],
            advice=["Before every meeting, write down the decision you want from it"],
            raised=[1],
        ),
        At(-76, 18, [
            TodoDone(1, -76),
            Applied(
                1, "Wrote the decision I wanted at the top of the sprint planning doc", -76, "worked",
                "The meeting ended 15 minutes early with a clear owner.",
            ),
            NewTopic("ada", "Is it too early to ask to lead a review?", "concern"),
        ]),
        CheckIn(
            "grace", -75, 12, 30,
            "Coffee with Grace. She told the story of the first compiler; mostly about persistence.",
            advice=["Explain it to a newcomer first; if they get it, the talk is ready"],
            thanks=["Thanked Grace for making time on a busy week"],
        ),
        CheckIn(
            "ada", -68, 15, 40,
            "Talked about the concern: not too early. Pick a small service first.",
            reviewed=True,
            todos=[("Volunteer to co-review the caching RFC", -60)],
            advice=["Ask for the scariest part of a design first", "Keep a decision log for every review"],
            raised=[2],
        ),
    ],
)  # fmt: skip

MONTH_TWO = Chapter(
    "Month two",
    [
        At(-62, 17, [
            TodoDone(2, -62, "Co-reviewed with Sam"),
            Applied(
                3, "Opened the caching RFC review by asking for the riskiest part", -62, "worked",
                "We found the cache-stampede issue in the first ten minutes.",
            ),
            NewTodo("grace", "Draft an outline for the tech forum talk", goal=2, due=-30),
        ]),
        CheckIn(
            "ada", -54, 15, 50,
            "Went through the caching review. Ada: good instincts, write more of it down.",
            reviewed=True,
            todos=[
                ("Lead the review of the queue migration RFC", -20),
                ("Write a one-page review checklist", -3),
            ],
            advice=["Send the review agenda a day ahead"],
            thanks=["Thanked Ada for the intro to the storage team"],
        ),
        At(-52, 9, [
            TodoForGoal(4, goal=1),  # the migration review
            Applied(
                1, "Same trick for the on-call handover", -50, "mixed",
                "Helped me, but the others did not read it beforehand.",
            ),
        ]),
        CheckIn(
            "grace", -45, 12, 25,
            "Grace on talks: one idea per slide, and rehearse out loud twice.",
            reviewed=True,
            advice=["Rehearse the talk out loud twice, once for someone outside the team"],
            asks=["Would you look at my outline when it is ready?"],
        ),
        CheckIn(
            "ada", -40, 15, 45,
            "Short one: Ada was travelling. Planned the queue migration review together.",
            late=True,
            advice=["Timebox reviews to 45 minutes and park the rest"],
        ),
    ],
)  # fmt: skip

MONTH_THREE = Chapter(
    "Month three",
    [
        At(-33, 10, [
            Parked(6, -1, "After the migration review"),
            Applied(5, "Sent the queue migration agenda the day before", -30, "worked"),
        ]),
        At(-27, 16, [
            TodoDone(3, -27, "Outline done; 12 slides"),
            Applied(
                2, "Walked a new joiner through the outline", -27, "worked",
                "She asked the questions the audience will ask.",
            ),
        ]),
        CheckIn(
            "ada", -26, 15, 45,
            "Queue migration review went well. Next: run one alone.",
            reviewed=True,
            done=[4],
            todos=["Run the review of the search indexing design alone"],
            thanks=["Thanked Ada for backing me in the migration review"],
        ),
        CheckIn(
            "grace", -20, 12, 30,
            "Grace read the outline: cut the history section, start with the demo.",
            reviewed=True,
            raised=[3],
            todos=[("Rehearse the talk with Priya", +2)],
            advice=["Start with the demo, explain after"],
            thanks=["Thanked Grace for reading the outline so carefully"],
        ),
        At(-16, 11, [
            TodoForGoal(6, goal=1),  # run a review alone
            Applied(
                4, "Started a decision log for the search indexing design", -15, "unsure",
                "Useful to me; not sure anyone else reads it yet.",
            ),
        ]),
        CheckIn(
            "ada", -12, 15, 50,
            "Ada pushed on trade-offs: what did the search design give up?",
            reviewed=True,
            advice=["Write the 'what we give up' section before the 'what we get' one"],
        ),
        At(-5, 18, [
            Applied(
                9, "Wrote the trade-offs section first in the indexing review notes", -5, "worked",
                "The review discussion stayed on the real choices.",
            ),
            NewTodo("ada", "Send Ada the indexing review notes"),
            TodoDone(8, -4),
            NewTopic("ada", "How do I turn the review checklist into a team habit?"),
            NewTopic("ada", "Could you give me feedback on how I ran the indexing review?", "feedback"),
            NewTopic("ada", "The indexing review finished on time, with a decision", "win"),
            NoNextCheckin("grace"),
        ]),
    ],
)  # fmt: skip

# An agreement with Ada (revised once), and Margaret: a short mentoring that ended with a
# closing, and an update sent since.
RELATIONSHIP = Chapter(
    "The relationship",
    [
        At(-88, 18, [
            NewAgreement("ada", AGREEMENT.replace("Six months.", "Three months, then we decide."), -88),
        ]),
        At(-54, 18, [
            NewAgreement("ada", AGREEMENT, -54, term_end=MonthsAfter(-88, 6), revisit_by=+30),
        ]),
        At(-91, 9, [
            NewMentor("Margaret Hamilton", org="Apollo guild", contact="margaret@example.org"),
        ]),
        CheckIn("margaret", -84, 11, 30, "Estimates as ranges, not dates.", advice=["Estimate in ranges"]),
        CheckIn("margaret", -63, 11, 30, "How to say no to a side project."),
        At(-35, 17, [
            Ended("margaret", -35),
            Closed("margaret", -35, CLOSING, keep_in_touch="2 months"),
        ]),
        At(-10, 19, [
            NewUpdate("margaret", "The range estimates stuck: the team plans in ranges now.", -10),
        ]),
    ],
)  # fmt: skip

# Two skills rated as they grew, feedback, how useful the check-ins were, and an introduction
# Ada made (thanked) and a review Grace offered (still open).
GROWTH = Chapter(
    "Growth: skills, feedback, offers",
    [
        At(-90, 20, [
            NewSkill("Running design reviews", -90, "ada", 1, 2, "Sat in on two reviews; said little"),
            NewSkill("Speaking to a room", -90, "grace", 2, 1, "Avoided the demo day slot"),
        ]),
        At(-60, 20, [
            Rated(1, 3, -60, "Co-ran the caching RFC review with Sam"),
            NewOffer("ada", "Introduce me to the storage team lead", -60, person="Sam Okafor"),
        ]),
        At(-56, 18, [
            OfferDone(1, -56, "Met Sam; co-reviewing the caching RFC"),
        ]),
        At(-12, 18, [
            Rated(1, 4, -12, "Ran the indexing review alone, ended with a decision"),
            Rated(2, 2, -12, "Gave the outline to Grace out loud"),
            NewOffer("grace", "Review my talk slides before the forum", -12),
            NewOffer("ada", "Introduce me to the architecture forum's chair", -12, person="Priya Raman"),
            NewFeedback("ada", "Lead with the decision you need; the context can follow", -12),
            Ratings("ada", (4, 3, 4, 3, 3)),
        ]),
    ],
)  # fmt: skip

STORY = [MENTORS, MONTH_ONE, MONTH_TWO, MONTH_THREE, RELATIONSHIP, GROWTH]
