"""mentorlog: a terminal journal for mentees."""

__version__ = "0.1.0"
