"""dangjian: mining Chinese party-building (党建) news, from Python.

The whole pipeline runs in one compiled module (Rust): decoding (UTF-8,
UTF-16, GB18030, Big5), page cleaning, OpenCC-exact traditional → simplified
normalization, segmentation (jieba + a party-building lexicon), numeric claims
(value, unit, approx, object, period, place, span), numbered formulations
(三会一课, 两个维护 …), slogans, cited documents, places, keywords, and the
comparison of places. Results are dicts with the fields of the command line's
JSON, and DataFrames for claims.

Example:
    >>> import dangjian
    >>> a = dangjian.analyze("5年来,1.35万名机关党员到社区报到。")
    >>> a["claims"][0]["value"]
    13500

The functions of this module use a shared default ``Pipeline()``; build your
own ``Pipeline(keywords=…, lexicon=…, clean=…)`` for other settings, and
``Pipeline.analyze_many`` for a corpus on all cores. ``build_archive`` and
``Archive`` build and search an archive's search index (the one of
``dangjian index --search``).
"""

from __future__ import annotations

import functools
import os
from typing import Any, Dict, Iterable, List, Optional, Union

from ._archive import ARCHIVE_CLAIM_COLUMNS, SEARCH_COLUMNS, Archive, build_archive
from ._dangjian import (
    CLAIM_COLUMNS,
    AnalyzeIter,
    DecodeError,
    Pipeline,
    __version__,
    normalize,
)

__all__ = [
    "ARCHIVE_CLAIM_COLUMNS",
    "Archive",
    "CLAIM_COLUMNS",
    "AnalyzeIter",
    "DecodeError",
    "Pipeline",
    "__version__",
    "SEARCH_COLUMNS",
    "analyze",
    "build_archive",
    "claims",
    "compare",
    "normalize",
    "reuse",
    "segment",
]

#: One document: ``str`` text (or, among the sources of ``claims``, ``compare``,
#: ``reuse`` and ``Pipeline.analyze_many``, a ``str`` naming an existing file),
#: ``bytes`` contents, or an ``os.PathLike`` file.
Source = Union[str, bytes, "os.PathLike[str]"]


@functools.lru_cache(maxsize=None)
def _default() -> Pipeline:
    """The shared default pipeline, built on first use."""
    return Pipeline()


def analyze(source: Source) -> Dict[str, Any]:
    """Analyzes one document with the default pipeline (see ``Pipeline.analyze``).

    ``source`` is ``str`` (the text itself), ``bytes`` (decoded like a file:
    UTF-8, UTF-16, GB18030, Big5) or an ``os.PathLike`` (a file). A ``str``
    given here is always text, never a file name: pass ``pathlib.Path(name)``
    for a file (``claims``, ``compare`` and ``reuse``, which take many
    sources, read a ``str`` that names an existing file as that file). Returns the
    ``analyze`` object of the command line as a dict. Raises
    ``dangjian.DecodeError`` for bytes that are not text and ``OSError`` for a
    file that cannot be read.

    Example:
        >>> import dangjian
        >>> a = dangjian.analyze("5年来,1.35万名机关党员到社区报到。")
        >>> c = a["claims"][0]
        >>> c["value"], c["unit"], c["object"], c["text"]
        (13500, '名', '机关党员', '1.35万名')
    """
    return _default().analyze(source)


def segment(text: str) -> List[str]:
    """Segments ``text`` into words, in its original characters (see ``Pipeline.segment``).

    Example:
        >>> import dangjian
        >>> dangjian.segment("天津市加強機關黨建工作")
        ['天津市', '加強', '機關黨建', '工作']
    """
    return _default().segment(text)


def claims(sources: Union[Source, Iterable[Source]], threads: Optional[int] = None) -> Any:
    """Numeric claims of ``sources``, one row per claim.

    ``sources``: one source or an iterable of them (str text, bytes,
    os.PathLike files, or directories: a corpus with its manifest, or every
    document file in it), analyzed in parallel. The columns are those of
    ``dangjian claims`` (``dangjian.CLAIM_COLUMNS``): document, path, place,
    period, object, indicator, value, value_max, unit, approx, text, start,
    end, sentence. Returns a ``pandas.DataFrame`` when pandas is installed,
    else a list of dicts.

    A ``str`` among ``sources`` is read as a file when it names an existing
    file or directory, so ``glob.glob("archive/*.txt")`` works as it reads;
    a ``str`` that looks like a path (no white space and a document extension
    such as ``.txt`` or ``.html``, or a ``/`` and no Chinese character) but
    names nothing raises ``FileNotFoundError``; any other ``str`` is the text
    itself. ``pathlib.Path`` always means a file, ``bytes`` always contents;
    a directory with no document file raises ``ValueError``.

    Example:
        >>> import dangjian
        >>> df = dangjian.claims(["天津市建成党群服务中心300个", "上海市培训党员2.1万人次"])
        >>> df[["place", "value", "unit"]].values.tolist()
        [['天津市', 300, '个'], ['上海市', 21000, '人次']]
        >>> df.groupby("place")["value"].sum().to_dict()
        {'上海市': 21000, '天津市': 300}
    """
    rows = _default().claim_rows(sources, threads=threads)
    try:
        import pandas as pd
    except ImportError:
        return rows
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))


def compare(
    sources: Union[Source, Iterable[Source]],
    by: str = "place",
    format: str = "json",
    view: str = "indicators",
    min_count: int = 3,
    threads: Optional[int] = None,
) -> Any:
    """Compares places, sources or years over ``sources`` (see ``Pipeline.compare``).

    ``by``: ``"place"``, ``"source"`` or ``"year"``. ``format="json"`` returns
    the ``compare --format json`` object as a dict; ``"html"``, ``"markdown"``,
    ``"table"`` return the report as a string; ``"csv"`` the CSV of ``view``.

    A ``str`` among ``sources`` is read as a file when it names an existing
    file or directory, so ``glob.glob("archive/*.txt")`` works as it reads;
    a ``str`` that looks like a path (no white space and a document extension
    such as ``.txt`` or ``.html``, or a ``/`` and no Chinese character) but
    names nothing raises ``FileNotFoundError``; any other ``str`` is the text
    itself. ``pathlib.Path`` always means a file, ``bytes`` always contents;
    a directory with no document file raises ``ValueError``.

    Example:
        >>> import dangjian
        >>> texts = [
        ...     "天津市各级党组织落实三会一课制度,天津市建成党群服务中心300个。",
        ...     "上海市各级党组织落实三会一课制度,上海市建成党群服务中心200个。",
        ... ]
        >>> c = dangjian.compare(texts)
        >>> sorted(p["name"] for p in c["places"])
        ['上海市', '天津市']
        >>> dangjian.compare(texts, format="html").startswith("<!DOCTYPE html>")
        True
    """
    return _default().compare(
        sources, by=by, format=format, view=view, min_count=min_count, threads=threads
    )


def reuse(
    sources: Union[Source, Iterable[Source]],
    min_chars: int = 30,
    format: str = "json",
    threads: Optional[int] = None,
) -> Any:
    """Text reuse across ``sources`` (see ``Pipeline.reuse``): the ``reuse``
    object of ``dangjian reuse`` as a dict (clusters of passages shared by two
    or more documents, the earliest dated copy first, and stats), or its
    report as text for ``format`` "table", "jsonl", "csv" or "html".

    A ``str`` among ``sources`` is read as a file when it names an existing
    file or directory, so ``glob.glob("archive/*.txt")`` works as it reads;
    a ``str`` that looks like a path (no white space and a document extension
    such as ``.txt`` or ``.html``, or a ``/`` and no Chinese character) but
    names nothing raises ``FileNotFoundError``; any other ``str`` is the text
    itself. ``pathlib.Path`` always means a file, ``bytes`` always contents;
    a directory with no document file raises ``ValueError``.

    Example:
        >>> import dangjian
        >>> shared = "全面推行党员积分制管理,把党员参加组织生活、志愿服务、结对帮扶的情况逐项记分,年底按积分评先评优。"
        >>> r = dangjian.reuse(["天津市委组织部通知:" + shared, "上海市委组织部部署:" + shared])
        >>> len(r["clusters"]), len(r["clusters"][0]["members"])
        (1, 2)
    """
    return _default().reuse(sources, min_chars=min_chars, format=format, threads=threads)
