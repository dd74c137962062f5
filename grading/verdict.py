"""One verdict for every exercise: what a self-check prints and what the grader records.

Each exercise module has a judge_* function that returns a Verdict and a check_* function,
the one its notebook calls, that prints the verdict and returns True or False. The grader
calls the same judge_* functions and writes down the Verdict instead of printing it.
"""

from dataclasses import dataclass

PASSED = "passed"
NOT_YET = "not yet"
NO_ANSWER = "no answer"
# How a self-check's printed verdict starts; students learn to look for these words.
OPENINGS = {PASSED: "Right: ", NOT_YET: "Not yet: ", NO_ANSWER: "No answer yet: "}


@dataclass(frozen=True)
class Verdict:
    """outcome: PASSED, NOT_YET or NO_ANSWER; message: the check's words, never the
    expected value."""

    outcome: str
    message: str

    @property
    def passed(self) -> bool:
        return self.outcome == PASSED

    def __str__(self) -> str:
        return OPENINGS[self.outcome] + self.message


def right(message: str) -> Verdict:
    return Verdict(PASSED, message)


def not_yet(message: str) -> Verdict:
    return Verdict(NOT_YET, message)


def no_answer(message: str) -> Verdict:
    return Verdict(NO_ANSWER, message)


def announce(verdict: Verdict) -> bool:
    """Print the verdict as a self-check cell shows it; return True if it passed."""
    print(verdict)
    return verdict.passed
