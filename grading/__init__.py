"""The exercises' self-checks and the grader of a class.

One module per exercise, named after it: its judge_* function takes a student's answer and
the data and returns a Verdict (grading.verdict), never giving the expected value away; its
check_* function, which the notebook calls, prints that verdict. `python -m grading.grade`
grades a folder of submissions with the same judge_* functions. Teaching code lives in
d2l_mini; this package only judges answers. Nothing is imported here, so that the grader's
runner, which imports grading._answers, does not load MXNet for nothing.
"""
