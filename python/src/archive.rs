//! `Archive`: a search index built by `dangjian index --search DIR` or
//! `dangjian search-build`, opened read-only from Python. Searches run with
//! the interpreter released; results come back as the command line's JSON
//! objects (dicts), which the package turns into DataFrames.

use std::sync::Arc;

use dangjian::search::{self, ClaimsRequest, DEFAULT_COUNT_LIMIT, Filters, SearchRequest, Sort};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::errors::to_pyerr;
use crate::stream::{Failure, Job};

/// An archive's search index, opened read-only: searches see the last
/// state a build committed (call ``reload`` to see a later one).
///
/// Use the package's ``dangjian.Archive``, which returns DataFrames; this
/// class returns the ``search --format json`` objects as dicts.
#[pyclass(frozen, module = "dangjian._dangjian", name = "Archive")]
pub struct PyArchive {
    inner: search::Archive,
}

/// The filter keywords every search takes (the CLI's options).
const FILTERS: &[&str] = &[
    "place",
    "year",
    "date_from",
    "date_to",
    "source",
    "formulation",
    "slogan",
    "script",
    "indicator",
];

/// Filters from keyword arguments: `year` an int, the others strings, an
/// unknown name a `TypeError` that lists the known ones.
fn parse_filters(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Filters> {
    let mut f = Filters::default();
    let Some(kwargs) = kwargs else {
        return Ok(f);
    };
    for (k, v) in kwargs.iter() {
        let name: String = k.extract()?;
        if v.is_none() {
            continue;
        }
        let text = || -> PyResult<String> {
            v.extract::<String>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "{name} must be a str, not {}",
                    v.get_type()
                        .name()
                        .map_or_else(|_| "?".into(), |n| n.to_string())
                ))
            })
        };
        match name.as_str() {
            "place" => f.place = Some(text()?),
            "year" => {
                f.year = Some(v.extract::<u32>().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "year must be an int such as 2020, not {}",
                        v.repr().map_or_else(|_| "?".into(), |r| r.to_string())
                    ))
                })?)
            }
            "date_from" => f.from = Some(text()?),
            "date_to" => f.to = Some(text()?),
            "source" => f.source = Some(text()?),
            "formulation" => f.formulation = Some(text()?),
            "slogan" => f.slogan = Some(text()?),
            "script" => f.script = Some(text()?),
            "indicator" => f.indicator = Some(text()?),
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "unknown filter {name:?}; the filters are {}",
                    FILTERS.join(", ")
                )));
            }
        }
    }
    Ok(f)
}

fn sort_of(sort: &str) -> PyResult<Sort> {
    match sort {
        "score" => Ok(Sort::Score),
        "date" => Ok(Sort::Date),
        other => Err(PyValueError::new_err(format!(
            "sort must be \"score\" or \"date\", not {other:?}"
        ))),
    }
}

/// `json.loads` of a serializable value.
fn to_py<'py>(py: Python<'py>, v: &impl serde::Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(v)
        .map_err(|e| PyValueError::new_err(format!("cannot serialize the result: {e}")))?;
    crate::json_loads(py, &text)
}

#[pymethods]
impl PyArchive {
    /// Opens the search index in ``path``; ``OSError`` when it is missing,
    /// ``ValueError`` when it is not an index, is damaged or from an
    /// incompatible version (the message says which and what to do).
    #[new]
    fn new(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let inner = py
            .detach(|| search::Archive::open(&path))
            .map_err(|e| to_pyerr(py, &e))?;
        Ok(PyArchive { inner })
    }

    fn __repr__(&self) -> String {
        format!(
            "Archive({:?}, documents={})",
            self.inner.dir().display().to_string(),
            self.inner.len()
        )
    }

    fn __len__(&self) -> usize {
        usize::try_from(self.inner.len()).unwrap_or(usize::MAX)
    }

    fn __contains__(&self, id: &str) -> bool {
        self.inner.contains(id)
    }

    /// The folder of the index.
    #[getter]
    fn path(&self) -> std::path::PathBuf {
        self.inner.dir().to_path_buf()
    }

    /// Sees what builds committed since the archive was opened.
    fn reload(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.inner.reload())
            .map_err(|e| to_pyerr(py, &e))
    }

    /// The stored analysis of one document (the ``analyze`` object), or
    /// ``None`` when no document has that id.
    fn document<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        match py.detach(|| self.inner.document(id)) {
            Ok(Some(a)) => to_py(py, &a),
            Ok(None) => Ok(py.None().into_bound(py)),
            Err(e) => Err(to_pyerr(py, &e)),
        }
    }

    /// A document search: the ``search --format json`` object.
    #[pyo3(signature = (query=None, *, facets=Vec::new(), limit=10, offset=0, sort="score",
        snippets=2, count_all=false, **filters))]
    #[allow(clippy::too_many_arguments)]
    fn search<'py>(
        &self,
        py: Python<'py>,
        query: Option<String>,
        facets: Vec<String>,
        limit: usize,
        offset: usize,
        sort: &str,
        snippets: usize,
        count_all: bool,
        filters: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let req = SearchRequest {
            query,
            filters: parse_filters(filters)?,
            facets,
            limit,
            offset,
            sort: sort_of(sort)?,
            snippets,
            count_limit: (!count_all).then_some(DEFAULT_COUNT_LIMIT),
        };
        let r = py
            .detach(|| self.inner.search(&req))
            .map_err(|e| to_pyerr(py, &e))?;
        to_py(py, &r)
    }

    /// A claims search: the ``search --claims --format json`` object.
    #[pyo3(signature = (query=None, *, min=None, max=None, unit=None, limit=1000, offset=0,
        sort="score", count_all=false, **filters))]
    #[allow(clippy::too_many_arguments)]
    fn claims<'py>(
        &self,
        py: Python<'py>,
        query: Option<String>,
        min: Option<f64>,
        max: Option<f64>,
        unit: Option<String>,
        limit: usize,
        offset: usize,
        sort: &str,
        count_all: bool,
        filters: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let req = ClaimsRequest {
            search: SearchRequest {
                query,
                filters: parse_filters(filters)?,
                facets: Vec::new(),
                limit,
                offset,
                sort: sort_of(sort)?,
                snippets: 0,
                count_limit: (!count_all).then_some(DEFAULT_COUNT_LIMIT),
            },
            min,
            max,
            unit,
        };
        let r = py
            .detach(|| self.inner.claims(&req))
            .map_err(|e| to_pyerr(py, &e))?;
        to_py(py, &r)
    }

    /// Facet counts over every document that matches: a dict from each
    /// field to its counts (``place`` as a tree).
    #[pyo3(signature = (query=None, *, fields=vec!["place".to_string(), "year".to_string()],
        **filters))]
    fn facets<'py>(
        &self,
        py: Python<'py>,
        query: Option<String>,
        fields: Vec<String>,
        filters: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let req = SearchRequest {
            query,
            filters: parse_filters(filters)?,
            ..SearchRequest::default()
        };
        let r = py
            .detach(|| self.inner.facets(&req, &fields))
            .map_err(|e| to_pyerr(py, &e))?;
        to_py(py, &r)
    }
}

/// Analyzes `sources` with `pipeline` on `threads` workers and adds every
/// good document to the search index in `path` (created if missing; a
/// document already there, by id or path, is replaced). Bad inputs are
/// skipped and reported, as `dangjian index --search` does: returns
/// `{"added": n, "errors": [{"error", "kind", "path", "index"}, …]}`.
#[pyfunction]
#[pyo3(signature = (pipeline, path, sources, threads=None))]
pub fn build_archive<'py>(
    py: Python<'py>,
    pipeline: &crate::Pipeline,
    path: std::path::PathBuf,
    sources: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    let archive = py
        .detach(|| search::Archive::create(&path))
        .map_err(|e| to_pyerr(py, &e))?;
    let mut writer = py
        .detach(|| archive.writer(crate::stream::thread_count(threads).min(4)))
        .map_err(|e| to_pyerr(py, &e))?;
    let fields = writer.fields();
    let inner = pipeline.inner.clone();
    let job: Job<search::Prepared> = Arc::new(move |doc| {
        let a = inner.analyze(&doc);
        search::prepare(&a, &fields).map_err(|e| Failure {
            message: e.to_string(),
            kind: "internal",
            path: a.path.clone(),
            errno: None,
        })
    });
    let errors = PyList::empty(py);
    let mut added = 0u64;
    let mut index = 0usize;
    crate::for_each_result(py, sources, threads, job, |r| {
        match r {
            Ok(p) => {
                writer.add_prepared(p).map_err(|e| to_pyerr(py, &e))?;
                added += 1;
            }
            Err(f) => errors.append(crate::failure_dict(py, index, &f)?)?,
        }
        index += 1;
        Ok(())
    })?;
    py.detach(|| writer.finish())
        .map_err(|e| to_pyerr(py, &e))?;
    let d = PyDict::new(py);
    d.set_item("added", added)?;
    d.set_item("errors", errors)?;
    Ok(d)
}
