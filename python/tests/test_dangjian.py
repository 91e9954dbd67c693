"""The Python API of dangjian: every public function, bad input, threads, DataFrames."""

import _thread
import glob
import os
import signal
import threading
from pathlib import Path

import pytest

import dangjian
from conftest import REPORT, TRADITIONAL

# The fields of the command line's `analyze` object (terms only when kept).
ANALYZE_FIELDS = {
    "path", "id", "encoding", "format", "script", "meta", "place", "place_reason",
    "body", "captions", "claims", "formulations", "slogans", "documents",
    "places", "keywords", "chars",
}


# --- analyze ---------------------------------------------------------------

def test_analyze_example_of_the_readme():
    a = dangjian.analyze("5年来,1.35万名机关党员到社区报到。")
    assert a["claims"][0]["value"] == 13500
    assert isinstance(a["claims"][0]["value"], int)


def test_analyze_returns_the_analyze_object():
    a = dangjian.analyze(REPORT)
    assert set(a) == ANALYZE_FIELDS
    assert a["path"] is None
    assert a["script"] == "simplified"
    values = [c["value"] for c in a["claims"]]
    assert 13500 in values and 300 in values and 21000 in values
    assert any(f["text"] == "三会一课" for f in a["formulations"])
    c = a["claims"][0]
    # Spans are byte offsets into the (UTF-8) text.
    assert REPORT.encode()[c["span"][0]:c["span"][1]].decode() == c["text"]


def test_analyze_traditional_keeps_original_script():
    a = dangjian.analyze(TRADITIONAL)
    assert a["script"] == "traditional"
    assert a["claims"][0]["value"] == 12000
    assert "萬" in a["claims"][0]["text"]


@pytest.mark.parametrize("name", ["utf8.txt", "gb.txt", "big5.txt", "utf16.txt"])
def test_analyze_files_and_bytes_in_every_encoding(report_files, name):
    path = report_files[name]
    from_path = dangjian.analyze(path)
    from_bytes = dangjian.analyze(path.read_bytes())
    assert from_path["path"] == str(path)
    assert from_bytes["path"] is None
    assert from_path["claims"] and from_path["claims"] == from_bytes["claims"]
    assert from_path["id"] == from_bytes["id"]


def test_analyze_accepts_bytearray_and_str_paths_via_pathlike(report_files):
    p = report_files["utf8.txt"]
    assert dangjian.analyze(bytearray(p.read_bytes()))["claims"]

    class P:
        def __fspath__(self):
            return str(p)

    assert dangjian.analyze(P())["path"] == str(p)


def test_a_str_is_text_not_a_path(report_files):
    a = dangjian.analyze(str(report_files["utf8.txt"]))
    assert a["path"] is None and a["claims"] == []


# --- bad input -------------------------------------------------------------

def test_invalid_bytes_raise_decode_error():
    with pytest.raises(dangjian.DecodeError) as info:
        dangjian.analyze(b"\x00\x01\x02\x03binary\x00\x00")
    assert isinstance(info.value, ValueError)
    assert info.value.kind == "binary"
    assert info.value.file is None
    assert info.value.reason


def test_undecodable_file_names_the_file(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(dangjian.DecodeError) as info:
        dangjian.analyze(p)
    assert info.value.file == str(p)
    assert str(p) in str(info.value)


def test_empty_input_is_a_decode_error():
    with pytest.raises(dangjian.DecodeError) as info:
        dangjian.analyze(b"   ")
    assert info.value.kind == "empty"


def test_missing_file_is_file_not_found(tmp_path):
    p = tmp_path / "missing.txt"
    with pytest.raises(FileNotFoundError) as info:
        dangjian.analyze(p)
    assert info.value.filename == str(p)


def test_directory_is_an_os_error(tmp_path):
    with pytest.raises(IsADirectoryError) as info:
        dangjian.analyze(tmp_path)
    assert info.value.filename == str(tmp_path)


def test_wrong_type_is_a_type_error():
    with pytest.raises(TypeError):
        dangjian.analyze(42)  # type: ignore[arg-type]


def test_lone_surrogate_is_not_a_crash():
    with pytest.raises(TypeError):
        dangjian.analyze("党员\ud800")


def test_a_50_mb_string():
    unit = "党员干部深入社区开展志愿服务,推动基层党建工作走深走实。"
    text = unit * (50_000_000 // len(unit.encode()) + 1)
    assert len(text.encode()) >= 50_000_000
    a = dangjian.analyze(text)
    assert a["chars"] >= len(text) - 100
    assert a["script"] == "simplified"


# --- analyze_many ----------------------------------------------------------

def test_analyze_many_in_order_with_error_dicts(tmp_path, report_files):
    items = [
        "全市建成党群服务中心300个",
        b"\x00\x01\x02binary\x00",
        tmp_path / "missing.txt",
        tmp_path,
        12,
        report_files["big5.txt"],
        "培训党员2.1万人次",
    ]
    out = list(dangjian.Pipeline().analyze_many(items, threads=2))
    assert len(out) == len(items)
    assert out[0]["claims"][0]["value"] == 300
    assert out[1]["kind"] == "binary" and out[1]["index"] == 1
    assert out[2]["kind"] == "io" and out[2]["path"] == str(tmp_path / "missing.txt")
    assert out[3]["kind"] == "io" and "directory" in out[3]["error"]
    assert out[4]["kind"] == "type" and "int" in out[4]["error"]
    assert out[5]["encoding"] == "big5"
    assert out[6]["claims"][0]["value"] == 21000


@pytest.mark.parametrize("threads", [None, 1, 2, 4])
def test_analyze_many_same_results_on_any_number_of_threads(threads):
    texts = [f"全市{i}个党支部开展主题党日活动,{i + 1}名党员参加。" for i in range(1, 60)]
    p = dangjian.Pipeline()
    want = [p.analyze(t) for t in texts]
    assert list(p.analyze_many(texts, threads=threads)) == want


def test_analyze_many_streams_a_generator():
    pulled = []

    def gen():
        for i in range(1000):
            pulled.append(i)
            yield f"建成党群服务中心{i + 1}个"

    it = dangjian.Pipeline().analyze_many(gen(), threads=2)
    first = next(it)
    assert first["claims"][0]["value"] == 1
    assert len(pulled) < 1000  # read a bounded window ahead, not all at once
    assert sum(1 for _ in it) == 999


def test_analyze_many_empty_and_iterator_errors():
    assert list(dangjian.Pipeline().analyze_many([])) == []

    def broken():
        yield "党员10名"
        raise RuntimeError("source failed")

    it = dangjian.Pipeline().analyze_many(broken())
    with pytest.raises(RuntimeError, match="source failed"):
        list(it)
    with pytest.raises(TypeError):
        dangjian.Pipeline().analyze_many(5)  # type: ignore[arg-type]


def test_analyze_many_from_python_threads():
    p = dangjian.Pipeline()
    texts = [f"培训党员{i}人次" for i in range(1, 40)]
    results = {}

    def work(k):
        results[k] = [r["claims"][0]["value"] for r in p.analyze_many(texts, threads=2)]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(v == list(range(1, 40)) for v in results.values())


def test_keyboard_interrupt_stops_analyze_many():
    text = "各级党组织认真落实三会一课制度,全市建成党群服务中心300个。" * 20000
    texts = [text] * 400  # minutes of work on one core
    consumed = 0
    # interrupt_main does nothing while SIGINT is ignored, and a runner
    # started in the background may inherit it ignored: the test installs
    # Python's own handler, as an interactive session has it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.5, _thread.interrupt_main)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            for _ in dangjian.Pipeline().analyze_many(texts, threads=1):
                consumed += 1
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert consumed < len(texts)


# --- Pipeline options ------------------------------------------------------

def test_pipeline_options():
    p = dangjian.Pipeline(keywords=3, clean=False, formulations=False)
    a = p.analyze(REPORT)
    assert len(a["keywords"]) <= 3
    assert a["formulations"] == []
    assert a["body"].startswith("天津市委组织部")
    assert dangjian.Pipeline(keywords=0).analyze(REPORT)["keywords"] == []
    assert dangjian.Pipeline(claims=False).analyze(REPORT)["claims"] == []
    assert "keywords=3" in repr(p)


def test_pipeline_lexicon_from_list_and_file(tmp_path):
    text = "组织党员志愿者加入邻里红管家"
    assert "邻里红管家" not in dangjian.Pipeline().segment(text)
    assert "邻里红管家" in dangjian.Pipeline(lexicon=["邻里红管家 nz"]).segment(text)
    f = tmp_path / "lexicon.txt"
    f.write_text("邻里红管家 1000 nz\n", encoding="utf-8")
    assert "邻里红管家" in dangjian.Pipeline(lexicon=f).segment(text)
    assert "邻里红管家" in dangjian.Pipeline(lexicon=str(f)).segment(text)
    with pytest.raises(FileNotFoundError):
        dangjian.Pipeline(lexicon=tmp_path / "none.txt")
    with pytest.raises(TypeError):
        dangjian.Pipeline(lexicon=5)  # type: ignore[arg-type]


# --- normalize, segment ----------------------------------------------------

def test_normalize_configs():
    assert dangjian.normalize("黨員１２名") == "党员12名"
    assert dangjian.normalize("黨員１２名", config="t2s") == "党员１２名"
    s = "慰藉著受傷的心靈"
    assert dangjian.normalize(s, config="t2s") == "慰藉著受伤的心灵"
    assert dangjian.normalize(s, config="hk2s") == "慰藉著受伤的心灵"
    assert dangjian.normalize(s, config="tw2s") == "慰藉着受伤的心灵"
    with pytest.raises(ValueError):
        dangjian.normalize(s, config="s2t")


def test_segment_keeps_original_characters():
    toks = dangjian.segment("天津市加強機關黨建工作")
    assert "".join(toks) == "天津市加強機關黨建工作"
    assert "機關黨建" in toks
    text = "全市 1.35万名党员\n到社区报到"
    assert "".join(dangjian.segment(text)) == text
    assert dangjian.segment("") == []


# --- claims ----------------------------------------------------------------

def test_claims_dataframe_shape(report_files):
    pd = pytest.importorskip("pandas")
    df = dangjian.claims([REPORT, report_files["big5.txt"]])
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns) == list(dangjian.CLAIM_COLUMNS)
    assert df.shape[1] == 14
    n = len(dangjian.analyze(REPORT)["claims"]) + len(dangjian.analyze(TRADITIONAL)["claims"])
    assert df.shape[0] == n
    assert df["value"].sum() == 13500 + 300 + 21000 + 12000
    assert set(df["path"].dropna()) == {str(report_files["big5.txt"])}
    row = df.iloc[0]
    assert REPORT.encode()[row["start"]:row["end"]].decode() == row["text"]
    by_place = df.groupby("place")["value"].sum()
    assert by_place["天津市"] == 13500 + 300 + 21000


def test_claims_of_nothing_has_the_columns():
    pytest.importorskip("pandas")
    df = dangjian.claims([])
    assert df.shape == (0, 14)


def test_claims_single_source_directory_and_bad_source(report_files, tmp_path):
    rows = dangjian.Pipeline().claim_rows(REPORT)
    assert [r["value"] for r in rows][:1] == [13500]
    assert list(rows[0]) == list(dangjian.CLAIM_COLUMNS)
    # A directory: its document files.
    good = tmp_path / "corpus"
    good.mkdir()
    (good / "a.txt").write_text(REPORT, encoding="utf-8")
    (good / "b.txt").write_text(TRADITIONAL, encoding="utf-8")
    paths = {r["path"] for r in dangjian.Pipeline().claim_rows([good])}
    assert paths == {str(good / "a.txt"), str(good / "b.txt")}
    with pytest.raises(FileNotFoundError):
        dangjian.claims([REPORT, tmp_path / "missing.txt"])
    with pytest.raises(dangjian.DecodeError):
        dangjian.claims([b"\x00\x01\x02binary\x00"])


# --- str sources: text or a file name --------------------------------------

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_claims_of_glob_strings_equal_claims_of_paths():
    names = sorted(glob.glob(str(CORPUS / "*.txt")))
    assert len(names) == 5
    by_str = dangjian.Pipeline().claim_rows(names)
    by_path = dangjian.Pipeline().claim_rows([Path(p) for p in names])
    assert len(by_str) > 100
    assert by_str == by_path
    assert {r["path"] for r in by_str} == set(names)
    pd = pytest.importorskip("pandas")
    a = dangjian.claims(glob.glob(str(CORPUS / "*.txt")))
    b = dangjian.claims([Path(p) for p in glob.glob(str(CORPUS / "*.txt"))])
    assert isinstance(a, pd.DataFrame) and len(a) == len(by_str)
    pd.testing.assert_frame_equal(a, b)


def test_str_file_names_in_every_batch_function(report_files, tmp_path):
    name = str(report_files["utf8.txt"])
    # A str alone and a str in a list, for a file and for a directory.
    assert dangjian.Pipeline().claim_rows(name)[0]["path"] == name
    assert {r["path"] for r in dangjian.Pipeline().claim_rows([str(tmp_path)])} == {
        str(p) for p in report_files.values()
    }
    c = dangjian.compare([name, str(report_files["big5.txt"])])
    assert "天津市" in [p["name"] for p in c["places"]]
    results = list(dangjian.Pipeline().analyze_many([name, REPORT]))
    assert results[0]["path"] == name and results[1]["path"] is None
    assert results[0]["claims"] == results[1]["claims"]
    shared = "全面推行党员积分制管理,把党员参加组织生活、志愿服务、结对帮扶的情况逐项记分,年底按积分评先评优。"
    (tmp_path / "a.txt").write_text("天津市委组织部通知:" + shared, encoding="utf-8")
    (tmp_path / "b.txt").write_text("上海市委组织部部署:" + shared, encoding="utf-8")
    r = dangjian.reuse([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert len(r["clusters"]) == 1


def test_text_stays_text_among_sources():
    # Report text never names a file: it is analyzed as text.
    rows = dangjian.Pipeline().claim_rows(["全市建成党群服务中心300个", "培训党员2.1万人次"])
    assert [r["value"] for r in rows] == [300, 21000]
    assert all(r["path"] is None for r in rows)


@pytest.mark.parametrize("missing", ["archive/2024/report.txt", "报告.txt", "data\\x.html"])
def test_a_path_that_names_nothing_is_an_error_not_an_empty_result(missing, tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        dangjian.claims([missing])
    assert info.value.filename == missing and "looks like a path" in str(info.value)
    with pytest.raises(FileNotFoundError):
        dangjian.compare(missing)
    with pytest.raises(FileNotFoundError):
        dangjian.reuse([missing, missing])
    [r] = list(dangjian.Pipeline().analyze_many([missing]))
    assert r["kind"] == "io" and r["path"] == missing


def test_a_directory_without_documents_is_an_error(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK")
    with pytest.raises(ValueError, match="no document file"):
        dangjian.claims([tmp_path])
    with pytest.raises(ValueError, match="no document file"):
        dangjian.claims(str(tmp_path))


def test_claims_without_pandas_is_a_list_of_dicts(no_pandas):
    rows = dangjian.claims(REPORT)
    assert isinstance(rows, list) and rows[0]["value"] == 13500


# --- compare ---------------------------------------------------------------

def test_compare_formats():
    texts = [
        "天津市各级党组织落实三会一课制度,天津市建成党群服务中心300个。",
        "上海市各级党组织落实三会一课制度,上海市建成党群服务中心200个。",
    ]
    c = dangjian.compare(texts)
    assert isinstance(c, dict)
    assert sorted(p["name"] for p in c["places"]) == ["上海市", "天津市"]
    html = dangjian.compare(texts, format="html")
    assert isinstance(html, str) and "天津市" in html
    assert isinstance(dangjian.compare(texts, format="markdown"), str)
    assert isinstance(dangjian.compare(texts, format="table"), str)
    csv = dangjian.compare(texts, format="csv", view="places")
    assert csv.splitlines()[0].count(",") >= 1
    assert isinstance(dangjian.compare(texts, by="source"), dict)
    with pytest.raises(ValueError):
        dangjian.compare(texts, by="city")
    with pytest.raises(ValueError):
        dangjian.compare(texts, format="pdf")
    with pytest.raises(ValueError):
        dangjian.compare(texts, format="csv", view="nothing")


# --- text reuse ------------------------------------------------------------

SHARED = "全面推行党员积分制管理,把党员参加组织生活、志愿服务、结对帮扶的情况逐项记分,年底按积分评先评优。"


def test_reuse_finds_a_passage_shared_by_two_places():
    r = dangjian.reuse([
        "天津市委组织部通知:" + SHARED + "天津市各区抓好落实。",
        "上海市委组织部部署:" + SHARED + "上海市各区抓好落实。",
        "某县今年新建党群服务中心12个,培训党员3000人次。",
    ])
    assert len(r["clusters"]) == 1
    members = r["clusters"][0]["members"]
    assert len(members) == 2
    for m in members:
        start, end = m["span"]
        assert end - start >= 30


def test_reuse_across_scripts_and_as_reports(tmp_path):
    trad = "全面推行黨員積分制管理,把黨員參加組織生活、志願服務、結對幫扶的情況逐項記分,年底按積分評先評優。"
    assert dangjian.normalize(trad, config="t2s") == SHARED
    (tmp_path / "a.txt").write_text("天津市:" + SHARED, encoding="utf-8")
    (tmp_path / "b.txt").write_text("上海市:" + trad, encoding="utf-8")
    assert len(dangjian.reuse(tmp_path)["clusters"]) == 1
    table = dangjian.reuse(tmp_path, format="table")
    assert isinstance(table, str) and table
    assert dangjian.reuse(tmp_path, format="csv").count("\n") >= 3


def test_reuse_nothing_shared_and_bad_arguments():
    assert dangjian.reuse(["天津市党员10名。", "上海市党员20名。"])["clusters"] == []
    with pytest.raises(ValueError):
        dangjian.reuse(["天津市党员10名。"], format="pdf")


# --- documentation ---------------------------------------------------------

PUBLIC = [
    dangjian.analyze, dangjian.normalize, dangjian.segment, dangjian.claims,
    dangjian.compare, dangjian.Pipeline, dangjian.Pipeline.analyze,
    dangjian.Pipeline.analyze_many, dangjian.Pipeline.segment,
    dangjian.Pipeline.claim_rows, dangjian.Pipeline.compare,
    dangjian.reuse, dangjian.Pipeline.reuse,
    dangjian.Archive, dangjian.build_archive,
]


@pytest.mark.parametrize("obj", PUBLIC, ids=lambda o: o.__qualname__)
def test_every_public_function_has_an_example(obj):
    assert obj.__doc__ and ">>> " in obj.__doc__


def test_help_shows_the_example(capsys):
    help(dangjian.analyze)
    out = capsys.readouterr().out
    assert "Example" in out and ">>> " in out


def test_version():
    assert dangjian.__version__.count(".") == 2
