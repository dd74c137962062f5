"""mxnet_compat restores what MXNet reads from NumPy, and nothing NumPy already has.

Each check runs in a fresh Python of this environment: in this process MXNet has been
imported already, so NumPy here has had its names restored.
"""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import mxnet_compat


def run(code):
    """Run `code` in a fresh Python of this environment; return what it printed as JSON."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


# In a fresh process: which names did NumPy lack, which did restore() add, and did any
# name NumPy had change? Read before MXNet is imported, so the import hook has not run.
BEFORE_AND_AFTER = run(
    """
    import json, warnings
    import numpy
    import mxnet_compat

    mxnet_compat.uninstall()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        had = {name: getattr(numpy, name) for name in dir(numpy)}
        lacked = [n for n in mxnet_compat._replacements() if not hasattr(numpy, n)]
    added = mxnet_compat.restore()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        changed = [n for n, value in had.items() if getattr(numpy, n) is not value]
    print(json.dumps({"lacked": lacked, "added": added, "changed": changed,
                      "numpy": numpy.__version__}))
    """
)


def mxnet_reads_from_numpy():
    """The NumPy names MXNet's own source reads while it is imported, from that source."""
    import importlib.util
    import re

    root = Path(importlib.util.find_spec("mxnet").origin).parent
    utils = (root / "numpy" / "utils.py").read_text()
    fallback = (root / "numpy" / "fallback.py").read_text()
    dispatch = (root / "numpy_dispatch_protocol.py").read_text()
    names = set(re.findall(r"= onp\.(\w+)$", utils + fallback, re.M))
    listed = dispatch.split("_NUMPY_ARRAY_FUNCTION_LIST = [")[1].split("]")[0]
    names |= {name for name in re.findall(r"'(\w+)'", listed)}
    return names


def test_restores_exactly_the_names_numpy_lacks():
    assert BEFORE_AND_AFTER["added"] == sorted(BEFORE_AND_AFTER["lacked"])


def test_leaves_every_name_numpy_has_untouched():
    assert BEFORE_AND_AFTER["changed"] == []


def test_after_restore_numpy_has_every_name_mxnet_reads():
    names = sorted(mxnet_reads_from_numpy())
    assert len(names) > 100  # the scan found MXNet's lists, not an empty file
    missing = run(
        f"""
        import json, warnings
        import numpy
        import mxnet_compat

        mxnet_compat.uninstall()
        mxnet_compat.restore()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            print(json.dumps([n for n in {names!r} if not hasattr(numpy, n)]))
        """
    )
    assert missing == []


# For each name: code run on NumPy after restore(), and the value it must give, worked out
# by hand from what the name meant in NumPy 1.23.
RESTORED_VALUES = {
    "bool": ("numpy.bool is bool", True),
    "PZERO": ("math.copysign(1, numpy.PZERO) * (numpy.PZERO == 0)", 1.0),
    "NZERO": ("math.copysign(1, numpy.NZERO) * (numpy.NZERO == 0)", -1.0),
    "PINF": ("numpy.PINF == math.inf", True),
    "NINF": ("numpy.NINF == -math.inf", True),
    "Inf": ("numpy.Inf == math.inf", True),
    "NAN": ("math.isnan(numpy.NAN)", True),
    "NaN": ("math.isnan(numpy.NaN)", True),
    "alltrue": ("[bool(numpy.alltrue([1, 0])), bool(numpy.alltrue([1, 2]))]", [False, True]),
    "sometrue": ("[bool(numpy.sometrue([0, 0])), bool(numpy.sometrue([0, 2]))]", [False, True]),
    "round_": ("numpy.round_([1.26, -2.74], 1).tolist()", [1.3, -2.7]),
    "product": ("int(numpy.product([2, 3, 7]))", 42),
    # The trapezoid rule over 1, 2, 3 with unit spacing: (1 + 2) / 2 + (2 + 3) / 2.
    "trapz": ("float(numpy.trapz([1, 2, 3]))", 4.0),
    "in1d": ("numpy.in1d([[1, 2], [3, 4]], [2, 3]).tolist()", [False, True, True, False]),
    "msort": ("numpy.msort([[3, 1], [1, 2]]).tolist()", [[1, 1], [3, 2]]),
    "compat": ("numpy.compat.basestring is str", True),
}
FINANCIAL = ["mirr", "npv", "pmt", "ppmt", "pv", "rate"]


def restored_here(name):
    if name not in BEFORE_AND_AFTER["added"]:
        pytest.skip(f"NumPy {BEFORE_AND_AFTER['numpy']} has numpy.{name} itself")


@pytest.mark.parametrize("name", sorted(RESTORED_VALUES))
def test_restored_name_means_what_it_meant(name):
    restored_here(name)
    code, expected = RESTORED_VALUES[name]
    value = run(
        f"""
        import json, math
        import numpy
        import mxnet_compat

        mxnet_compat.uninstall()
        mxnet_compat.restore()
        print(json.dumps({code}))
        """
    )
    assert value == expected


@pytest.mark.parametrize("name", FINANCIAL)
def test_restored_financial_function_raises_as_numpy_did(name):
    restored_here(name)
    message = run(
        f"""
        import json
        import numpy
        import mxnet_compat

        mxnet_compat.uninstall()
        mxnet_compat.restore()
        try:
            numpy.{name}(0.1, 1)
        except RuntimeError as error:
            print(json.dumps(str(error)))
        """
    )
    assert "numpy_financial" in message


def test_each_restored_function_is_its_own_object():
    """MXNet keys its overrides by function object: an alias must not be the function.

    (NumPy 1.23's own round_ is round; only what restore() adds is checked.)
    """
    same = run(
        """
        import json
        import numpy
        import mxnet_compat

        mxnet_compat.uninstall()
        added = mxnet_compat.restore()
        pairs = [("round_", "round"), ("product", "prod"), ("sometrue", "any"),
                 ("alltrue", "all")]
        print(json.dumps([a for a, b in pairs
                          if a in added and getattr(numpy, a) is getattr(numpy, b)]))
        """
    )
    assert same == []


def test_mxnet_still_overrides_round_prod_and_any():
    """NumPy's round, prod and any, given an MXNet array, run MXNet's code (not NumPy's)."""
    results = run(
        """
        import json
        import numpy
        from mxnet import np

        x = np.array([1.26, 2.0])
        answers = [numpy.round(x, 1), numpy.prod(x), numpy.any(np.array([0.0, 0.0]))]
        print(json.dumps([[type(a).__module__, a.tolist()] for a in answers]))
        """
    )
    modules = [module for module, _ in results]
    assert modules == ["mxnet.numpy"] * 3
    rounded, product, any_true = (value for _, value in results)
    assert rounded == pytest.approx([1.3, 2.0])
    assert product == pytest.approx(1.26 * 2.0)
    assert any_true is False


def test_environment_restores_before_a_first_import_of_mxnet():
    """As in a student's new notebook: the first line imports MXNet, nothing before it."""
    total = run(
        """
        import json
        from mxnet import np

        print(json.dumps(float(np.arange(5).sum())))
        """
    )
    assert total == 10.0


def test_failed_import_names_the_tested_versions():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import numpy; del numpy.float32\nimport mxnet",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    last_line = done.stderr.strip().splitlines()[-1]
    assert last_line.startswith("ImportError: MXNet 1.9.1 could not be imported with NumPy")
    for python, numpy_version in mxnet_compat.TESTED_NUMPY.items():
        assert f"NumPy {numpy_version} on Python {python}" in last_line
    assert "AttributeError" in last_line
    # One error, not MXNet's chain of tracebacks.
    assert "During handling of the above exception" not in done.stderr


def test_write_pth_names_a_missing_folder(tmp_path):
    missing = tmp_path / "no-such-folder"
    with pytest.raises(ValueError, match="site_packages: expected an existing folder"):
        mxnet_compat.write_pth(str(missing))
    assert not missing.exists()


def test_written_pth_installs_the_hook_at_start_up(tmp_path):
    path = mxnet_compat.write_pth(str(tmp_path))
    hooked = run(
        f"""
        import json, site, sys
        import mxnet_compat

        mxnet_compat.uninstall()
        site.addsitedir({str(tmp_path)!r})
        print(json.dumps([type(f).__name__ for f in sys.meta_path]))
        """
    )
    assert Path(path).name == "mxnet_compat.pth"
    assert hooked.count("_RestoreBeforeMXNet") == 1
