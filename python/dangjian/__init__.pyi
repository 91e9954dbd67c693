"""Type stubs of dangjian (the compiled module and its Python shortcuts)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Optional, Union, overload


__version__: str

Source = Union[str, bytes, bytearray, "os.PathLike[str]"]
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
    def analyze(self, source: Source) -> Dict[str, Any]: ...
    def analyze_many(
        self, sources: Iterable[Source], threads: Optional[int] = None
    ) -> AnalyzeIter: ...
    def segment(self, text: str) -> List[str]: ...
    def claim_rows(
        self, sources: Sources, threads: Optional[int] = None
    ) -> List[Dict[str, Any]]: ...
    @overload
    def compare(
        self,
        sources: Sources,
        by: str = "place",
        format: Literal["json"] = "json",
        view: str = "indicators",
        min_count: int = 3,
        threads: Optional[int] = None,
    ) -> Dict[str, Any]: ...
    @overload
    def compare(
        self,
        sources: Sources,
        by: str,
        format: Report,
        view: str = "indicators",
        min_count: int = 3,
        threads: Optional[int] = None,
    ) -> str: ...
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
    ) -> str: ...

    @overload
    def reuse(
        self,
        sources: Sources,
        min_chars: int = 30,
        format: Literal["json"] = "json",
        threads: Optional[int] = None,
    ) -> Dict[str, Any]: ...
    @overload
    def reuse(
        self,
        sources: Sources,
        min_chars: int,
        format: ReuseReport,
        threads: Optional[int] = None,
    ) -> str: ...
    @overload
    def reuse(
        self,
        sources: Sources,
        min_chars: int = 30,
        *,
        format: ReuseReport,
        threads: Optional[int] = None,
    ) -> str: ...
def analyze(source: Source) -> Dict[str, Any]: ...
def normalize(text: str, config: str = "default") -> str: ...
def segment(text: str) -> List[str]: ...
def claims(sources: Sources, threads: Optional[int] = None) -> Any: ...
@overload
def compare(
    sources: Sources,
    by: str = "place",
    format: Literal["json"] = "json",
    view: str = "indicators",
    min_count: int = 3,
    threads: Optional[int] = None,
) -> Dict[str, Any]: ...
@overload
def compare(
    sources: Sources,
    by: str,
    format: Report,
    view: str = "indicators",
    min_count: int = 3,
    threads: Optional[int] = None,
) -> str: ...
@overload
def compare(
    sources: Sources,
    by: str = "place",
    *,
    format: Report,
    view: str = "indicators",
    min_count: int = 3,
    threads: Optional[int] = None,
) -> str: ...
@overload
def reuse(
    sources: Sources,
    min_chars: int = 30,
    format: Literal["json"] = "json",
    threads: Optional[int] = None,
) -> Dict[str, Any]: ...
@overload
def reuse(
    sources: Sources,
    min_chars: int,
    format: ReuseReport,
    threads: Optional[int] = None,
) -> str: ...
@overload
def reuse(
    sources: Sources,
    min_chars: int = 30,
    *,
    format: ReuseReport,
    threads: Optional[int] = None,
) -> str: ...
