"""The numbers a page may state by hand: givens of a problem, not results of a computation.

One entry per page (its path without .md) and number, as the page writes it, with the reason
it is a given. tests/book/test_prose_numbers.py reads this list; any other number of three or more
significant digits in a page's prose must be glued from the cell that computes it.
"""

PYTHON_VERSION = "a Python version the book supports, named in the README's table"

GIVENS = {
    "intro": {"3.11": PYTHON_VERSION, "3.12": PYTHON_VERSION, "3.13": PYTHON_VERSION},
    "exercises/03_plancks-law": {
        "5778": "the Sun's surface temperature in kelvin, which the question simulates",
        "6.62607015": "Planck's constant, exact by definition in the SI",
        "299792458": "the speed of light in m/s, exact by definition in the SI",
        "1.380649": "Boltzmann's constant, exact by definition in the SI",
        "2.897771955": "Wien's displacement constant, the CODATA value",
    },
}
