"""Compile MXNet's operator functions once per environment, not at every `import mxnet`.

While it is imported, MXNet 1.9.1 writes the Python source of each of its operator functions
(`mxnet.np.dot`, `mxnet.nd.sgd_update`, about 2,300 of them) from its C++ library's
description, and compiles it: half of the import, paid again by every notebook kernel, test
worker and book build. `write_store()` imports MXNet once and keeps each function's compiled
code and docstring in a file beside the `mxnet` package, marked with the library file, MXNet
and Python they came from; `install()` makes every later import take them from there. A
store marked otherwise, or unreadable, is not used: MXNet then writes the functions itself.

The one thing in a function's source that changes from process to process is the address of
its operator in the library (its handle), written as a number: the stored code keeps the
address it was written with, and each import puts in the address of its own process.

In the environments `make` creates, a `.pth` file calls `install()` when Python starts
(`python -m mxnet_op_cache --install` writes it and the store).
"""

import importlib.machinery
import importlib.util
import marshal
import os
import sys
import types

STORE_NAME = "mxnet_op_cache.marshal"
# The layout of a store's entries; a store of another layout is not used.
LAYOUT = 2
PTH_NAME = "mxnet_op_cache.pth"
PTH_LINE = (
    "import importlib.util; "
    "importlib.util.find_spec('mxnet_op_cache') and __import__('mxnet_op_cache').install()\n"
)
# The functions in MXNet's register modules that write an operator function's source.
GENERATORS = ("_generate_ndarray_function_code", "_generate_symbol_function_code")


def store_path(mxnet_dir):
    """The store of the MXNet installed in mxnet_dir (the `mxnet` package's folder)."""
    return os.path.join(os.path.dirname(mxnet_dir), STORE_NAME)


def mark(base):
    """What a store is valid for: its layout, this Python's bytecode, MXNet, its library file."""
    library = base._LIB._name
    stat = os.stat(library)
    python = importlib.util.MAGIC_NUMBER
    return (LAYOUT, python, base.__version__, library, stat.st_size, stat.st_mtime_ns)


def read_store(base):
    """The stored functions if the store was written for this MXNet and Python, else None."""
    try:
        with open(store_path(os.path.dirname(base.__file__)), "rb") as handle:
            store = marshal.load(handle)
        if store["mark"] == mark(base):
            return store["functions"]
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        pass
    return None


def with_handle(code, old, new):
    """code (and the code inside it) with each constant equal to the int old replaced by new."""
    consts = tuple(
        new
        if type(const) is int and const == old
        else with_handle(const, old, new)
        if isinstance(const, types.CodeType)
        else const
        for const in code.co_consts
    )
    return code.replace(co_consts=consts)


class _Ops:
    """Stands in for MXNet's source writers while MXNet registers its operators.

    stored: {(register module, op name, function name): (code, docstring, handle written)}
    to answer from, or None; recorded: a dict to fill the same way, or None; taken: how many
    functions came from stored.
    """

    def __init__(self, stored=None, recorded=None):
        self.stored, self.recorded = stored, recorded
        self.taken = 0

    def writer(self, generate, module_name):
        """A stand-in for generate, the source writer of the register module module_name."""

        def generate_or_take(handle, op_name, func_name, signature_only=False):
            key = (module_name, op_name, func_name)
            if signature_only:
                return generate(handle, op_name, func_name, signature_only)
            if self.stored is not None and key in self.stored:
                code, doc, written = self.stored[key]
                self.taken += 1
                return with_handle(code, written, handle.value), doc
            source, doc = generate(handle, op_name, func_name)
            code = compile(source, "<string>", "exec")
            # Stored only if the handle is the one number of the source that could be it.
            if self.recorded is not None and source.count(str(handle.value)) == 1:
                self.recorded[key] = (code, doc, handle.value)
            return code, doc

        return generate_or_take

    def registering(self, register):
        """MXNet's `register(..., make_op_func)`, with make_op_func's module using writer()."""

        def register_with_stored_code(*args, **kwargs):
            make_op_func = kwargs.get("make_op_func", args[-1] if args else None)
            names = make_op_func.__globals__
            originals = {name: names[name] for name in GENERATORS if name in names}
            for name, generate in originals.items():
                names[name] = self.writer(generate, names["__name__"])
            try:
                return register(*args, **kwargs)
            finally:
                names.update(originals)

        register_with_stored_code.ops = self
        return register_with_stored_code


class _Loader:
    """Loads `mxnet.base` as usual, then routes its operator registration through _Ops."""

    def __init__(self, loader, ops):
        self._loader, self._ops = loader, ops

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, base):
        self._loader.exec_module(base)
        ops = self._ops
        if ops.recorded is None:
            ops.stored = read_store(base)
            if ops.stored is None:
                return
        base._init_op_module = ops.registering(base._init_op_module)
        base._init_np_op_module = ops.registering(base._init_np_op_module)

    def __getattr__(self, name):
        return getattr(self._loader, name)


class _BeforeMXNetBase:
    """An import hook: when `mxnet.base` is first imported, wrap its loader, then step aside."""

    def __init__(self, ops):
        self.ops = ops

    def find_spec(self, name, path=None, target=None):
        if name != "mxnet.base":
            return None
        uninstall()
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader, self.ops)
        return spec


def install(ops=None):
    """Let the next first import of MXNet take its operator functions from the store."""
    if "mxnet.base" not in sys.modules:
        uninstall()
        sys.meta_path.insert(0, _BeforeMXNetBase(ops or _Ops()))


def uninstall():
    """Remove the import hook that `install()` added."""
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _BeforeMXNetBase)]


def write_store():
    """Import MXNet, keeping what it compiles, and store it beside MXNet; returns the path.

    Must run in a process that has not imported MXNet yet.
    """
    if "mxnet" in sys.modules:
        raise RuntimeError("write_store() must run before MXNet is imported in this process")
    recorded = {}
    install(_Ops(recorded=recorded))
    import mxnet.base

    path = store_path(os.path.dirname(mxnet.base.__file__))
    temporary = f"{path}.{os.getpid()}"
    try:
        with open(temporary, "wb") as handle:
            marshal.dump({"mark": mark(mxnet.base), "functions": recorded}, handle)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return path


def main(argv=None):
    import argparse
    import sysconfig

    parser = argparse.ArgumentParser(
        prog="python -m mxnet_op_cache",
        description="Compile MXNet's operator functions once for this environment.",
    )
    parser.add_argument(
        "--install",
        action="store_true",
        help=f"write the store beside MXNet and {PTH_NAME} into site-packages, so that every "
        "Python process started from this environment imports MXNet from the store",
    )
    if not parser.parse_args(argv).install:
        parser.error("nothing to do: pass --install")
    print(write_store())
    path = os.path.join(sysconfig.get_paths()["purelib"], PTH_NAME)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(PTH_LINE)
    print(path)


if __name__ == "__main__":
    # Run as the module the .pth file imports, so there is one import hook class.
    import mxnet_op_cache

    mxnet_op_cache.main()
