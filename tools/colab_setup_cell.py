# In Colab only: install MXNet 1.9.1 and this book's helpers (d2l_mini), and let MXNet
# import with Colab's NumPy, without restarting. Anywhere else this cell does nothing.
import sys

if "google.colab" in sys.modules:
    import importlib
    import subprocess

    pip = [sys.executable, "-m", "pip", "install", "--quiet"]
    subprocess.run(pip + ["--no-deps", "mxnet==1.9.1"], check=True)
    subprocess.run(
        pip
        + [
            "requests",
            "graphviz==0.8.4",
            "setuptools",
            "d2l_mini @ git+https://github.com/lr-from-scratch/linear-regression-from-scratch@main",
        ],
        check=True,
    )
    importlib.invalidate_caches()
    import mxnet_compat

    mxnet_compat.install()
