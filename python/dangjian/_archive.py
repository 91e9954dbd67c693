"""``dangjian.Archive``: the search index of an archive, from Python.

The index is built by the command line (``dangjian index PATH... --search
DIR`` or ``dangjian search-build DIR ARCHIVE.jsonl``) or by
``build_archive``; ``Archive`` opens it read-only and returns its answers as
pandas DataFrames (lists of dicts when pandas is not installed) and dicts.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Optional, Union

import errno

from . import _dangjian as _columns
from ._dangjian import Pipeline
from ._dangjian import Archive as _Archive
from ._dangjian import build_archive as _build_archive

#: Columns of ``Archive.search``: those of ``dangjian search --format csv``
#: (the first snippet and its byte span in the original text), then
#: ``snippets``, every snippet of the hit as a dict (``text``, ``span``).
SEARCH_COLUMNS = tuple(_columns.SEARCH_COLUMNS) + ("snippets",)

#: Columns of ``Archive.claims``: those of ``dangjian search --claims
#: --format csv``: the columns of ``dangjian claims``
#: (``dangjian.CLAIM_COLUMNS``), then the document's date and title and the
#: score of its match (``None`` without a query).
ARCHIVE_CLAIM_COLUMNS = tuple(_columns.ARCHIVE_CLAIM_COLUMNS)


def _frame(
    rows: List[Dict[str, Any]], columns: Iterable[str], total: int, exact: bool = True
) -> Any:
    """A DataFrame of ``rows`` (``attrs["total"]`` = the matches, not only
    the rows returned; ``attrs["total_exact"]`` whether that is all of them
    or the count stopped at its limit), or the rows themselves without
    pandas."""
    try:
        import pandas as pd
    except ImportError:
        return rows
    df = pd.DataFrame(rows, columns=list(columns))
    df.attrs["total"] = total
    df.attrs["total_exact"] = exact
    return df


def _number(v: Any) -> Any:
    """An integral float as an int, as ``dangjian.claims`` gives values."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _hit_row(h: Dict[str, Any]) -> Dict[str, Any]:
    place = h.get("place") or {}
    first = (h.get("snippets") or [{}])[0]
    span = first.get("span") or [None, None]
    return {
        "id": h["id"],
        "path": h.get("path"),
        "score": h.get("score"),
        "title": h.get("title"),
        "date": h.get("date"),
        "source": h.get("source"),
        "place": place.get("name"),
        "place_code": place.get("code"),
        "snippet": first.get("text"),
        "start": span[0],
        "end": span[1],
        "snippets": h.get("snippets") or [],
    }


class Archive:
    """A search index built by ``dangjian index --search DIR`` or
    ``dangjian search-build DIR``, opened read-only.

    Searches see what a build had committed when the archive was opened
    (``reload()`` sees later commits), so an archive can be searched while a
    build runs. Opening raises ``FileNotFoundError`` for a missing folder and
    ``ValueError`` for a folder that is not an index, is damaged or comes from
    an incompatible version (the message says which and what to do).

    Filters, as keyword arguments of ``search``, ``claims`` and ``facets``
    (the options of ``dangjian search``): ``place`` (a name or six-digit
    code; its subdivisions are included), ``year`` (an int), ``date_from``
    and ``date_to`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), ``source``,
    ``formulation``, ``slogan``, ``script`` (``simplified``,
    ``traditional``, ``mixed``), ``indicator``. An unknown name is a
    ``TypeError``; a malformed query a ``ValueError`` that points at the
    position.

    Example:
        >>> import dangjian, os, tempfile
        >>> folder = os.path.join(tempfile.mkdtemp(), "archive")
        >>> texts = [
        ...     "杭州市:1.2万名在职党员到社区报到。",
        ...     "桂林市:機關黨員3000名到社區報到。",
        ...     "天津市建成党群服务中心300个。",
        ... ]
        >>> dangjian.build_archive(folder, texts)["added"]
        3
        >>> a = dangjian.Archive(folder)
        >>> len(a)
        3
        >>> hits = a.search("党员 报到", place="浙江省")
        >>> hits[["place", "snippet"]].values.tolist()
        [['杭州市', '杭州市:1.2万名在职**党员**到社区**报到**。']]
        >>> sorted(a.search('"社區報到"')["place"])  # either script finds both
        ['杭州市', '桂林市']
        >>> rows = a.claims("报到", unit="名", min=5000)
        >>> rows[["place", "value", "object"]].values.tolist()
        [['杭州市', 12000, '在职党员']]
        >>> [p["name"] for p in a.facets("报到", fields=["place"])["place"]]
        ['浙江省', '广西壮族自治区']
    """

    def __init__(self, path: Union[str, "os.PathLike[str]"]) -> None:
        folder = os.fspath(path)
        if not os.path.isdir(folder):
            raise FileNotFoundError(
                errno.ENOENT,
                "no search index here: build one with dangjian.build_archive(path, sources) "
                "or `dangjian index PATH... --search DIR`",
                folder,
            )
        self._archive = _Archive(folder)

    def __repr__(self) -> str:
        return repr(self._archive)

    def __len__(self) -> int:
        """The number of documents."""
        return len(self._archive)

    def __contains__(self, id: str) -> bool:
        """Whether a document with this id is in the archive."""
        return id in self._archive

    @property
    def path(self) -> str:
        """The folder of the index."""
        return os.fspath(self._archive.path)

    def reload(self) -> None:
        """Sees what builds committed since the archive was opened."""
        self._archive.reload()

    def document(self, id: str) -> Optional[Dict[str, Any]]:
        """The stored analysis of one document (the ``analyze`` object as a
        dict), or ``None`` when no document has this id."""
        return self._archive.document(id)  # type: ignore[no-any-return]

    def results(
        self,
        query: Optional[str] = None,
        *,
        facets: Iterable[str] = (),
        limit: int = 10,
        offset: int = 0,
        sort: str = "score",
        snippets: int = 2,
        count_all: bool = False,
        **filters: Any,
    ) -> Dict[str, Any]:
        """A document search as the ``dangjian search --format json`` object:
        ``total``, ``total_exact``, ``took_ms``, ``hits`` (each with
        ``snippets`` and their spans) and ``facets`` (counts for the fields
        named in ``facets``). Matches are counted up to 10,000
        (``total_exact`` false past it) unless ``count_all`` or facets are
        asked for."""
        return self._archive.search(  # type: ignore[no-any-return]
            query,
            facets=list(facets),
            limit=limit,
            offset=offset,
            sort=sort,
            snippets=snippets,
            count_all=count_all,
            **filters,
        )

    def search(
        self,
        query: Optional[str] = None,
        *,
        limit: int = 10,
        offset: int = 0,
        sort: str = "score",
        snippets: int = 2,
        count_all: bool = False,
        **filters: Any,
    ) -> Any:
        """Documents that match ``query`` (``None``: all) and ``filters``,
        best first (``sort="date"``: newest first), one row per hit with the
        columns ``dangjian.SEARCH_COLUMNS``; ``attrs["total"]`` is the number
        of documents that match, counted up to 10,000 unless ``count_all``
        (``attrs["total_exact"]`` says whether it is all of them). The query language is that of
        ``dangjian search``: words, ``"phrases"``, ``AND``/``OR``/``NOT``,
        ``-word``, and fields (``title:``, ``source:``, ``formulation:``,
        ``slogan:``); traditional and simplified script find each other."""
        r = self.results(
            query,
            limit=limit,
            offset=offset,
            sort=sort,
            snippets=snippets,
            count_all=count_all,
            **filters,
        )
        rows = [_hit_row(h) for h in r["hits"]]
        return _frame(rows, SEARCH_COLUMNS, r["total"], r.get("total_exact", True))

    def claims(
        self,
        query: Optional[str] = None,
        *,
        min: Optional[float] = None,
        max: Optional[float] = None,
        unit: Optional[str] = None,
        limit: int = 1000,
        offset: int = 0,
        sort: str = "score",
        count_all: bool = False,
        **filters: Any,
    ) -> Any:
        """Claims of the documents that match ``query`` and the document
        filters, one row per claim with the columns
        ``dangjian.ARCHIVE_CLAIM_COLUMNS``. ``place`` and ``indicator`` are
        the claim's own; ``min``/``max`` bound its value, ``unit`` is exact
        (``名``, ``个``, ``%`` …). ``attrs["total"]`` counts the matching
        claims up to 10,000 unless ``count_all`` (``attrs["total_exact"]``
        says whether it is all of them)."""
        r = self._archive.claims(
            query,
            min=min,
            max=max,
            unit=unit,
            limit=limit,
            offset=offset,
            sort=sort,
            count_all=count_all,
            **filters,
        )
        rows = []
        for c in r["rows"]:
            row = {k: c.get(k) for k in ARCHIVE_CLAIM_COLUMNS}
            row["value"] = _number(row["value"])
            row["value_max"] = _number(row["value_max"])
            rows.append(row)
        return _frame(rows, ARCHIVE_CLAIM_COLUMNS, r["total"], r.get("total_exact", True))

    def facets(
        self,
        query: Optional[str] = None,
        fields: Iterable[str] = ("place", "year"),
        **filters: Any,
    ) -> Dict[str, Any]:
        """Counts over every document that matches: a dict from each of
        ``fields`` (``place``, ``year``, ``formulation``, ``slogan``,
        ``source``, ``script``, ``indicator``) to its counts; ``place`` is a
        tree (province → city → county, each with ``count`` and
        ``children``), the others lists of ``{"value", "count"}``."""
        return self._archive.facets(  # type: ignore[no-any-return]
            query, fields=list(fields), **filters
        )


def build_archive(
    path: Union[str, "os.PathLike[str]"],
    sources: Any,
    *,
    pipeline: Optional[Pipeline] = None,
    threads: Optional[int] = None,
) -> Dict[str, Any]:
    """Analyzes ``sources`` and adds every good document to the search index
    in ``path`` (created if missing), as ``dangjian index --search`` does: a
    document already there (same id or path) is replaced, a bad input is
    skipped and reported. ``sources`` are those of ``dangjian.claims`` (text,
    bytes, files, directories); ``pipeline`` defaults to the shared
    ``Pipeline()``. Returns ``{"added": n, "errors": [...]}``, each error a
    dict with ``error``, ``kind``, ``path`` and ``index`` (the input's
    position). Open the result with ``dangjian.Archive(path)``; for a large
    corpus the command line's ``dangjian index --search`` resumes and
    streams.

    Example:
        >>> import dangjian, os, tempfile
        >>> folder = os.path.join(tempfile.mkdtemp(), "archive")
        >>> r = dangjian.build_archive(folder, ["天津市党员10名", b"\\xff\\xfe\\x00"])
        >>> r["added"], [e["kind"] for e in r["errors"]]
        (1, ['encoding'])
    """
    if pipeline is None:
        from . import _default

        pipeline = _default()
    return _build_archive(pipeline, os.fspath(path), sources, threads)  # type: ignore[no-any-return]
