//! `dangjian._dangjian`: the compiled module behind the Python package
//! `dangjian`. Every result comes from the Rust library; this crate only
//! converts arguments and results and runs documents in parallel with the
//! interpreter released.
//!
//! - [`source`]: what Python may pass as a document;
//! - [`stream`]: documents through a thread pool, results in input order;
//! - [`errors`]: library errors as Python exceptions;
//! - [`archive`]: a search index, opened read-only.

mod archive;
mod errors;
mod source;
mod stream;

use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use dangjian::compare::{CompareOptions, GroupBy, Profiles};
use dangjian::normalize::opencc::Variant;
use dangjian::normalize::{NormalizeOptions, Normalizer};
use dangjian::reuse::{Reuse, ReuseDocument, output as render};
use dangjian::{Analysis, Document, PipelineBuilder, Stages};
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::errors::{DecodeError, to_pyerr};
use crate::source::Source;
use crate::stream::{Failure, Job, Stream};

/// Serializes an analysis: the `analyze` object of the command line.
fn analysis_json(a: &Analysis) -> Result<String, Failure> {
    serde_json::to_string(a).map_err(|e| Failure {
        message: format!("cannot serialize the analysis: {e}"),
        kind: "json",
        path: a.path.clone(),
        errno: None,
    })
}

/// `json.loads(text)`.
fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.getattr("loads")?.call1((text,))
}

/// The error dict of one bad input in a stream.
fn failure_dict<'py>(py: Python<'py>, index: usize, f: &Failure) -> PyResult<Bound<'py, PyAny>> {
    let d = PyDict::new(py);
    d.set_item("error", &f.message)?;
    d.set_item("kind", f.kind)?;
    d.set_item("path", &f.path)?;
    d.set_item("index", index)?;
    Ok(d.into_any())
}

/// Loads one document given alone: a wrong type is a `TypeError`, a bad
/// file an `OSError` or `DecodeError`.
fn load_one(py: Python<'_>, source: &Bound<'_, PyAny>) -> PyResult<Document> {
    let src = Source::from_py(source);
    if let Some(msg) = src.invalid() {
        return Err(PyTypeError::new_err(msg.to_string()));
    }
    py.detach(move || src.load()).map_err(|e| to_pyerr(py, &e))
}

/// Runs `job` on every document of `sources` (directories expanded into
/// their documents), in parallel; the first failure is raised.
fn run_all<T: Send + 'static>(
    py: Python<'_>,
    sources: &Bound<'_, PyAny>,
    threads: Option<usize>,
    job: Job<T>,
) -> PyResult<Vec<T>> {
    let mut out = Vec::new();
    for_each_result(py, sources, threads, job, |r| match r {
        Ok(t) => {
            out.push(t);
            Ok(())
        }
        Err(f) => Err(failure_error(py, &f)),
    })?;
    Ok(out)
}

/// Runs `job` on every document of `sources` (directories expanded into
/// their documents), in parallel, and hands each result to `each` in input
/// order; an error from `each` stops the run.
fn for_each_result<T: Send + 'static>(
    py: Python<'_>,
    sources: &Bound<'_, PyAny>,
    threads: Option<usize>,
    job: Job<T>,
    mut each: impl FnMut(Result<T, Failure>) -> PyResult<()>,
) -> PyResult<()> {
    // One source alone (a str, bytes or path) is a list of one.
    let items: Vec<Bound<'_, PyAny>> = if Source::is_single(sources) {
        vec![sources.clone()]
    } else {
        sources.try_iter()?.collect::<PyResult<_>>()?
    };
    let mut stream = Stream::new(threads, job)?;
    let mut queue = items.iter().flat_map(Source::expand_py);
    loop {
        while stream.has_room() {
            match queue.next() {
                Some(s) => {
                    stream.submit(s);
                }
                None => break,
            }
        }
        match stream.next(py)? {
            Some((_, r)) => each(r)?,
            None => return Ok(()),
        }
    }
}

/// The exception for a failure met in a batch function.
fn failure_error(py: Python<'_>, f: &Failure) -> PyErr {
    let kind = match f.kind {
        "io" => {
            return match f.errno {
                // OSError(errno, strerror, filename) picks the subclass.
                Some(n) => PyOSError::new_err((n, f.message.clone(), f.path.clone())),
                None => PyOSError::new_err(match &f.path {
                    Some(p) => format!("{p}: {}", f.message),
                    None => f.message.clone(),
                }),
            };
        }
        "encoding" => dangjian::ErrorKind::Encoding,
        "binary" => dangjian::ErrorKind::Binary,
        "empty" => dangjian::ErrorKind::Empty,
        "too_large" => dangjian::ErrorKind::TooLarge,
        "type" => return PyTypeError::new_err(f.message.clone()),
        "json" | "config" => dangjian::ErrorKind::Config,
        _ => dangjian::ErrorKind::Internal,
    };
    let mut e = dangjian::Error::new(kind, f.message.clone());
    if let Some(p) = &f.path {
        e = e.with_path(p);
    }
    to_pyerr(py, &e)
}

/// The analysis pipeline: decoding, cleaning, normalization, segmentation,
/// numeric claims, formulations, places and keywords, built once and used
/// for any number of documents (from any thread).
///
/// Args:
///     keywords: keywords per document (0 = none).
///     lexicon: a user lexicon: a path (str or os.PathLike) to a file of
///         ``word [freq] [pos]`` lines, or a list of such lines.
///     clean: take page boilerplate off and read page metadata (off: the
///         whole text is the body).
///     claims: extract numeric claims.
///     formulations: extract formulations, slogans and cited documents.
///     places: recognize places and attribute the document and its claims.
///
/// Example:
///     >>> import dangjian
///     >>> p = dangjian.Pipeline(keywords=5, lexicon=["邻里红管家 nz"])
///     >>> a = p.analyze("组织党员志愿者加入邻里红管家,共建成120个党群服务站")
///     >>> a["claims"][0]["value"], a["claims"][0]["unit"]
///     (120, '个')
#[pyclass(frozen, module = "dangjian")]
struct Pipeline {
    inner: dangjian::Pipeline,
    builder: PipelineBuilder,
    /// The same pipeline keeping term counts, for comparisons (built on first use).
    for_compare: OnceLock<dangjian::Pipeline>,
    /// The same pipeline reading only what text reuse needs: body, place,
    /// date (built on first use).
    for_reuse: OnceLock<dangjian::Pipeline>,
    repr: String,
}

/// The lexicon argument as text: a path is read, a list is joined.
fn lexicon_text(lexicon: &Bound<'_, PyAny>) -> PyResult<String> {
    if lexicon.is_instance_of::<PyString>() || lexicon.hasattr("__fspath__")? {
        let path: PathBuf = lexicon.extract()?;
        return std::fs::read_to_string(&path)
            .map_err(|e| to_pyerr(lexicon.py(), &dangjian::Error::io(&path, e)));
    }
    let lines: Vec<String> = lexicon
        .try_iter()
        .and_then(|it| it.map(|l| l?.extract::<String>()).collect())
        .map_err(|_| {
            PyTypeError::new_err("lexicon: a path (str or os.PathLike) or a list of str lines")
        })?;
    Ok(lines.join("\n"))
}

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (keywords=10, lexicon=None, clean=true, claims=true, formulations=true, places=true))]
    fn new(
        py: Python<'_>,
        keywords: usize,
        lexicon: Option<&Bound<'_, PyAny>>,
        clean: bool,
        claims: bool,
        formulations: bool,
        places: bool,
    ) -> PyResult<Self> {
        let stages = Stages {
            clean,
            claims,
            formulations,
            places,
            keywords: keywords > 0,
            ..Stages::default()
        };
        let mut builder = PipelineBuilder::new().stages(stages).keywords(keywords);
        let lexicon_repr = match lexicon {
            Some(l) => {
                let text = lexicon_text(l)?;
                builder = builder
                    .user_lexicon_str(&text)
                    .map_err(|e| PyValueError::new_err(format!("lexicon: {e}")))?;
                format!(", lexicon={}", l.repr()?)
            }
            None => String::new(),
        };
        let b = builder.clone();
        let inner = py.detach(move || b.build()).map_err(|e| to_pyerr(py, &e))?;
        let repr = format!(
            "Pipeline(keywords={keywords}{lexicon_repr}, clean={}, claims={}, formulations={}, places={})",
            py_bool(clean),
            py_bool(claims),
            py_bool(formulations),
            py_bool(places)
        );
        Ok(Pipeline {
            inner,
            builder,
            for_compare: OnceLock::new(),
            for_reuse: OnceLock::new(),
            repr,
        })
    }

    fn __repr__(&self) -> String {
        self.repr.clone()
    }

    /// Analyzes one document and returns the ``analyze`` object as a dict
    /// (path, id, encoding, format, script, meta, place, place_reason, body,
    /// captions, claims, formulations, slogans, documents, places, keywords,
    /// chars). Spans are byte offsets into the decoded text.
    ///
    /// ``source`` is ``str`` (the text itself), ``bytes`` (decoded like a
    /// file: UTF-8, UTF-16, GB18030 or Big5) or an ``os.PathLike`` (a file,
    /// plain text or an HTML page). A ``str`` given here is always text,
    /// never a file name: pass ``pathlib.Path(name)`` for a file (the batch
    /// functions ``claims``, ``compare``, ``reuse`` and ``analyze_many`` read
    /// a ``str`` that names an existing file as that file).
    ///
    /// Raises ``dangjian.DecodeError`` (a ``ValueError``) for bytes that are
    /// not text, ``OSError`` (``FileNotFoundError``, ``IsADirectoryError`` …)
    /// for a file that cannot be read, ``TypeError`` for any other type.
    ///
    /// Example:
    ///     >>> import dangjian
    ///     >>> a = dangjian.Pipeline().analyze("5年来,1.35万名机关党员到社区报到。")
    ///     >>> a["claims"][0]["value"], a["claims"][0]["unit"]
    ///     (13500, '名')
    fn analyze<'py>(
        &self,
        py: Python<'py>,
        source: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let doc = load_one(py, source)?;
        let pipeline = &self.inner;
        let json = py
            .detach(|| {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    analysis_json(&pipeline.analyze(&doc))
                }))
            })
            .map_err(|_| PyRuntimeError::new_err("internal error in dangjian on this input"))?
            .map_err(|f| PyRuntimeError::new_err(f.message))?;
        json_loads(py, &json)
    }

    /// Analyzes many documents in parallel and yields one dict per input, in
    /// input order: the ``analyze`` dict, or for a bad input an error dict
    /// ``{"error": message, "kind": "io"|"encoding"|"binary"|"empty"|"type"|…,
    /// "path": file or None, "index": position}``, without stopping.
    ///
    /// Items are str, bytes or os.PathLike files.
    /// A ``str`` among the sources is read as a file when it names an
    /// existing file or directory, so ``glob.glob("archive/*.txt")`` works
    /// as it reads; a ``str`` that looks like a path (no white space and a
    /// document extension such as ``.txt`` or ``.html``, or a ``/`` and no
    /// Chinese character) but names nothing raises ``FileNotFoundError``;
    /// any other ``str`` is the text itself. ``pathlib.Path`` always means a
    /// file, ``bytes`` always contents.
    /// Here a missing file gives an error dict (kind ``io``) like any bad
    /// input instead of raising. The
    /// iterable is read lazily, a bounded window ahead, so a generator over
    /// a large corpus streams. ``threads``: worker threads (default: all
    /// cores). The interpreter is released while documents are analyzed;
    /// Ctrl-C (``KeyboardInterrupt``) stops the run within a fraction of a
    /// second.
    ///
    /// Example:
    ///     >>> import dangjian
    ///     >>> p = dangjian.Pipeline()
    ///     >>> texts = ["全市建成党群服务中心300个", b"\xff\xfe\x00", "培训党员2.1万人次"]
    ///     >>> [r.get("kind") or r["claims"][0]["value"] for r in p.analyze_many(texts, threads=2)]
    ///     [300, 'encoding', 21000]
    #[pyo3(signature = (sources, threads=None))]
    fn analyze_many(
        &self,
        sources: &Bound<'_, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<AnalyzeIter> {
        let pipeline = self.inner.clone();
        let job: Job<String> = Arc::new(move |doc| analysis_json(&pipeline.analyze(&doc)));
        Ok(AnalyzeIter {
            iter: sources.try_iter()?.into_any().unbind(),
            state: Mutex::new(IterState {
                stream: Stream::new(threads, job)?,
                exhausted: false,
            }),
        })
    }

    /// Segments ``text`` into words (jieba with the party-building lexicon,
    /// on the normalized text) and returns them in the original characters:
    /// traditional input comes back traditional, and the tokens join back
    /// to ``text`` exactly (white space included).
    ///
    /// Example:
    ///     >>> import dangjian
    ///     >>> dangjian.Pipeline().segment("天津市加強機關黨建工作")
    ///     ['天津市', '加強', '機關黨建', '工作']
    fn segment(&self, py: Python<'_>, text: &str) -> Vec<String> {
        let pipeline = &self.inner;
        py.detach(|| {
            pipeline
                .segment_original(text)
                .into_iter()
                .map(str::to_string)
                .collect()
        })
    }

    /// Numeric claims of ``sources`` as rows (dicts with the columns of
    /// ``dangjian claims``: document, path, place, period, object,
    /// indicator, value, value_max, unit, approx, text, start, end,
    /// sentence). ``sources``: one source or an iterable of them (str text,
    /// bytes, os.PathLike files or directories); analyzed in parallel on
    /// ``threads`` threads (default: all cores). The first bad source
    /// raises, and so does a directory with no document file.
    /// ``dangjian.claims`` gives the same rows as a DataFrame.
    ///
    /// A ``str`` among the sources is read as a file when it names an
    /// existing file or directory, so ``glob.glob("archive/*.txt")`` works
    /// as it reads; a ``str`` that looks like a path (no white space and a
    /// document extension such as ``.txt`` or ``.html``, or a ``/`` and no
    /// Chinese character) but names nothing raises ``FileNotFoundError``;
    /// any other ``str`` is the text itself. ``pathlib.Path`` always means a
    /// file, ``bytes`` always contents.
    ///
    /// Example:
    ///     >>> import dangjian
    ///     >>> rows = dangjian.Pipeline().claim_rows(["全市1.35万名党员到社区报到"])
    ///     >>> rows[0]["value"], rows[0]["unit"], rows[0]["start"]
    ///     (13500, '名', 6)
    #[pyo3(signature = (sources, threads=None))]
    fn claim_rows<'py>(
        &self,
        py: Python<'py>,
        sources: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let pipeline = self.inner.clone();
        let job: Job<Analysis> = Arc::new(move |doc| Ok(pipeline.analyze(&doc)));
        let analyses = run_all(py, sources, threads, job)?;
        let rows = PyList::empty(py);
        for a in &analyses {
            for c in &a.claims {
                rows.append(claim_row(py, a, c)?)?;
            }
        }
        Ok(rows)
    }

    /// Compares places (``by="place"``), sources (``"source"``) or years
    /// (``"year"``) over ``sources`` (one source or an iterable of str
    /// text, bytes, os.PathLike files or corpus directories): shared and
    /// specific formulations and slogans, similarity, distinctive
    /// vocabulary, claims side by side by indicator.
    ///
    /// A ``str`` among the sources is read as a file when it names an
    /// existing file or directory, so ``glob.glob("archive/*.txt")`` works
    /// as it reads; a ``str`` that looks like a path (no white space and a
    /// document extension such as ``.txt`` or ``.html``, or a ``/`` and no
    /// Chinese character) but names nothing raises ``FileNotFoundError``;
    /// any other ``str`` is the text itself. ``pathlib.Path`` always means a
    /// file, ``bytes`` always contents.
    ///
    /// ``format="json"`` returns the ``compare --format json`` object as a
    /// dict; ``"table"``, ``"markdown"``, ``"html"`` return the report text;
    /// ``"csv"`` returns the CSV of ``view`` (places, formulations, slogans,
    /// similarity, keyness, indicators). ``min_count``: keyness threshold.
    ///
    /// Example:
    ///     >>> import dangjian
    ///     >>> c = dangjian.Pipeline().compare([
    ///     ...     "天津市各级党组织落实三会一课制度,天津市建成党群服务中心300个。",
    ///     ...     "上海市各级党组织落实三会一课制度,上海市建成党群服务中心200个。",
    ///     ... ])
    ///     >>> sorted(p["name"] for p in c["places"])
    ///     ['上海市', '天津市']
    #[pyo3(signature = (sources, by="place", format="json", view="indicators", min_count=3, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn compare<'py>(
        &self,
        py: Python<'py>,
        sources: &Bound<'py, PyAny>,
        by: &str,
        format: &str,
        view: &str,
        min_count: u64,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let group_by = match by {
            "place" => GroupBy::Place,
            "source" => GroupBy::Source,
            "year" => GroupBy::Year,
            other => {
                return Err(PyValueError::new_err(format!(
                    "by={other:?}: one of 'place', 'source', 'year'"
                )));
            }
        };
        if !["json", "table", "markdown", "html", "csv"].contains(&format) {
            return Err(PyValueError::new_err(format!(
                "format={format:?}: one of 'json', 'table', 'markdown', 'html', 'csv'"
            )));
        }
        if format == "csv" && !dangjian::report::VIEWS.contains(&view) {
            return Err(PyValueError::new_err(format!(
                "view={view:?}: one of {}",
                dangjian::report::VIEWS.join(", ")
            )));
        }
        let pipeline = match self.for_compare.get() {
            Some(p) => p.clone(),
            None => {
                let b = self.builder.clone().keep_terms(true).keywords(0);
                let p = py.detach(move || b.build()).map_err(|e| to_pyerr(py, &e))?;
                self.for_compare.get_or_init(|| p).clone()
            }
        };
        let job: Job<Analysis> = Arc::new(move |doc| Ok(pipeline.analyze(&doc)));
        let analyses = run_all(py, sources, threads, job)?;
        let json = format == "json";
        let format = format.to_string();
        let view = view.to_string();
        let text = py.detach(move || {
            let mut profiles = Profiles::new(group_by);
            for a in &analyses {
                profiles.add(a);
            }
            let options = CompareOptions {
                min_count,
                ..CompareOptions::default()
            };
            let c = dangjian::compare::compare(&profiles, &options);
            match format.as_str() {
                "json" => serde_json::to_string(&c).map_err(|e| e.to_string()),
                "table" => Ok(dangjian::report::table(&c)),
                "markdown" => Ok(dangjian::report::markdown(&c)),
                "html" => Ok(dangjian::report::html(&c)),
                _ => Ok(dangjian::report::csv_view(&c, &view).unwrap_or_default()),
            }
        });
        let text = text.map_err(|e| PyRuntimeError::new_err(format!("cannot serialize: {e}")))?;
        if json {
            json_loads(py, &text)
        } else {
            Ok(PyString::new(py, &text).into_any())
        }
    }

    /// Text reuse: passages that two or more of ``sources`` share (across
    /// script, punctuation and small edits), clustered, the earliest dated
    /// copy first — the ``reuse`` object of ``dangjian reuse`` as a dict, or
    /// its report as text for ``format`` "table", "jsonl", "csv" or "html".
    ///
    /// ``sources`` as for ``compare``; ``min_chars``: the shortest passage,
    /// in letters and digits beyond stock phrases.
    ///
    /// A ``str`` among the sources is read as a file when it names an
    /// existing file or directory, so ``glob.glob("archive/*.txt")`` works
    /// as it reads; a ``str`` that looks like a path (no white space and a
    /// document extension such as ``.txt`` or ``.html``, or a ``/`` and no
    /// Chinese character) but names nothing raises ``FileNotFoundError``;
    /// any other ``str`` is the text itself. ``pathlib.Path`` always means a
    /// file, ``bytes`` always contents.
    ///
    /// Example:
    ///     >>> import dangjian
    ///     >>> shared = "全面推行党员积分制管理,把党员参加组织生活、志愿服务、结对帮扶的情况逐项记分,年底按积分评先评优。"
    ///     >>> r = dangjian.Pipeline().reuse([
    ///     ...     "天津市委组织部通知:" + shared + "天津市各区抓好落实。",
    ///     ...     "上海市委组织部部署:" + shared + "上海市各区抓好落实。",
    ///     ... ])
    ///     >>> len(r["clusters"])
    ///     1
    #[pyo3(signature = (sources, min_chars=30, format="json", threads=None))]
    fn reuse<'py>(
        &self,
        py: Python<'py>,
        sources: &Bound<'py, PyAny>,
        min_chars: usize,
        format: &str,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if !["json", "table", "jsonl", "csv", "html"].contains(&format) {
            return Err(PyValueError::new_err(format!(
                "format={format:?}: one of 'json', 'table', 'jsonl', 'csv', 'html'"
            )));
        }
        let pipeline = match self.for_reuse.get() {
            Some(p) => p.clone(),
            None => {
                let stages = Stages {
                    claims: false,
                    formulations: false,
                    keywords: false,
                    terms: false,
                    ..self.inner.stages().clone()
                };
                let b = self.builder.clone().stages(stages).keywords(0);
                let p = py.detach(move || b.build()).map_err(|e| to_pyerr(py, &e))?;
                self.for_reuse.get_or_init(|| p).clone()
            }
        };
        let job: Job<ReuseDocument> =
            Arc::new(move |doc| Ok(ReuseDocument::from_document(&pipeline, &doc)));
        let mut docs = run_all(py, sources, threads, job)?;
        let mut seen = std::collections::HashSet::new();
        docs.retain(|d| seen.insert(d.id.clone()));
        let format = format.to_string();
        let text = py.detach(move || {
            let report = Reuse::builder().min_chars(min_chars).build().find(&docs);
            match format.as_str() {
                "json" => serde_json::to_string(&report).map_err(|e| e.to_string()),
                "table" => Ok(render::table(&report)),
                "jsonl" => Ok(render::jsonl(&report)),
                "csv" => Ok(render::csv(&report)),
                _ => Ok(render::html(&report)),
            }
            .map(|t| (t, format == "json"))
        });
        let (text, json) =
            text.map_err(|e| PyRuntimeError::new_err(format!("cannot serialize: {e}")))?;
        if json {
            json_loads(py, &text)
        } else {
            Ok(PyString::new(py, &text).into_any())
        }
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// One row of `dangjian claims`: the claim's fields under the CSV columns.
fn claim_row<'py>(
    py: Python<'py>,
    a: &Analysis,
    c: &dangjian::claims::Claim,
) -> PyResult<Bound<'py, PyDict>> {
    // The claim's own JSON numbers: integral values are ints, others floats.
    let number = |v: f64| -> PyResult<Bound<'py, PyAny>> {
        let text = dangjian::claims::format_value(v);
        match text.parse::<i64>() {
            Ok(i) => Ok(i.into_pyobject(py)?.into_any()),
            Err(_) => Ok(v.into_pyobject(py)?.into_any()),
        }
    };
    let d = PyDict::new(py);
    d.set_item("document", &a.id)?;
    d.set_item("path", &a.path)?;
    d.set_item("place", &c.place)?;
    d.set_item("period", &c.period)?;
    d.set_item("object", &c.object)?;
    d.set_item("indicator", &c.indicator)?;
    d.set_item("value", number(c.value)?)?;
    d.set_item("value_max", c.value_max.map(number).transpose()?)?;
    d.set_item("unit", &c.unit)?;
    d.set_item("approx", c.approx.map(|x| x.as_str()))?;
    d.set_item("text", &c.text)?;
    d.set_item("start", c.span[0])?;
    d.set_item("end", c.span[1])?;
    d.set_item("sentence", &c.sentence)?;
    Ok(d)
}

struct IterState {
    stream: Stream<String>,
    exhausted: bool,
}

/// The iterator of ``Pipeline.analyze_many``: one dict per input, in order.
#[pyclass(module = "dangjian")]
struct AnalyzeIter {
    iter: Py<PyAny>,
    state: Mutex<IterState>,
}

#[pymethods]
impl AnalyzeIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let mut guard = self.state.try_lock().map_err(|_| {
            PyRuntimeError::new_err("analyze_many: the iterator is in use by another thread")
        })?;
        let state = &mut *guard;
        let iter = self.iter.bind(py);
        while !state.exhausted && state.stream.has_room() {
            match iter.call_method0("__next__") {
                Ok(item) => {
                    state.stream.submit(Source::from_py_item(&item));
                }
                Err(e) if e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) => {
                    state.exhausted = true;
                }
                Err(e) => return Err(e),
            }
        }
        match state.stream.next(py)? {
            Some((_, Ok(json))) => Ok(Some(json_loads(py, &json)?)),
            Some((i, Err(f))) => Ok(Some(failure_dict(py, i, &f)?)),
            None => Ok(None),
        }
    }
}

/// OpenCC's configurations, by the names of ``normalize``'s ``config``.
fn normalizer_for(config: &str) -> PyResult<&'static Normalizer> {
    static T2S: OnceLock<Normalizer> = OnceLock::new();
    static TW2S: OnceLock<Normalizer> = OnceLock::new();
    static HK2S: OnceLock<Normalizer> = OnceLock::new();
    static DEFAULT: OnceLock<Normalizer> = OnceLock::new();
    let (cell, options) = match config {
        "default" => (&DEFAULT, NormalizeOptions::default()),
        "t2s" => (&T2S, NormalizeOptions::conversion_only(Variant::Standard)),
        "tw2s" => (&TW2S, NormalizeOptions::conversion_only(Variant::Taiwan)),
        "hk2s" => (&HK2S, NormalizeOptions::conversion_only(Variant::HongKong)),
        other => {
            return Err(PyValueError::new_err(format!(
                "config={other:?}: one of 'default', 't2s', 'tw2s', 'hk2s'"
            )));
        }
    };
    Ok(cell.get_or_init(|| Normalizer::new(options)))
}

/// Normalizes ``text``. ``config="default"``: the product's normalization
/// (traditional → simplified folding Taiwan and Hong Kong forms, full-width
/// → half-width, quotation marks unified, pinyin glosses dropped);
/// ``"t2s"``, ``"tw2s"``, ``"hk2s"``: OpenCC's configuration of that name,
/// its conversion alone (as ``dangjian normalize --config``).
///
/// Example:
///     >>> import dangjian
///     >>> dangjian.normalize("黨員１２名")
///     '党员12名'
///     >>> dangjian.normalize("慰藉著受傷的心靈", config="t2s")
///     '慰藉著受伤的心灵'
///     >>> dangjian.normalize("慰藉著受傷的心靈", config="tw2s")
///     '慰藉着受伤的心灵'
#[pyfunction]
#[pyo3(signature = (text, config="default"))]
fn normalize(py: Python<'_>, text: &str, config: &str) -> PyResult<String> {
    let n = normalizer_for(config)?;
    Ok(py.detach(|| n.normalize_text(text)))
}

/// The compiled core of dangjian (see the package ``dangjian``).
#[pymodule]
fn _dangjian(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Pipeline>()?;
    m.add_class::<AnalyzeIter>()?;
    m.add_class::<archive::PyArchive>()?;
    m.add_function(wrap_pyfunction!(archive::build_archive, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add("DecodeError", m.py().get_type::<DecodeError>())?;
    m.add("CLAIM_COLUMNS", dangjian::cli::CLAIM_COLUMNS.to_vec())?;
    m.add("SEARCH_COLUMNS", dangjian::cli::SEARCH_COLUMNS.to_vec())?;
    let claim_rows: Vec<&str> = dangjian::cli::claim_row_columns().collect();
    m.add("ARCHIVE_CLAIM_COLUMNS", claim_rows)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
