"""Merge a cell's printed lines into one output block without corrupting the stored notebook.

With `nb_merge_streams`, MyST-NB 1.4 merges a cell's stream outputs for the page, but it
does so by appending to the first output object in place: the executed notebook it then
writes to `_build/jupyter_execute` holds the merged text *and* the parts it came from, so
every line printed after the first flush appears twice there, and `make repro` compares
against duplicated lines. Merging a copy leaves the stored notebook as the kernel wrote it.
"""

from __future__ import annotations

import copy

from myst_nb.core import render
from sphinx.application import Sphinx

_coalesce_in_place = render.coalesce_streams


def coalesce_a_copy(outputs):
    return _coalesce_in_place(copy.deepcopy(outputs))


def setup(app: Sphinx):
    render.coalesce_streams = coalesce_a_copy
    return {"parallel_read_safe": True, "parallel_write_safe": True}
