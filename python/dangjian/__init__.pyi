"""Type stubs of dangjian (the compiled module and its Python shortcuts)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Union, overload


__version__: str

#: One document. ``analyze`` reads a ``str`` as the text itself, always.
Source = Union[str, bytes, bytearray, "os.PathLike[str]"]
#: The sources of ``claims``, ``compare``, ``reuse`` and
#: ``Pipeline.analyze_many``: one source or an iterable of them. Here a
#: ``str`` that names an existing file or directory is read as that file (so
#: ``glob.glob("archive/*.txt")`` works); a ``str`` that looks like a path (no
#: white space and a document extension such as ``.txt``, or a ``/`` and no
#: Chinese character) but names nothing raises ``FileNotFoundError``; any
#: other ``str`` is text. ``pathlib.Path`` always means a file, ``bytes``
#: always contents.
Sources = Union[Source, Iterable[Source]]

CLAIM_COLUMNS: List[str]

#: The report formats of ``compare`` (``"json"`` gives a dict).
Report = Literal["table", "markdown", "html", "csv"]
#: The report formats of ``reuse`` (``"json"`` gives a dict).
ReuseReport = Literal["table", "jsonl", "csv", "html"]

class DecodeError(ValueError):
    """Undecodable, binary, empty or too large input."""

    file: Optional[str]
    reason: str
    kind: str

class AnalyzeIter(Iterator[Dict[str, Any]]):
    def __iter__(self) -> "AnalyzeIter": ...
    def __next__(self) -> Dict[str, Any]: ...

class Pipeline:
    def __init__(
        self,
        keywords: int = 10,
        lexicon: Union[None, str, "os.PathLike[str]", Iterable[str]] = None,
        clean: bool = True,
        claims: bool = True,
        formulations: bool = True,
        places: bool = True,
    ) -> None: ...
    def analyze(self, source: Source) -> Dict[str, Any]:
        """A ``str`` is always the text itself, never a file name; pass ``pathlib.Path`` for a file."""
        ...
    def analyze_many(
        self, sources: Iterable[Source], threads: Optional[int] = None
    ) -> AnalyzeIter:
        """``sources``: a ``str`` naming an existing file is read as that file; one that looks like a path but names nothing yields an error dict of kind ``io``; any other ``str`` is text (see ``Sources``)."""
        ...
    def segment(self, text: str) -> List[str]: ...
    def claim_rows(
        self, sources: Sources, threads: Optional[int] = None
    ) -> List[Dict[str, Any]]:
        """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
        ...
    @overload
    def compare(
        self,
        sources: Sources,
        by: str = "place",
        format: Literal["json"] = "json",
        view: str = "indicators",
        min_count: int = 3,
        threads: Optional[int] = None,
    ) -> Dict[str, Any]:
        """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
        ...
    @overload
    def compare(
        self,
        sources: Sources,
        by: str,
        format: Report,
        view: str = "indicators",
        min_count: int = 3,
        threads: Optional[int] = None,
    ) -> str:
        """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
        ...
    @overload
    def compare(
        self,
        sources: Sources,
        by: str = "place",
        *,
        format: Report,
        view: str = "indicators",
        min_count: int = 3,
        threads: Optional[int] = None,
    ) -> str:
        """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
        ...

    @overload
    def reuse(
        self,
        sources: Sources,
        min_chars: int = 30,
        format: Literal["json"] = "json",
        threads: Optional[int] = None,
    ) -> Dict[str, Any]:
        """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
        ...
    @overload
    def reuse(
        self,
        sources: Sources,
        min_chars: int,
        format: ReuseReport,
        threads: Optional[int] = None,
    ) -> str:
        """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
        ...
    @overload
    def reuse(
        self,
        sources: Sources,
        min_chars: int = 30,
        *,
        format: ReuseReport,
        threads: Optional[int] = None,
    ) -> str:
        """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
        ...
def analyze(source: Source) -> Dict[str, Any]:
    """A ``str`` is always the text itself, never a file name; pass ``pathlib.Path`` for a file."""
    ...
def normalize(text: str, config: str = "default") -> str: ...
def segment(text: str) -> List[str]: ...
def claims(sources: Sources, threads: Optional[int] = None) -> Any:
    """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
    ...
@overload
def compare(
    sources: Sources,
    by: str = "place",
    format: Literal["json"] = "json",
    view: str = "indicators",
    min_count: int = 3,
    threads: Optional[int] = None,
) -> Dict[str, Any]:
    """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
    ...
@overload
def compare(
    sources: Sources,
    by: str,
    format: Report,
    view: str = "indicators",
    min_count: int = 3,
    threads: Optional[int] = None,
) -> str:
    """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
    ...
@overload
def compare(
    sources: Sources,
    by: str = "place",
    *,
    format: Report,
    view: str = "indicators",
    min_count: int = 3,
    threads: Optional[int] = None,
) -> str:
    """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
    ...
@overload
def reuse(
    sources: Sources,
    min_chars: int = 30,
    format: Literal["json"] = "json",
    threads: Optional[int] = None,
) -> Dict[str, Any]:
    """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
    ...
@overload
def reuse(
    sources: Sources,
    min_chars: int,
    format: ReuseReport,
    threads: Optional[int] = None,
) -> str:
    """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
    ...
@overload
def reuse(
    sources: Sources,
    min_chars: int = 30,
    *,
    format: ReuseReport,
    threads: Optional[int] = None,
) -> str:
    """``sources``: a ``str`` naming an existing file or directory is read as that file; one that looks like a path but names nothing raises ``FileNotFoundError``; any other ``str`` is text (see ``Sources``)."""
    ...

# The archive is plain Python with inline types (dangjian/_archive.py).
from ._archive import ARCHIVE_CLAIM_COLUMNS as ARCHIVE_CLAIM_COLUMNS
from ._archive import SEARCH_COLUMNS as SEARCH_COLUMNS
from ._archive import Archive as Archive
from ._archive import build_archive as build_archive
