"""Answers out of a kernel as plain data: encoded to JSON inside the kernel, rebuilt here.

Nothing is unpickled, and nothing the notebook defines is run in the grader: the kernel
prints JSON, and decode() rebuilds numbers, strings, lists, tuples, dicts, NumPy arrays and
MXNet arrays from it, of the types the notebook held, so that a check says in the grader
what it said in the notebook. Anything else becomes a stand-in that names its type, which
the checks refuse with the message they give in the notebook.
"""

import inspect
import json

import numpy as onp

# Array types a check can read; anything else in an array is refused as unsupported.
DTYPES = {"bool", "int8", "int16", "int32", "int64", "uint8", "float16", "float32", "float64"}
# Far more than any exercise's answer (the largest is 10 x 1 losses or a dict of 8 runs).
MAX_ELEMENTS = 1_000_000
MAX_DEPTH = 8


def encode(value, depth=0):
    """value as tagged JSON data. Runs inside the student's kernel, so it imports what it needs
    and uses no name from the notebook."""
    import math as _math

    if depth > 8:
        return {"unsupported": "nesting deeper than 8"}
    if value is None or isinstance(value, (bool, str)):
        return {"plain": value}
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        return {"float": value if _math.isfinite(value) else repr(value)}
    if isinstance(value, (list, tuple)):
        kind = "list" if isinstance(value, list) else "tuple"
        return {kind: [encode(item, depth + 1) for item in value[:100_000]]}
    if isinstance(value, dict):
        return {"dict": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    module = type(value).__module__ or ""
    if hasattr(value, "asnumpy") and module.startswith("mxnet"):
        array, kind = value.asnumpy(), "mxnet"
    elif module == "numpy" and hasattr(value, "dtype") and hasattr(value, "tolist"):
        array, kind = value, "numpy"
    else:
        return {"unsupported": type(value).__name__}
    if array.size > 1_000_000:
        return {"unsupported": f"an array of {array.size} elements"}
    # JSON has no NaN or infinity: those travel as repr strings, "nan", "inf", "-inf".
    flat = [
        x if not isinstance(x, float) or _math.isfinite(x) else repr(x)
        for x in array.reshape(-1).tolist()
    ]
    scalar = type(value).__name__ != "ndarray"
    return {kind: flat, "shape": list(array.shape), "dtype": str(array.dtype), "scalar": scalar}


# Runs in the kernel after the notebook, beside encode(): one JSON line of the answers.
READ_ANSWERS = """
def _grader_answers(_names):
    import json as _json
    _space = get_ipython().user_ns
    _out = {}
    for _name in _names:
        try:
            _out[_name] = encode(_space[_name]) if _name in _space else {"undefined": True}
        except Exception as _error:
            _out[_name] = {"unsupported": type(_error).__name__}
    print(_json.dumps(_out))
"""


def kernel_code(names) -> str:
    """The code the grader runs in the kernel after the notebook: it prints one JSON line,
    {name: encoded value, or {"undefined": true}} for each answer name."""
    return inspect.getsource(encode) + READ_ANSWERS + f"_grader_answers({list(names)!r})\n"


class Unsupported:
    """A stand-in for a value the grader cannot rebuild; checks refuse it by its type name."""

    def __init__(self, what):
        self.what = what

    def __repr__(self):
        return f"<{self.what}>"


def number(text):
    return float(text) if isinstance(text, str) else text


def decode(data, depth=0):
    """The value encode() described; Unsupported(...) for what it could not."""
    if depth > MAX_DEPTH or not isinstance(data, dict) or len(data) < 1:
        return Unsupported("a value the grader could not read")
    if "plain" in data:
        return data["plain"]
    if "int" in data:
        return int(data["int"])
    if "float" in data:
        return float(number(data["float"]))
    if "list" in data:
        return [decode(item, depth + 1) for item in data["list"]]
    if "tuple" in data:
        return tuple(decode(item, depth + 1) for item in data["tuple"])
    if "dict" in data:
        return {decode(k, depth + 1): decode(v, depth + 1) for k, v in data["dict"]}
    for kind in ("numpy", "mxnet"):
        if kind in data:
            return array(data, kind)
    return Unsupported(str(data.get("unsupported", "a value the grader could not read")))


def array(data, kind):
    dtype, shape = data.get("dtype"), data.get("shape")
    values = data[kind]
    if dtype not in DTYPES or not isinstance(values, list) or len(values) > MAX_ELEMENTS:
        return Unsupported(f"an array of {dtype}")
    values = onp.array([number(x) for x in values], dtype=dtype)
    try:
        values = values.reshape(shape)
    except (TypeError, ValueError):
        return Unsupported("an array whose shape does not fit its values")
    if data.get("scalar") and kind == "numpy":
        return values.reshape(()).item() if dtype == "bool" else values.dtype.type(values)
    if kind == "mxnet":
        from mxnet import np

        return np.array(values, dtype=dtype)
    return values


def read_answers(text: str, names):
    """{name: value} from the kernel's JSON line; names the notebook does not define are
    missing. Raises ValueError if text is not what kernel_code prints."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("the answers are not a JSON object")
    answers = {}
    for name in names:
        item = data.get(name, {"undefined": True})
        if not (isinstance(item, dict) and item.get("undefined")):
            answers[name] = decode(item)
    return answers
