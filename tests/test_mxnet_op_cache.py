"""mxnet_op_cache gives MXNet the operator functions it would compile itself, or none at all.

Each import runs in a fresh Python of this environment (in this process MXNet is imported
already). The independent answer is MXNet compiling its functions itself, in a Python whose
store hook was removed before the import.
"""

import json
import marshal
import os
import subprocess
import sys
import textwrap
import types

import pytest

import mxnet_op_cache

# Every function MXNet generated from source while importing, described by what a call runs
# and what help() shows: bytecode, constants (the docstring among them), names, defaults,
# __doc__, module. The address of an operator in the library (a constant of its function)
# changes from process to process: it is described by the operator found at that address,
# asked of the library. Then how many functions came from the store.
DESCRIBE_OPERATORS = """
import ctypes, hashlib, json, sys, types
import mxnet_op_cache
{prepare}
import mxnet
from mxnet.base import _LIB, OpHandle, c_str, check_call, py_str

size, names = ctypes.c_uint(), ctypes.POINTER(ctypes.c_char_p)()
check_call(_LIB.MXListAllOpNames(ctypes.byref(size), ctypes.byref(names)))
operator_at = {{}}
for i in range(size.value):
    handle = OpHandle()
    check_call(_LIB.NNGetOpHandle(c_str(py_str(names[i])), ctypes.byref(handle)))
    operator_at[handle.value] = py_str(names[i])

def constants(code):
    return tuple(
        constants(c) if isinstance(c, types.CodeType)
        else "operator " + operator_at[c] if type(c) is int and c in operator_at
        else c
        for c in code.co_consts
    )

operators = {{}}
for module_name, module in sorted(sys.modules.items()):
    if not module_name.startswith("mxnet"):
        continue
    for name, function in sorted(vars(module).items()):
        code = getattr(function, "__code__", None)
        if code is None or code.co_filename != "<string>":
            continue
        described = repr((
            code.co_code, constants(code), code.co_names, code.co_varnames, code.co_name,
            function.__defaults__, function.__kwdefaults__, function.__doc__,
            function.__module__, function.__name__,
        ))
        operators[module_name + "." + name] = hashlib.sha256(described.encode()).hexdigest()
ops = getattr(sys.modules["mxnet.base"]._init_op_module, "ops", None)
print(json.dumps({{"operators": operators, "taken": ops.taken if ops else 0}}))
"""


def describe_operators(prepare=""):
    code = DESCRIBE_OPERATORS.format(prepare=textwrap.dedent(prepare))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_stored_functions_are_the_ones_mxnet_compiles_itself():
    stored = describe_operators()
    compiled = describe_operators("mxnet_op_cache.uninstall()")
    assert compiled["taken"] == 0
    # `make` writes the store: nearly every function comes from it.
    assert stored["taken"] > 2000
    assert len(compiled["operators"]) > 2000
    assert stored["operators"] == compiled["operators"]


def test_an_operator_from_the_store_computes_what_numpy_computes():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import mxnet; from mxnet import np, npx; npx.set_np(); import json, sys;"
            "a = np.array([[1.0, 2.0], [3.0, 4.0]]); b = np.array([[5.0], [6.0]]);"
            "ops = sys.modules['mxnet.base']._init_op_module.ops;"
            "print(json.dumps([np.dot(a, b).tolist(), (a - 1).sum().item(), ops.taken]))",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    product, total, taken = json.loads(done.stdout.strip().splitlines()[-1])
    assert product == [[17.0], [39.0]]
    assert total == 6.0
    assert taken > 2000


@pytest.fixture
def fake_mxnet(tmp_path):
    """A stand-in for `mxnet.base`: a package folder and a library file in tmp_path."""
    package = tmp_path / "mxnet"
    package.mkdir()
    library = package / "libmxnet.so"
    library.write_bytes(b"library")
    return types.SimpleNamespace(
        __file__=str(package / "base.py"),
        __version__="1.9.1",
        _LIB=types.SimpleNamespace(_name=str(library)),
    )


def write(base, store):
    with open(mxnet_op_cache.store_path(os.path.dirname(base.__file__)), "wb") as handle:
        marshal.dump(store, handle)


FUNCTIONS = {
    ("mxnet.ndarray.register", "dot", "dot"): (compile("x = 123", "<string>", "exec"), "", 123)
}


def test_a_store_for_this_library_is_read(fake_mxnet):
    write(fake_mxnet, {"mark": mxnet_op_cache.mark(fake_mxnet), "functions": FUNCTIONS})
    assert mxnet_op_cache.read_store(fake_mxnet) == FUNCTIONS


def test_a_store_for_another_library_file_is_not_used(fake_mxnet):
    write(fake_mxnet, {"mark": mxnet_op_cache.mark(fake_mxnet), "functions": FUNCTIONS})
    with open(fake_mxnet._LIB._name, "ab") as library:
        library.write(b" rebuilt")
    assert mxnet_op_cache.read_store(fake_mxnet) is None


def test_a_store_for_another_mxnet_is_not_used(fake_mxnet):
    write(fake_mxnet, {"mark": mxnet_op_cache.mark(fake_mxnet), "functions": FUNCTIONS})
    fake_mxnet.__version__ = "1.9.2"
    assert mxnet_op_cache.read_store(fake_mxnet) is None


@pytest.mark.parametrize("content", [b"", b"not marshal data", marshal.dumps([1, 2])])
def test_a_damaged_or_missing_store_is_not_used(fake_mxnet, content):
    assert mxnet_op_cache.read_store(fake_mxnet) is None
    path = mxnet_op_cache.store_path(os.path.dirname(fake_mxnet.__file__))
    with open(path, "wb") as handle:
        handle.write(content)
    assert mxnet_op_cache.read_store(fake_mxnet) is None


def test_mxnet_imports_and_compiles_its_functions_when_the_store_is_damaged(tmp_path):
    # The store beside a copy of nothing but the check: read_store is pointed at a damaged
    # file by patching store_path, then MXNet is imported for real.
    damaged = tmp_path / "store"
    damaged.write_bytes(b"damaged")
    result = describe_operators(f"mxnet_op_cache.store_path = lambda mxnet_dir: {str(damaged)!r}")
    assert result["taken"] == 0
    assert len(result["operators"]) > 2000


def test_writing_the_store_after_mxnet_was_imported_is_refused():
    import mxnet  # noqa: F401

    with pytest.raises(RuntimeError, match="before MXNet is imported"):
        mxnet_op_cache.write_store()


def test_the_command_names_the_option_it_needs(capsys):
    with pytest.raises(SystemExit) as stopped:
        mxnet_op_cache.main([])
    assert stopped.value.code == 2
    assert "--install" in capsys.readouterr().err
