"""Every link inside the built book resolves, and no page loads code or styles from elsewhere.

A plain file walk, no browser and no network: for each HTML page, each internal href/src
must name an existing file, and each #anchor an id in the page it points to.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from book_site import is_external, pages, parse, resolve

EXTERNAL_CSS = re.compile(r"""(?:@import\s+|url\(\s*)['"]?(?:https?:)?//""", re.IGNORECASE)


def broken_links(book: Path, page: str) -> list[str]:
    path = book / page
    problems = []
    for url in parse(path).links:
        if is_external(url) or url.startswith(("mailto:", "javascript:", "data:", "tel:")):
            continue
        target, fragment = resolve(book, path, url)
        if book not in target.parents and target != book:
            problems.append(f"{url!r} leaves the book")
        elif not target.exists():
            problems.append(f"{url!r}: no file {target.relative_to(book)}")
        elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
            problems.append(f"{url!r}: no id {fragment!r} in {target.relative_to(book)}")
    return problems


def test_the_book_has_pages(book):
    assert "intro.html" in pages(book), "the landing page intro.html is missing"
    assert len(pages(book)) > 3, f"only {pages(book)} were built"


def test_internal_links_and_anchors_resolve(book):
    problems = {page: broken_links(book, page) for page in pages(book)}
    problems = {page: found for page, found in problems.items() if found}
    assert not problems, "broken internal links:\n" + "\n".join(
        f"  {page}: {problem}" for page, found in problems.items() for problem in found
    )


def test_no_page_loads_a_script_or_stylesheet_from_another_host(book):
    loaded = {
        page: [f"<{tag}> {url}" for tag, url in parse(book / page).assets if is_external(url)]
        for page in pages(book)
    }
    loaded = {page: urls for page, urls in loaded.items() if urls}
    assert not loaded, "assets from other hosts:\n" + "\n".join(
        f"  {page}: {url}" for page, urls in loaded.items() for url in urls
    )


def test_no_stylesheet_imports_from_another_host(book):
    offenders = [
        path.relative_to(book).as_posix()
        for path in sorted((book / "_static").rglob("*.css"))
        if EXTERNAL_CSS.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert not offenders, f"stylesheets that fetch from another host: {offenders}"


def test_every_notebook_page_offers_its_notebook_and_source(book, notebook_page):
    html = (book / notebook_page).read_text(encoding="utf-8")
    stem = Path(notebook_page).stem
    notebook_link = re.search(
        r'<a href="([^"]+)"([^>]*)class="[^"]*btn-download-notebook-button', html
    )
    assert notebook_link, f"{notebook_page}: no .ipynb item in the download menu"
    href, attributes = notebook_link.groups()
    assert href.endswith(f"{stem}.ipynb"), f"{notebook_page}: .ipynb item links to {href}"
    assert f'download="{stem}.ipynb"' in attributes, (
        f"{notebook_page}: the .ipynb link has no download attribute, so a browser would "
        "show the JSON instead of saving the file"
    )
    assert f"_sources/{Path(notebook_page).with_suffix('.md').as_posix()}" in html, (
        f"{notebook_page}: no .md source item in the download menu"
    )


def test_binder_opens_the_source_on_main_and_there_is_no_thebe(book, notebook_page):
    html = (book / notebook_page).read_text(encoding="utf-8")
    source = Path(notebook_page).with_suffix(".md").as_posix()
    binder = re.findall(r'href="(https://mybinder\.org/v2/gh/[^"]+)"', html)
    assert binder, f"{notebook_page}: no Binder launch button"
    main = "https://mybinder.org/v2/gh/lr-from-scratch/linear-regression-from-scratch/main"
    assert binder[0] == f"{main}?urlpath=lab/tree/{source}", (
        f"{notebook_page}: Binder opens {binder[0]}, not {source} on main"
    )
    # An exercise page's second Binder item: main's environment, then nbgitpuller pulls the
    # notebooks branch and opens the student edition.
    student = []
    if notebook_page.startswith("exercises/") and not notebook_page.endswith("index.html"):
        pull = f"lab/tree/linear-regression-from-scratch/student/{notebook_page[:-5]}.ipynb"
        student = [(main, "notebooks", pull)]
    pulled = []
    for url in binder[1:]:
        base, _, query = url.partition("?")
        nested = urlsplit(parse_qs(query)["urlpath"][0])
        fields = parse_qs(nested.query)
        assert nested.path == "git-pull", url
        repository = "https://github.com/lr-from-scratch/linear-regression-from-scratch"
        assert fields["repo"] == [repository], url
        pulled.append((base, fields["branch"][0], fields["urlpath"][0]))
    assert pulled == student, f"{notebook_page}: {binder[1:]}"
    for unwanted in ("initThebe", "launch-thebe"):
        assert unwanted not in html, f"{notebook_page}: has a {unwanted} button"


def written_pages(book: Path) -> list[str]:
    """Pages with a source in the book; search.html, genindex.html and the redirect in
    index.html are made by Sphinx, with no text of their own to preview."""
    return [page for page in pages(book) if any((book / "_sources").glob(f"{page[:-5]}.*"))]


def test_every_page_has_a_title_and_a_link_preview(book):
    problems = []
    written = written_pages(book)
    if "intro.html" not in written:
        problems.append(f"the landing page has no source in _sources: {written}")
    for page in written:
        parsed = parse(book / page)
        for key in ("description", "og:title", "og:description", "og:url", "og:site_name"):
            if not parsed.meta.get(key, "").strip():
                problems.append(f"{page}: no {key}")
        if not parsed.title.strip():
            problems.append(f"{page}: no <title>")
        url = parsed.meta.get("og:url", "")
        if not (url.startswith("https://") and url.endswith(page)):
            problems.append(f"{page}: og:url {url!r} is not the page on the published site")
        if parsed.canonical != url:
            problems.append(f"{page}: canonical link {parsed.canonical!r} differs from og:url")
        description = parsed.meta.get("description", "")
        if parsed.meta.get("og:description") != description:
            problems.append(f"{page}: the Open Graph and meta descriptions differ")
        # The preview opens with the page's own first words, and names the book.
        opening = " ".join(description.split()[:4])
        if opening not in parsed.text:
            problems.append(f"{page}: description {description!r} is not the page's text")
        site = parsed.meta.get("og:site_name", "")
        if not parsed.title.strip().endswith(f" \N{EM DASH} {site}") and parsed.title != site:
            problems.append(f"{page}: og:site_name {site!r} is not the book in {parsed.title!r}")
    assert not problems, "pages that would preview badly:\n  " + "\n  ".join(problems)
