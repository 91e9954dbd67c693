"""dangjian.Archive and dangjian.build_archive: an archive's search index from Python."""

import pytest

import dangjian

# Made-up reports: two places in two provinces, one in traditional script,
# with dates so that year filters have something to select.
REPORTS = [
    "杭州日报\n2019年5月6日\n杭州市:1.2万名在职党员到社区报到,认领微心愿3000个。",
    "桂林日報\n2021年3月2日\n桂林市:機關黨員3000名到社區報到。",
    "天津日报\n2021年7月1日\n天津市建成党群服务中心300个,培训党员2.1万人次。",
]


@pytest.fixture
def archive(tmp_path):
    folder = tmp_path / "archive"
    r = dangjian.build_archive(folder, REPORTS, threads=2)
    assert r == {"added": 3, "errors": []}
    return dangjian.Archive(folder)


def test_search_is_a_frame_of_hits_with_snippets_in_the_original_script(archive):
    pytest.importorskip("pandas")
    hits = archive.search("报到")
    assert list(hits.columns) == list(dangjian.SEARCH_COLUMNS)
    assert hits.attrs["total"] == 2
    assert sorted(hits["place"]) == ["杭州市", "桂林市"]
    guilin = hits[hits["place"] == "桂林市"].iloc[0]
    assert "**報到**" in guilin["snippet"]
    # The span points at the match in the original text.
    assert guilin["end"] - guilin["start"] == len("報到".encode())


def test_totals_say_whether_every_match_was_counted(archive):
    # Counted up to 10,000 unless count_all: three documents are all counted.
    r = archive.results("报到")
    assert (r["total"], r["total_exact"]) == (2, True)
    assert archive.results("报到", count_all=True)["total"] == 2
    c = archive._archive.claims(unit="名", count_all=True)
    assert (c["total"], c["total_exact"]) == (2, True)
    pytest.importorskip("pandas")
    hits = archive.search("报到", count_all=True)
    assert (hits.attrs["total"], hits.attrs["total_exact"]) == (2, True)
    assert archive.claims(unit="名").attrs["total_exact"] is True


def test_filters_narrow_the_search(archive):
    pytest.importorskip("pandas")
    assert archive.search("报到", place="浙江省")["place"].tolist() == ["杭州市"]
    assert archive.search("报到", year=2021)["place"].tolist() == ["桂林市"]
    assert archive.search(date_from="2021-06", sort="date")["place"].tolist() == ["天津市"]
    assert archive.search("报到", place="天津市").empty


def test_claims_are_rows_with_value_ranges(archive):
    pytest.importorskip("pandas")
    rows = archive.claims(unit="名", min=2000)
    assert list(rows.columns) == list(dangjian.ARCHIVE_CLAIM_COLUMNS)
    assert sorted(rows["value"].tolist()) == [3000, 12000]
    assert archive.claims(unit="名", min=2000, max=5000)["place"].tolist() == ["桂林市"]
    tianjin = archive.claims(place="天津市")
    assert sorted(tianjin["unit"].tolist()) == ["个", "人次"]


def test_facets_count_places_as_a_tree_and_years(archive):
    f = archive.facets(fields=["place", "year"])
    provinces = {p["name"]: p for p in f["place"]}
    assert provinces["浙江省"]["children"][0]["name"] == "杭州市"
    assert {y["value"]: y["count"] for y in f["year"]} == {2019: 1, 2021: 2}
    assert archive.results("报到", facets=["year"])["facets"]["year"]


def test_len_contains_document_and_repr(archive):
    assert len(archive) == 3
    first = archive.results("天津")["hits"][0]["id"]
    assert first in archive and "nothing" not in archive
    assert archive.document(first)["place"]["name"] == "天津市"
    assert archive.document("nothing") is None
    assert "documents=3" in repr(archive)


def test_building_again_replaces_instead_of_duplicating(archive):
    r = dangjian.build_archive(archive.path, REPORTS[:1])
    assert r["added"] == 1
    archive.reload()
    assert len(archive) == 3


def test_a_bad_input_is_reported_and_the_rest_is_indexed(tmp_path):
    r = dangjian.build_archive(tmp_path / "a", [REPORTS[0], b"\xff\xfe\x00", REPORTS[2]])
    assert r["added"] == 2
    assert [(e["index"], e["kind"]) for e in r["errors"]] == [(1, "encoding")]


def test_errors_say_what_is_wrong(archive, tmp_path):
    with pytest.raises(ValueError, match="character 1"):
        archive.search("(报到")
    with pytest.raises(TypeError, match="unknown filter"):
        archive.search("报到", plase="浙江省")
    with pytest.raises(TypeError, match="year must be an int"):
        archive.search("报到", year="2021")
    with pytest.raises(ValueError, match="sort"):
        archive.search("报到", sort="newest")
    with pytest.raises(FileNotFoundError):
        dangjian.Archive(tmp_path / "missing")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("x")
    with pytest.raises(ValueError, match="no search index"):
        dangjian.Archive(tmp_path / "other")


def test_without_pandas_rows_are_dicts(archive, no_pandas):
    hits = archive.search("报到")
    assert isinstance(hits, list) and hits[0]["snippet"]
    rows = archive.claims(min=10000)
    assert sorted(r["value"] for r in rows) == [12000, 21000]
