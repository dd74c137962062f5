"""Merge a cell's printed lines into one output block without corrupting the stored notebook.

With `nb_merge_streams`, MyST-NB 1.4 merges a cell's stream outputs for the page, but it
does so by appending to the first output object in place: the executed notebook it then
writes to `_build/jupyter_execute` holds the merged text *and* the parts it came from, so
every line printed after the first flush appears twice there, and so in the notebook
offered for download whenever its outputs are taken from there (execution cache off).
Merging a copy leaves the stored notebook as the kernel wrote it.

Upstream: we found no issue that reports it. The merge is
`myst_nb.core.utils.coalesce_streams`, which appends to the first output of each stream
(the review of executablebooks/MyST-NB#604 notes that it mutates the output it keeps);
the missing feature is a merge that leaves the executed notebook alone.
"""

from __future__ import annotations

import copy

from myst_nb.core import render
from pinned_version import require_versions
from sphinx.application import Sphinx

WRITTEN_FOR = {"myst-nb": "1.4.0"}

_coalesce_in_place = render.coalesce_streams


def coalesce_a_copy(outputs):
    return _coalesce_in_place(copy.deepcopy(outputs))


def setup(app: Sphinx):
    require_versions(__name__, WRITTEN_FOR)
    render.coalesce_streams = coalesce_a_copy
    return {"parallel_read_safe": True, "parallel_write_safe": True}
