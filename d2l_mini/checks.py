"""Self-checks for the exercises: each takes a student's answer and the data, and prints a
short verdict without giving the expected value away."""

# Exercises 1 to 4.

# Exercises 5 to 7.
