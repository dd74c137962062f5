"""Write the student edition: the exercise notebooks as .ipynb, without their answers.

    python tools/make_student_edition.py [--output DIR]    (default: _build/student)

Each MyST notebook exercises/NN_*.md is read with jupytext and written as DIR/NN_*.ipynb,
with these parts removed:

- every worked answer: everything from a `solution-start` directive to the end of its
  `solution-end` directive, code cells included. A markdown cell that holds other text
  around a directive keeps that text; only the part inside the solution is cut. The
  one-block `{solution}` directive is cut too;
- every cell tagged remove-cell (the book's hidden checks);
- the `exercise-start` and `exercise-end` directive lines and MyST targets such as
  `(sec-name)=`, which only the book can render; the question between them stays.

The rest of the MyST, which JupyterLab, VS Code and Colab would show as raw text, becomes
plain Markdown. Links to other pages ({doc}, {ref}, {numref} and relative links) point to
the published book at html.baseurl in _config.yml. A numbered equation `$$ ... $$ (label)`
gets its number as `\\tag{...}`, and {eq} the number as text, both as the book shows them.
Admonitions become quoted paragraphs under a bold title, rubrics bold lines. A role or
directive with no plain form here stops the script, so that none reaches a student.
A number glued from the computation ({glue:text}) is written out as the book shows it, read
from the notebook the book build stored (tools/glued_values.py); without a build, a page that
glues a number into the student's part stops the script with a message that says so. A link to
a page that shows a worked answer says so. A figure's caption and alt text, which the book
keeps in the cell's metadata, where Jupyter does not show them, follow the figure as Markdown.

Each notebook starts with the Colab setup cell (tools/colab_setup_cell.py), as the book's
downloads do: in Colab it installs what the exercise imports, elsewhere it does nothing.

Nothing is written outside DIR: the sources are only read. A student notebook in DIR that
was edited since it was written is kept, unless --force is given.
"""

import argparse
import functools
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
import yaml
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

# Its sibling modules, whether run as a script or loaded from a file by the tests.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from glued_values import GlueError, glued_text, glued_values  # noqa: E402

REPOSITORY = Path(__file__).resolve().parent.parent
EXERCISES = REPOSITORY / "exercises"
DEFAULT_OUTPUT = REPOSITORY / "_build" / "student"
# The book's HTML, next to which the build stores each page's executed notebook.
BUILT = REPOSITORY / "_build" / "html"
# Appended to a link that leads to a page showing a worked answer.
SHOWS_ANSWER = " (its page shows the worked answer)"
NOTEBOOK_PATTERN = "[0-9][0-9]_*.md"
# The first cell of every notebook the book offers, the student edition's too: in Colab it
# installs what the notebook imports, anywhere else it does nothing. Its code is a file of
# its own, so that ruff reads it and the book's downloads and this script share it.
COLAB_SETUP = REPOSITORY / "tools" / "colab_setup_cell.py"

# The opening line of a MyST directive, in backtick or colon fences: ```{name} argument
DIRECTIVE = re.compile(r"^\s*(?P<fence>`{3,}|:{3,})\{(?P<name>[a-z-]+)\}[ \t]*(?P<argument>.*)")
# A directive's option line, such as :class: dropdown, right after its opening line.
OPTION = re.compile(r"^:[\w-]+:")
# A MyST target such as (sec-exercise-why-reshape)=, which Jupyter would show as text.
TARGET = re.compile(r"^\([\w-]+\)=\s*$")
CUT_MARK = "*The worked answer is not part of the student edition.*\n"

# A MyST role: {name}`content`, with `text <target>` as content where it names its own text.
ROLE = re.compile(r"\{(?P<name>[\w:-]+)\}`(?P<content>[^`]+)`")
EXPLICIT_TEXT = re.compile(r"(?P<text>.*?)\s*<(?P<target>[^<>]+)>", re.DOTALL)
# A numbered display equation, $$ ... $$ (label); its body never holds another $$.
LABELLED_EQUATION = re.compile(
    r"^\$\$(?P<body>(?:(?!\$\$).)+?)\$\$[ \t]*\((?P<label>[\w-]+)\)[ \t]*$",
    re.DOTALL | re.MULTILINE,
)
# A Markdown link or image, and a link target with a scheme (https:, mailto:).
LINK = re.compile(r"(?P<image>!?)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]*)\)")
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# Directives whose body is code, not MyST text that can hold headings, labels or equations.
CODE_DIRECTIVES = {"code", "code-block", "code-cell", "literalinclude", "raw"}
ADMONITIONS = {
    "admonition": None,
    "attention": "Attention",
    "caution": "Caution",
    "danger": "Danger",
    "error": "Error",
    "hint": "Hint",
    "important": "Important",
    "note": "Note",
    "seealso": "See also",
    "tip": "Tip",
    "warning": "Warning",
}
# What Sphinx writes for {numref} to a section when the reference names no text of its own.
NUMREF_SECTION = "Section {number}"


class StudentEditionError(ValueError):
    """A source notebook that cannot safely become a student notebook."""


def directive_name(line):
    match = DIRECTIVE.match(line)
    return (match.group("name"), match.group("fence")) if match else (None, None)


def closes(line, fence):
    """Is line the closing fence of a directive opened with fence?"""
    stripped = line.strip()
    return len(stripped) >= len(fence) and stripped == fence[0] * len(stripped)


def skip_directive(lines, start, fence, where):
    """The index just after the closing fence of the directive opened at lines[start]."""
    for index in range(start + 1, len(lines)):
        if closes(lines[index], fence):
            return index + 1
    raise StudentEditionError(f"{where}: the directive {lines[start].strip()!r} is never closed")


def cut_markdown(source, in_solution, where):
    """Cut the solution parts out of one markdown cell.

    in_solution: whether the cell starts inside a gated solution (solution-start seen in an
    earlier cell, solution-end not yet). Returns the text to keep and the state at its end.
    """
    lines = source.splitlines(keepends=True)
    kept = []
    index = 0
    while index < len(lines):
        name, fence = directive_name(lines[index])
        if in_solution:
            if name == "solution-start":
                raise StudentEditionError(f"{where}: solution-start inside another solution")
            if name == "solution-end":
                index = skip_directive(lines, index, fence, where)
                in_solution = False
            else:
                index += 1
            continue
        if name == "solution-end":
            raise StudentEditionError(f"{where}: solution-end without a solution-start")
        if name == "solution-start":
            # The directive's own closing fence is skipped with the rest of the solution.
            in_solution = True
            kept.append(CUT_MARK)
            index += 1
        elif name == "solution":
            kept.append(CUT_MARK)
            index = skip_directive(lines, index, fence, where)
        elif name in ("exercise-start", "exercise-end"):
            index = skip_directive(lines, index, fence, where)
        elif TARGET.match(lines[index]):
            index += 1
        else:
            kept.append(lines[index])
            index += 1
    return "".join(kept), in_solution


def student_notebook(notebook, where="notebook"):
    """A copy of notebook without solutions and remove-cell cells, with stable cell ids."""
    student = nbformat.v4.new_notebook()
    student.metadata = {key: value for key, value in notebook.metadata.items() if key != "jupytext"}
    in_solution = False
    for number, cell in enumerate(notebook.cells, start=1):
        cell_where = f"{where}, cell {number}"
        if cell.cell_type == "markdown":
            text, in_solution_after = cut_markdown(cell.source, in_solution, cell_where)
            in_solution = in_solution_after
            if text.strip():
                student.cells.append(nbformat.v4.new_markdown_cell(text.strip("\n")))
            continue
        if in_solution or "remove-cell" in cell.metadata.get("tags", []):
            continue
        copy = nbformat.from_dict(dict(cell))
        copy.pop("id", None)
        if copy.cell_type == "code":
            copy.outputs = []
            copy.execution_count = None
        student.cells.append(copy)
        caption = figure_caption(cell)
        if caption:
            student.cells.append(nbformat.v4.new_markdown_cell(caption))
    if in_solution:
        raise StudentEditionError(f"{where}: a solution-start has no solution-end")
    for number, cell in enumerate(student.cells, start=1):
        # Fixed ids, so that the same source always gives the same file.
        cell.id = f"cell-{number}"
    nbformat.validate(student)
    return student


@functools.cache
def shows_worked_answer(docname):
    """Does the book's page docname hold a worked answer (a solution directive)?"""
    page = REPOSITORY / f"{docname}.md"
    lines = page.read_text(encoding="utf-8").splitlines() if page.is_file() else []
    return any(directive_name(line)[0] in ("solution", "solution-start") for line in lines)


def figure_caption(cell):
    """A figure cell's caption and alt text as Markdown, or "" if it makes no figure."""
    figure = cell.metadata.get("mystnb", {})
    caption = " ".join(str(figure.get("figure", {}).get("caption", "")).split())
    alt = " ".join(str(figure.get("image", {}).get("alt", "")).split())
    parts = ([f"**Figure.** {caption}"] if caption else []) + (
        [f"*What the figure shows:* {alt}"] if alt else []
    )
    return "\n\n".join(parts)


# The book as Sphinx numbers it, read from _config.yml, _toc.yml and the pages.


@dataclass
class Page:
    docname: str
    title: str
    # The section number the book shows, such as "2.3"; "" for an unnumbered page.
    number: str
    # Each MyST target on the page: the title and level of the heading it marks, or
    # (None, 0) when it marks something else.
    labels: dict
    # Each labelled equation: its number as the book shows it, such as "2.5".
    equations: dict


@dataclass
class Book:
    baseurl: str
    eqref_format: str
    pages: dict

    def url(self, docname, anchor=""):
        return f"{self.baseurl}{docname}.html" + (f"#{anchor}" if anchor else "")

    def page_with(self, kind, label):
        """The page that defines label among its labels or equations, or None."""
        for page in self.pages.values():
            if label in getattr(page, kind):
                return page
        return None


MYST = create_md_parser(
    MdParserConfig(enable_extensions={"amsmath", "colon_fence", "dollarmath"}), RendererHTML
)


def toc_pages(toc):
    """(docname, section number) of every page of _toc.yml, in the order the book reads them.

    Jupyter Book numbers the chapters of numbered parts on from one part to the next
    (its use_multitoc_numbering, on by default), so the exercises are chapter 2, not 1.
    """
    yield toc["root"], ""
    chapter = 0
    for part in toc.get("parts", []):
        for entry in part.get("chapters", []):
            if part.get("numbered"):
                chapter += 1
                yield from toc_entry(entry, str(chapter))
            else:
                yield from toc_entry(entry, "")


def toc_entry(entry, number):
    if "file" in entry:
        yield entry["file"].removesuffix(".md"), number
    for index, section in enumerate(entry.get("sections", []), start=1):
        yield from toc_entry(section, f"{number}.{index}" if number else "")


def page_tokens(text):
    """The MyST tokens of a page, with those of directives that hold MyST text in place."""
    for token in MYST.parse(text):
        name = token.info.strip()[1:].partition("}")[0] if token.info.startswith("{") else None
        if token.type in ("fence", "colon_fence") and name and name not in CODE_DIRECTIVES:
            yield from page_tokens(token.content)
        else:
            yield token


def read_book(repository=REPOSITORY):
    config = yaml.safe_load((repository / "_config.yml").read_text(encoding="utf-8"))
    toc = yaml.safe_load((repository / "_toc.yml").read_text(encoding="utf-8"))
    sphinx_config = (config.get("sphinx") or {}).get("config") or {}
    book = Book(
        baseurl=config["html"]["baseurl"].rstrip("/") + "/",
        eqref_format=sphinx_config.get("math_eqref_format") or "({number})",
        pages={},
    )
    # Sphinx numbers equations within each chapter (numfig with numfig_secnum_depth 1, its
    # default) and on from one page of the chapter to the next: page 2.2 goes on from 2.1's.
    counts = {}
    for docname, number in toc_pages(toc):
        text = (repository / f"{docname}.md").read_text(encoding="utf-8")
        tokens = list(page_tokens(text))
        title, labels, equations = None, {}, {}
        chapter = number.split(".")[0] if number else ""
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and title is None:
                title = tokens[index + 1].content
            elif token.type == "myst_target":
                following = tokens[index + 1] if index + 1 < len(tokens) else None
                if following is not None and following.type == "heading_open":
                    labels[token.content] = (tokens[index + 2].content, int(following.tag[1:]))
                else:
                    labels[token.content] = (None, 0)
            elif token.type == "math_block_label":
                counts[chapter] = counts.get(chapter, 0) + 1
                equations[token.info] = ".".join(filter(None, [chapter, str(counts[chapter])]))
        book.pages[docname] = Page(docname, title or docname, number, labels, equations)
    return book


# The MyST left in a student notebook, as plain Markdown.


class PlainMarkdown:
    """Turns the MyST of one exercise page into Markdown that Jupyter renders as the book does.

    shown: the labels of the equations the student notebook itself holds; {eq} names these
    by number, and links any other to the book.
    """

    def __init__(self, book, docname, shown, where, built=BUILT):
        self.book, self.docname, self.shown, self.where = book, docname, shown, where
        self.built, self.values = built, None

    def __call__(self, text):
        text = self.directives(text)
        text = LABELLED_EQUATION.sub(self.equation, text)
        text = ROLE.sub(self.role, text)
        return LINK.sub(self.link, text)

    def glue(self, text, key):
        """The glued value as the book shows it, from the notebook its build stored."""
        try:
            if self.values is None:
                self.values = glued_values(self.built / f"{self.docname}.ipynb")
            return glued_text(self.values, key, f"the built {self.docname}.ipynb")
        except GlueError as error:
            raise self.error(str(error)) from None

    def mark_answer_pages(self, text):
        """Each link of text to a page of the book that shows a worked answer, saying so."""
        return LINK.sub(self.marked, text)

    def marked(self, match):
        target = match["target"]
        if match["image"] or not target.startswith(self.book.baseurl):
            return match[0]
        docname = target[len(self.book.baseurl) :].partition("#")[0].removesuffix(".html")
        return match[0] + SHOWS_ANSWER if shows_worked_answer(docname) else match[0]

    def error(self, message):
        return StudentEditionError(f"{self.where}: {message}")

    def page(self, target):
        """The docname target names: relative to this page, or to the book with a leading /."""
        if target.startswith("/"):
            docname = target[1:]
        else:
            docname = posixpath.normpath(posixpath.join(posixpath.dirname(self.docname), target))
        docname = re.sub(r"\.(md|ipynb|html)$", "", docname)
        if docname not in self.book.pages:
            raise self.error(f"{target!r} is not a page of the book")
        return docname

    def directives(self, text):
        lines = text.splitlines(keepends=True)
        kept = []
        index = 0
        while index < len(lines):
            match = DIRECTIVE.match(lines[index])
            if not match:
                kept.append(lines[index])
                index += 1
                continue
            end = skip_directive(lines, index, match["fence"], self.where)
            body = lines[index + 1 : end - 1]
            while body and OPTION.match(body[0]):
                body.pop(0)
            kept.append(self.directive(match["name"], match["argument"].strip(), "".join(body)))
            index = end
        return "".join(kept)

    def directive(self, name, argument, body):
        if name == "rubric":
            return f"**{argument}**\n\n"
        if name not in ADMONITIONS:
            raise self.error(f"the {name} directive has no plain Markdown form here")
        # Only the generic admonition takes a title; the others read an argument as text.
        title = argument if name == "admonition" else ADMONITIONS[name]
        if name != "admonition" and argument:
            body = f"{argument}\n{body}"
        # Converted before quoting: a quoted $$ ... $$ (label) would no longer be found.
        quoted = "\n".join(f"> {line}".rstrip() for line in self(body).strip("\n").splitlines())
        return f"> **{title}**\n>\n{quoted}\n\n"

    def equation(self, match):
        number = self.book.pages[self.docname].equations.get(match["label"])
        if number is None:
            raise self.error(f"the equation {match['label']!r} is not numbered in the book")
        # \tag, not text after the $$: MathJax (JupyterLab, Colab) and KaTeX (VS Code) both
        # set it where the book sets its number.
        return f"$${match['body'].rstrip()}\n\\tag{{{number}}}\n$$"

    def role(self, match):
        name, content = match["name"], match["content"]
        explicit = EXPLICIT_TEXT.fullmatch(content)
        text, target = (explicit["text"], explicit["target"]) if explicit else (None, content)
        convert = {
            "doc": self.doc,
            "ref": self.ref,
            "numref": self.numref,
            "eq": self.eq,
            "math": self.math,
            "glue": self.glue,
            "glue:text": self.glue,
        }.get(name)
        if convert is None:
            raise self.error(f"the {{{name}}} role has no plain Markdown form here")
        return convert(text, target.strip())

    def doc(self, text, target):
        docname = self.page(target)
        return f"[{text or self.book.pages[docname].title}]({self.book.url(docname)})"

    def labelled_heading(self, label):
        page = self.book.page_with("labels", label)
        if page is None:
            raise self.error(f"no page of the book has the label {label!r}")
        title, level = page.labels[label]
        # A label on the page title is the page itself: no anchor needed.
        url = self.book.url(page.docname, "" if level == 1 else label)
        return page, title, level, url

    def ref(self, text, label):
        _, title, _, url = self.labelled_heading(label)
        if not (text or title):
            raise self.error(f"{{ref}} to {label!r}, which marks no heading, needs its own text")
        return f"[{text or title}]({url})"

    def numref(self, text, label):
        page, title, level, url = self.labelled_heading(label)
        # Only whole pages carry a number this script knows; figures and subsections do not.
        if level != 1 or not page.number:
            raise self.error(f"{{numref}} to {label!r}: only numbered pages are supported")
        form = (text or NUMREF_SECTION).replace("%s", "{number}")
        return f"[{form.format(number=page.number, name=title)}]({url})"

    def eq(self, text, label):
        page = self.book.page_with("equations", label)
        if page is None:
            raise self.error(f"no page of the book has the equation {label!r}")
        number = text or self.book.eqref_format.format(number=page.equations[label])
        if label in self.shown:
            return number
        return f"[{number}]({self.book.url(page.docname, f'equation-{label}')})"

    def math(self, text, content):
        return f"${content}$"

    def link(self, match):
        target = match["target"]
        if not target or target.startswith(("#", "//")) or SCHEME.match(target):
            return match[0]
        if match["image"]:
            raise self.error(f"the image {target!r} is not copied into the student edition")
        path, _, anchor = target.partition("#")
        return f"[{match['text']}]({self.book.url(self.page(path), anchor)})"


def plain_markdown(notebook, docname, book, where="notebook", built=BUILT):
    """Rewrite, in place, the MyST of the markdown cells of a student notebook of page docname.

    built: the book's HTML folder, which holds the executed notebooks of the glued values.
    """
    if docname not in book.pages:
        raise StudentEditionError(f"{where}: {docname} is not a page of the book (_toc.yml)")
    markdown = [cell for cell in notebook.cells if cell.cell_type == "markdown"]
    shown = {
        match["label"] for cell in markdown for match in LABELLED_EQUATION.finditer(cell.source)
    }
    convert = PlainMarkdown(book, docname, shown, where, built)
    for cell in markdown:
        cell.source = convert.mark_answer_pages(convert(cell.source))
    return notebook


def colab_setup_cell():
    """The Colab setup cell (COLAB_SETUP), tagged colab-setup, with the id colab-setup."""
    cell = nbformat.v4.new_code_cell(COLAB_SETUP.read_text(encoding="utf-8").strip())
    cell.id = "colab-setup"
    cell.metadata["tags"] = ["colab-setup"]
    return cell


def student_edition(source, book):
    """The student notebook of the exercise page source, in plain Markdown, starting with
    the Colab setup cell."""
    student = student_notebook(jupytext.read(source), source.name)
    docname = source.relative_to(REPOSITORY).with_suffix("").as_posix()
    student = plain_markdown(student, docname, book, source.name)
    student.cells.insert(0, colab_setup_cell())
    return student


def check_output(output: Path, parser) -> Path:
    """The output folder, resolved; a parser error naming --output if it cannot be used."""
    output = output.expanduser().resolve()
    if output.exists() and not output.is_dir():
        parser.error(f"argument --output: {output} is an existing file, not a folder")
    exercises = EXERCISES.resolve()
    if output == exercises or exercises in output.parents or output in exercises.parents:
        parser.error(
            f"argument --output: {output} would mix the notebooks with the book's sources; "
            f"choose a folder of its own, such as {DEFAULT_OUTPUT}"
        )
    return output


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the exercise notebooks without their worked answers, as .ipynb."
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"folder for the student notebooks, created if missing (default: {DEFAULT_OUTPUT})",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace student notebooks in the output folder even where they were edited",
    )
    args = parser.parse_args(argv)
    output = check_output(args.output, parser)
    sources = sorted(EXERCISES.glob(NOTEBOOK_PATTERN))
    if not sources:
        parser.error(f"no exercise notebooks {NOTEBOOK_PATTERN} found in {EXERCISES}")
    book = read_book()
    # Cut every notebook before writing any, so that a broken source writes nothing.
    try:
        students = [(source, student_edition(source, book)) for source in sources]
    except StudentEditionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    output.mkdir(parents=True, exist_ok=True)
    for source, student in students:
        target = output / (source.stem + ".ipynb")
        text = nbformat.writes(student) + "\n"
        # A copy that differs from a fresh one holds a student's work: never overwrite it.
        if target.exists() and target.read_text(encoding="utf-8") != text and not args.force:
            print(f"kept {target}: it was edited; delete it or pass --force to replace it")
            continue
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
