"""Shared fixtures: made-up report sentences and files in the encodings dangjian reads."""

from pathlib import Path

import pytest

REPORT = (
    "天津市委组织部\n"
    "近年来,天津市深入推进机关党建工作,全市1.35万名机关党员到社区报到,"
    "建成党群服务中心300个,培训党员2.1万人次。"
    "各级党组织认真落实三会一课制度。"
)

TRADITIONAL = "近年來,台北市加強機關黨建工作,共有1.2萬名黨員參加志願服務。"


@pytest.fixture
def report_files(tmp_path: Path) -> dict:
    """The report in UTF-8, GB18030, Big5 (traditional) and UTF-16 files."""
    files = {}
    for name, text, enc in [
        ("utf8.txt", REPORT, "utf-8"),
        ("gb.txt", REPORT, "gb18030"),
        ("big5.txt", TRADITIONAL, "big5"),
        ("utf16.txt", REPORT, "utf-16"),
    ]:
        p = tmp_path / name
        p.write_bytes(text.encode(enc))
        files[name] = p
    return files


@pytest.fixture
def no_pandas(monkeypatch):
    """Makes ``import pandas`` fail, as on a machine without it."""
    import builtins

    real_import = builtins.__import__

    def importer(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("no pandas")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", importer)
