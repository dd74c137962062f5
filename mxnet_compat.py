"""Let MXNet 1.9.1 import on the newer NumPy releases this book pins for Python 3.12 and 3.13.

MXNet 1.9.1 is the last release and reads, while it is imported, NumPy names that NumPy has
since removed: `numpy.bool` (removed in 1.24) and, in 2.0 and later, constants such as
`numpy.PZERO` and aliases such as `numpy.round_`. `restore()` puts back only the names the
installed NumPy lacks, with the meaning they had in NumPy 1.23, and never replaces a name
NumPy has. `install()` arranges for `restore()` to run right before `mxnet` is first imported,
so importing NumPy is not paid by programs that never import MXNet.

In the environments `make` creates, a `.pth` file calls `install()` when Python starts
(`python -m mxnet_compat --install` writes it), so every notebook kernel, pytest worker and
book build has it before its first `import mxnet`. Elsewhere, call `mxnet_compat.restore()`
before importing MXNet.
"""

import importlib.util
import math
import sys
import types
import warnings

MXNET_VERSION = "1.9.1"
# The NumPy that supported-pythons.txt pins for each Python, all tested with MXNet 1.9.1 (a
# wheel installed in Colab has no supported-pythons.txt; tests/tools/test_check_python.py
# checks that the two agree).
TESTED_NUMPY = {"3.11": "1.23.5", "3.12": "1.26.4", "3.13": "2.5.5"}
PTH_NAME = "mxnet_compat.pth"
PTH_LINE = (
    "import importlib.util; "
    "importlib.util.find_spec('mxnet_compat') and __import__('mxnet_compat').install()\n"
)


def _alias(target_name, old_name):
    """A new function object that calls `numpy.<target_name>`.

    MXNet registers its `__array_function__` overrides in a table keyed by the NumPy
    function object; were `round_` the object `numpy.round` itself, registering `round_`
    would replace MXNet's override of `round`.
    """

    def alias(*args, **kwargs):
        import numpy

        return getattr(numpy, target_name)(*args, **kwargs)

    alias.__name__ = alias.__qualname__ = old_name
    alias.__doc__ = f"Removed from NumPy; restored for MXNet as a call to numpy.{target_name}."
    return alias


def _in1d(ar1, ar2, assume_unique=False, invert=False):
    import numpy

    return numpy.isin(ar1, ar2, assume_unique=assume_unique, invert=invert).ravel()


def _msort(a):
    import numpy

    return numpy.sort(a, axis=0)


def _financial(name):
    """NumPy 1.20 to 1.26 answered these names with a function that raises; so does this."""

    def removed(*args, **kwargs):
        raise RuntimeError(
            f"numpy.{name} was removed in NumPy 1.20 (NEP 32); it is in the numpy_financial package"
        )

    removed.__name__ = removed.__qualname__ = name
    return removed


def _replacements():
    """Each name MXNet 1.9.1 reads from NumPy, with the value it had in NumPy 1.23."""
    compat = types.ModuleType("numpy.compat", "Restored for MXNet: basestring only.")
    compat.basestring = str
    names = {
        "bool": bool,
        "PZERO": 0.0,
        "NZERO": -0.0,
        "PINF": math.inf,
        "NINF": -math.inf,
        "NAN": math.nan,
        "NaN": math.nan,
        "Inf": math.inf,
        "alltrue": _alias("all", "alltrue"),
        "sometrue": _alias("any", "sometrue"),
        "round_": _alias("round", "round_"),
        "product": _alias("prod", "product"),
        "trapz": _alias("trapezoid", "trapz"),
        "in1d": _in1d,
        "msort": _msort,
        "compat": compat,
    }
    for name in ("mirr", "npv", "pmt", "ppmt", "pv", "rate"):
        names[name] = _financial(name)
    return names


def _has(module, name):
    # NumPy warns when a deprecated name is read; reading it here is not the user's doing.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return hasattr(module, name)


def missing_names():
    """The names MXNet reads that the installed NumPy lacks, sorted."""
    import numpy

    return sorted(name for name in _replacements() if not _has(numpy, name))


def _make_distutils_importable():
    """MXNet imports `distutils`, which Python 3.12 removed; setuptools provides it.

    setuptools makes `import distutils` work from a start-up hook (`_distutils_hack`); in a
    process that was already running when setuptools was installed (a notebook kernel),
    importing setuptools does the same.
    """
    if sys.version_info < (3, 12) or "_distutils_hack" in sys.modules:
        return
    if "distutils" not in sys.modules and importlib.util.find_spec("setuptools"):
        import setuptools  # noqa: F401


def restore():
    """Add to `numpy` each name MXNet reads that it lacks; returns the names added, sorted.

    A name NumPy has is never touched, so on NumPy 1.23 this adds nothing.
    """
    import numpy

    _make_distutils_importable()

    added = []
    for name, value in _replacements().items():
        if not _has(numpy, name):
            setattr(numpy, name, value)
            added.append(name)
    return sorted(added)


def import_error_message(error):
    """One paragraph for an MXNet that still fails to import: what was tried, what was tested."""
    import numpy

    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    tested = ", ".join(f"NumPy {v} on Python {p}" for p, v in TESTED_NUMPY.items())
    return (
        f"MXNet {MXNET_VERSION} could not be imported with NumPy {numpy.__version__} on "
        f"Python {python}, even with the names mxnet_compat restores "
        f"({type(error).__name__}: {error}). This book was tested with {tested}: "
        "install the versions that requirements.txt pins for your Python."
    )


class _ExplainingLoader:
    """MXNet's own loader, with a short error naming the tested versions if loading fails."""

    def __init__(self, loader):
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        try:
            self._loader.exec_module(module)
        except Exception as error:
            raise ImportError(import_error_message(error), name="mxnet") from None

    def __getattr__(self, name):
        return getattr(self._loader, name)


class _RestoreBeforeMXNet:
    """An import hook: on the first `import mxnet`, restore NumPy's names, then step aside."""

    def find_spec(self, name, path=None, target=None):
        if name != "mxnet":
            return None
        uninstall()
        restore()
        spec = importlib.util.find_spec("mxnet")
        if spec is not None and spec.loader is not None:
            spec.loader = _ExplainingLoader(spec.loader)
        return spec


def install():
    """Run `restore()` right before `mxnet` is first imported (at once if it already was)."""
    if "mxnet" in sys.modules:
        restore()
    elif not any(isinstance(finder, _RestoreBeforeMXNet) for finder in sys.meta_path):
        sys.meta_path.insert(0, _RestoreBeforeMXNet())


def uninstall():
    """Remove the import hook that `install()` added."""
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _RestoreBeforeMXNet)]


def write_pth(site_packages):
    """Write the `.pth` file that calls `install()` at every start of this environment's Python.

    site_packages: the environment's site-packages folder. Returns the file's path.
    """
    import os

    if not os.path.isdir(site_packages):
        raise ValueError(f"site_packages: expected an existing folder, got {site_packages!r}")
    path = os.path.join(site_packages, PTH_NAME)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(PTH_LINE)
    return path


def main(argv=None):
    import argparse
    import sysconfig

    parser = argparse.ArgumentParser(
        prog="python -m mxnet_compat",
        description="Make `import mxnet` work with this Python's NumPy in this environment.",
    )
    parser.add_argument(
        "--install",
        action="store_true",
        help=f"write {PTH_NAME} into this environment's site-packages, so that every Python "
        "process started from it restores NumPy's names before importing MXNet",
    )
    args = parser.parse_args(argv)
    if args.install:
        print(write_pth(sysconfig.get_paths()["purelib"]))
    else:
        print("NumPy names MXNet needs and this NumPy lacks:", " ".join(missing_names()) or "none")


if __name__ == "__main__":
    main()
