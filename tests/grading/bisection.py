"""A student who bisects on a self-check's messages instead of fitting: the attack the checks
of exercises "Ohm's law" and "Planck's law" must withstand."""

import contextlib
import io


def bisect_to_a_pass(check, low, high, calls=40):
    """A student who fits nothing: bisection on "too high" and "too low", then, inside the
    zone that gives no direction, both of its edges found by bisection and their midpoint
    tried, then a scan outwards from it. True if any of `calls` calls passes."""
    said = {}

    def ask(value):
        if len(said) >= calls:
            raise StopIteration
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            passed = check(value)
        said[value] = "right" if passed else printed.getvalue()
        return said[value]

    def edge(outside, inside):
        for _ in range(15):
            middle = (outside + inside) / 2
            if "close" in ask(middle):
                inside = middle
            else:
                outside = middle
        return inside

    try:
        middle = (low + high) / 2
        while True:
            verdict = ask(middle)
            if verdict == "right":
                return True
            if "close" in verdict:
                break
            low, high = (low, middle) if "too high" in verdict else (middle, high)
            middle = (low + high) / 2
        lower, upper = edge(low, middle), edge(high, middle)
        centre, step = (lower + upper) / 2, (upper - lower) / 100
        for offset in range(calls):
            for guess in (centre + offset * step, centre - offset * step):
                if ask(guess) == "right":
                    return True
    except StopIteration:
        return False
    return False
