//! The `dangjian` command line (see `dangjian --help` and INTERFACE.md).

mod search;

pub use search::{CLAIM_ROW_EXTRA_COLUMNS, SEARCH_COLUMNS, claim_row_columns};
use std::io::{self, BufWriter, Read, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use rayon::prelude::*;

use crate::analysis::{Analysis, PipelineBuilder, Stages};
use crate::compare::{CompareOptions, GroupBy, Profiles};
use crate::document::{Corpus, Document};
use crate::error::{Error, ErrorKind, Result};
use crate::normalize::opencc::Variant;
use crate::normalize::{NormalizeOptions, Normalizer};

/// Mining Chinese party-building news: clean, normalize, segment, extract
/// claims, formulations and places, and compare cities.
#[derive(Debug, Parser)]
#[command(name = "dangjian", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the normalized text (simplified, half-width, cleaned), line structure kept.
    Normalize {
        /// One of OpenCC's configurations (`t2s`, `tw2s`, `hk2s`): its conversion alone, as
        /// OpenCC gives it. `default` (or none) is the full normalization, which folds Taiwan
        /// and Hong Kong forms both.
        #[arg(long, value_enum, default_value_t = NormalizeConfig::Default)]
        config: NormalizeConfig,
        /// Input files (default: stdin).
        files: Vec<PathBuf>,
    },
    /// Print the text that an analysis's spans refer to: the decoded text, or for an HTML page
    /// the text extracted from it.
    Text {
        /// Input files (default: stdin).
        files: Vec<PathBuf>,
    },
    /// Segment text, one sentence per line; tokens separated by two spaces, in the original characters.
    Segment {
        /// Input files (default: stdin).
        files: Vec<PathBuf>,
    },
    /// Analyze documents: one JSON object per document.
    Analyze {
        /// Output format: `json` (pretty) or `jsonl` (one line per document).
        #[arg(long, value_enum, default_value_t = AnalyzeFormat::Json)]
        format: AnalyzeFormat,
        /// Write to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Leave these stages out, comma-separated (clean, claims, formulations, places,
        /// keywords): faster when their fields are not needed, which then come out empty.
        #[arg(long, value_enum, value_delimiter = ',', value_name = "STAGES")]
        skip: Vec<StageArg>,
        /// Documents (plain text, page dumps, HTML; any supported encoding). `-` or none reads stdin.
        files: Vec<PathBuf>,
    },
    /// Index files and directories (recursively) in parallel: one analyze object per good
    /// document, one error record per bad one (JSONL). `-` reads JSONL records
    /// ({"id": …, "text": …}) from stdin, for Hadoop Streaming or Spark `RDD.pipe`.
    Index {
        /// Files and directories, or `-` for JSONL on stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Append to this JSONL file instead of writing to stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Threads (default: all cores).
        #[arg(long, short = 'j', default_value_t = 0)]
        jobs: usize,
        /// Skip documents already in the output file (after an interruption);
        /// documents whose read failed (error kind io) are tried again.
        #[arg(long, requires = "output")]
        resume: bool,
        /// Largest document in bytes; larger ones give a too_large error record.
        #[arg(long, default_value_t = crate::index::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
        /// No progress display on stderr.
        #[arg(long, short = 'q')]
        quiet: bool,
        /// Also add each good document to the search index in this folder (created if
        /// missing), in the same pass.
        #[arg(long, value_name = "DIR")]
        search: Option<PathBuf>,
        /// Leave these stages out, comma-separated (clean, claims, formulations, places,
        /// keywords): faster when their fields are not needed, which then come out empty.
        #[arg(long, value_enum, value_delimiter = ',', value_name = "STAGES")]
        skip: Vec<StageArg>,
    },
    /// Build or update a search index from `index` JSONL output, without analyzing again.
    SearchBuild(search::SearchBuildArgs),
    /// Search an archive built by `search-build` or `index --search`: ranked documents with
    /// snippets, facets, or claims as rows (`--claims`).
    Search(Box<search::SearchArgs>),
    /// Serve a search index as a local web application: search with facets, documents with
    /// what was read from them marked, claims, comparison, and a JSON API. Read-only.
    Serve {
        /// The search index folder, as `search-build` or `index` built it.
        dir: PathBuf,
        /// Port (0: any free port; the address is printed).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to listen on; 0.0.0.0 opens the server to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Longest a search may run, in seconds, before the page says the server is busy.
        #[arg(long, default_value_t = 10)]
        timeout: u64,
    },
    /// Export analyses for another search engine (`--format es-bulk`: Elasticsearch/OpenSearch
    /// `_bulk` NDJSON; the index template is docs/search-mapping.json).
    Export(search::ExportArgs),
    /// Compare places (or sources, or years): shared and specific formulations and slogans,
    /// similarity, distinctive vocabulary, claims side by side by indicator.
    Compare {
        /// Group documents by place (default), source or year.
        #[arg(long, value_enum, default_value_t = ByArg::Place)]
        by: ByArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
        format: CompareFormat,
        /// CSV view: places, formulations, slogans, similarity, keyness or indicators
        /// (with -o DIR, every view is written to DIR/VIEW.csv).
        #[arg(long, default_value = "indicators")]
        view: String,
        /// Keyness: minimum count of a term in a place.
        #[arg(long, default_value_t = 3)]
        min_count: u64,
        /// Skip the text-reuse view (passages shared between places).
        #[arg(long)]
        no_reuse: bool,
        /// Text-reuse view: shortest passage, in letters and digits beyond stock phrases.
        #[arg(long, default_value_t = 30)]
        reuse_min_chars: usize,
        /// Write to this file (a directory for --format csv writes one file per view).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Documents, corpus directories, `index` JSONL output, or `profile` JSON.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Turn documents or `index` JSONL into mergeable place profiles (JSON); `compare` reads them.
    Profile {
        /// Group documents by place (default), source or year.
        #[arg(long, value_enum, default_value_t = ByArg::Place)]
        by: ByArg,
        /// Write to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Documents, corpus directories, `index` JSONL output, or other profiles to merge.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Text reuse: passages shared by two or more documents (across script,
    /// punctuation and small edits), clustered, with the earliest dated copy first.
    Reuse {
        /// Shortest passage, in letters and digits after stock phrases are discounted.
        #[arg(long, default_value_t = 30)]
        min_chars: usize,
        /// An n-gram in more documents than this is a stock phrase, not evidence.
        #[arg(long, default_value_t = 100)]
        max_df: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReuseFormat::Table)]
        format: ReuseFormat,
        /// Write to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Documents, corpus directories, JSONL (`index` output or {"id", "text"} records), or search indexes (`index --search DIR`).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Numeric claims only: one row per claim (CSV for pandas/R, or JSONL).
    Claims {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ClaimsFormat::Csv)]
        format: ClaimsFormat,
        /// Write to this file instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Documents or corpus directories; `-` or none reads stdin.
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ByArg {
    Place,
    Source,
    Year,
}

impl From<ByArg> for GroupBy {
    fn from(b: ByArg) -> GroupBy {
        match b {
            ByArg::Place => GroupBy::Place,
            ByArg::Source => GroupBy::Source,
            ByArg::Year => GroupBy::Year,
        }
    }
}

/// The `--config` of `normalize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum NormalizeConfig {
    Default,
    T2s,
    Tw2s,
    Hk2s,
}

impl NormalizeConfig {
    fn options(self) -> NormalizeOptions {
        match self {
            NormalizeConfig::Default => NormalizeOptions::default(),
            NormalizeConfig::T2s => NormalizeOptions::conversion_only(Variant::Standard),
            NormalizeConfig::Tw2s => NormalizeOptions::conversion_only(Variant::Taiwan),
            NormalizeConfig::Hk2s => NormalizeOptions::conversion_only(Variant::HongKong),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CompareFormat {
    Table,
    Json,
    Csv,
    Markdown,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReuseFormat {
    Table,
    Json,
    Jsonl,
    Csv,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ClaimsFormat {
    Csv,
    Jsonl,
}

/// A stage of the analysis that `--skip` leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StageArg {
    /// Page cleaning and metadata: the whole text is the body.
    Clean,
    /// Numeric claims.
    Claims,
    /// Formulations, slogans and cited documents.
    Formulations,
    /// Places, and the attribution of the document and its claims.
    Places,
    /// Keywords.
    Keywords,
}

/// Every stage but those of `skip`.
fn stages_without(skip: &[StageArg]) -> Stages {
    let mut s = Stages::default();
    for stage in skip {
        match stage {
            StageArg::Clean => s.clean = false,
            StageArg::Claims => s.claims = false,
            StageArg::Formulations => s.formulations = false,
            StageArg::Places => s.places = false,
            StageArg::Keywords => s.keywords = false,
        }
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum AnalyzeFormat {
    Json,
    Jsonl,
}

/// Runs the command line; returns the process exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dangjian: {e}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Normalize { config, files } => normalize(config, &files),
        Command::Segment { files } => segment(&files),
        Command::Text { files } => text_cmd(&files),
        Command::Analyze {
            format,
            output,
            skip,
            files,
        } => analyze(format, output.as_deref(), &skip, &files),
        Command::Claims {
            format,
            output,
            files,
        } => claims(format, output.as_deref(), &files),
        Command::Compare {
            by,
            format,
            view,
            min_count,
            no_reuse,
            reuse_min_chars,
            output,
            paths,
        } => compare_cmd(
            by.into(),
            format,
            &view,
            min_count,
            (!no_reuse).then_some(reuse_min_chars),
            output.as_deref(),
            &paths,
        ),
        Command::Reuse {
            min_chars,
            max_df,
            format,
            output,
            paths,
        } => reuse_cmd(min_chars, max_df, format, output.as_deref(), &paths),
        Command::Profile { by, output, paths } => profile_cmd(by.into(), output.as_deref(), &paths),
        Command::Index {
            paths,
            output,
            jobs,
            resume,
            max_bytes,
            quiet,
            search,
            skip,
        } => index_cmd(
            &paths,
            output.as_deref(),
            IndexOptions {
                jobs,
                resume,
                max_bytes,
                quiet,
            },
            search.as_deref(),
            &skip,
        ),
        Command::SearchBuild(a) => search::search_build(a),
        Command::Search(a) => search::search(*a),
        Command::Export(a) => search::export(a),
        Command::Serve {
            dir,
            port,
            bind,
            timeout,
        } => crate::serve::run(crate::serve::ServeOptions {
            dir,
            bind,
            port,
            timeout_secs: timeout,
        })
        .map(|()| ExitCode::SUCCESS),
    }
}

fn stdout_err(e: io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("writing output: {e}"))
}

/// Opens the output: a file (created or truncated) or stdout.
pub(crate) fn open_output(path: Option<&Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).map_err(|e| Error::io(p, e))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    })
}

fn read_stdin() -> Result<Document> {
    let mut bytes = Vec::new();
    io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::new(ErrorKind::Io, format!("reading stdin: {e}")))?;
    Document::from_bytes(&bytes, None).map_err(|e| e.with_path("<stdin>"))
}

/// The text inputs of `normalize` and `segment`: each file decoded, or stdin.
fn text_inputs(files: &[PathBuf]) -> Vec<Result<Document>> {
    if files.is_empty() || files.iter().all(|f| f.as_os_str() == "-") {
        vec![read_stdin()]
    } else {
        files.iter().map(Document::from_path).collect()
    }
}

fn exit_code(failed: bool) -> ExitCode {
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs `f` on each text input (files or stdin), reporting bad inputs on
/// stderr and going on with the others.
fn each_text_input(
    files: &[PathBuf],
    mut f: impl FnMut(&Document, &mut dyn Write) -> io::Result<()>,
) -> Result<ExitCode> {
    let mut out = open_output(None)?;
    let mut failed = false;
    for doc in text_inputs(files) {
        match doc {
            Ok(doc) => f(&doc, &mut out).map_err(stdout_err)?,
            Err(e) => {
                eprintln!("dangjian: {e}");
                failed = true;
            }
        }
    }
    out.flush().map_err(stdout_err)?;
    Ok(exit_code(failed))
}

/// The documents of `files` that load; the others are reported on stderr
/// and set `failed`.
fn good_documents<'a>(
    files: &[PathBuf],
    failed: &'a mut bool,
) -> impl Iterator<Item = Document> + 'a {
    expand_documents(files)
        .into_iter()
        .filter_map(move |d| match d {
            Ok(d) => Some(d),
            Err(e) => {
                eprintln!("dangjian: {e}");
                *failed = true;
                None
            }
        })
}

fn normalize(config: NormalizeConfig, files: &[PathBuf]) -> Result<ExitCode> {
    let normalizer = match config {
        NormalizeConfig::Default => Normalizer::default(),
        other => Normalizer::new(other.options()),
    };
    each_text_input(files, |doc, out| {
        out.write_all(normalizer.normalize(&doc.text).text.as_bytes())
    })
}

fn segment(files: &[PathBuf]) -> Result<ExitCode> {
    // Normalizer and segmenter only: no page cleaning, no gazetteer.
    let stages = Stages {
        clean: false,
        places: false,
        ..Stages::default()
    };
    let pipeline = PipelineBuilder::new().stages(stages).build()?;
    each_text_input(files, |doc, out| {
        for line in doc.text.lines() {
            let toks: Vec<&str> = pipeline
                .segment_original(line)
                .into_iter()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .collect();
            writeln!(out, "{}", toks.join("  "))?;
        }
        Ok(())
    })
}

/// Expands arguments into documents: files, and directories (a corpus with
/// its manifest, or all document files in it). `-` is stdin.
pub(crate) fn expand_documents(files: &[PathBuf]) -> Vec<Result<Document>> {
    let mut docs = Vec::new();
    if files.is_empty() {
        docs.push(read_stdin());
        return docs;
    }
    for f in files {
        if f.as_os_str() == "-" {
            docs.push(read_stdin());
        } else if f.is_dir() {
            match Corpus::open(f) {
                Ok(c) => docs.extend(c.documents()),
                Err(e) => docs.push(Err(e)),
            }
        } else {
            let doc = Document::from_path(f);
            // A file inside a corpus directory gets that corpus's manifest facts.
            let doc = doc.map(|d| with_manifest_info(d, f));
            docs.push(doc);
        }
    }
    docs
}

fn with_manifest_info(doc: Document, path: &Path) -> Document {
    match manifest_info(path) {
        Some(info) => doc.with_info(info),
        None => doc,
    }
}

fn analyze(
    format: AnalyzeFormat,
    output: Option<&Path>,
    skip: &[StageArg],
    files: &[PathBuf],
) -> Result<ExitCode> {
    let pipeline = PipelineBuilder::new()
        .stages(stages_without(skip))
        .build()?;
    let mut out = open_output(output)?;
    let mut failed = false;
    for doc in expand_documents(files) {
        match doc {
            Ok(doc) => {
                let a: Analysis = pipeline.analyze(&doc);
                let s = match format {
                    AnalyzeFormat::Json => serde_json::to_string_pretty(&a),
                    AnalyzeFormat::Jsonl => serde_json::to_string(&a),
                }
                .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
                writeln!(out, "{s}").map_err(stdout_err)?;
            }
            Err(e) => {
                eprintln!("dangjian: {e}");
                failed = true;
            }
        }
    }
    out.flush().map_err(stdout_err)?;
    Ok(exit_code(failed))
}

/// Columns of `dangjian claims --format csv`.
pub const CLAIM_COLUMNS: &[&str] = &[
    "document",
    "path",
    "place",
    "period",
    "object",
    "indicator",
    "value",
    "value_max",
    "unit",
    "approx",
    "text",
    "start",
    "end",
    "sentence",
];

fn claims(format: ClaimsFormat, output: Option<&Path>, files: &[PathBuf]) -> Result<ExitCode> {
    // Claims rows carry no keywords.
    let pipeline = PipelineBuilder::new()
        .stages(stages_without(&[StageArg::Keywords]))
        .build()?;
    let out = open_output(output)?;
    let mut failed = false;
    let csv_err = |e: csv::Error| Error::new(ErrorKind::Io, format!("writing CSV: {e}"));
    match format {
        ClaimsFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(CLAIM_COLUMNS).map_err(csv_err)?;
            for doc in good_documents(files, &mut failed) {
                let a = pipeline.analyze(&doc);
                for c in &a.claims {
                    let value = crate::claims::format_value(c.value);
                    let value_max = c
                        .value_max
                        .map(crate::claims::format_value)
                        .unwrap_or_default();
                    w.write_record([
                        a.id.as_str(),
                        a.path.as_deref().unwrap_or(""),
                        c.place.as_deref().unwrap_or(""),
                        c.period.as_deref().unwrap_or(""),
                        c.object.as_deref().unwrap_or(""),
                        c.indicator.as_str(),
                        value.as_str(),
                        value_max.as_str(),
                        c.unit.as_str(),
                        c.approx.map_or("", |x| x.as_str()),
                        c.text.as_str(),
                        &c.span[0].to_string(),
                        &c.span[1].to_string(),
                        c.sentence.as_str(),
                    ])
                    .map_err(csv_err)?;
                }
            }
            w.flush().map_err(stdout_err)?;
        }
        ClaimsFormat::Jsonl => {
            let mut out = out;
            for doc in good_documents(files, &mut failed) {
                let a = pipeline.analyze(&doc);
                for c in &a.claims {
                    let mut v = serde_json::to_value(c)
                        .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
                    v["document"] = serde_json::json!(a.id);
                    v["path"] = serde_json::json!(a.path);
                    writeln!(out, "{v}").map_err(stdout_err)?;
                }
            }
            out.flush().map_err(stdout_err)?;
        }
    }
    Ok(exit_code(failed))
}

/// Reads the inputs of `compare` and `profile` into profiles: documents and
/// directories are analyzed (in parallel), `index` JSONL lines are read as
/// analyses (error records skipped), profile JSON files are merged.
fn load_profiles(by: GroupBy, paths: &[PathBuf]) -> Result<(Profiles, usize)> {
    load_profiles_with_texts(by, paths, false).map(|(p, n, _)| (p, n))
}

/// The body of an analysis as a reuse document, its place being its group.
fn reuse_body(profiles: &Profiles, a: &Analysis) -> crate::reuse::ReuseDocument {
    crate::reuse::ReuseDocument {
        id: a.id.clone(),
        path: a.path.clone(),
        place: Some(profiles.group_name(a)),
        date: a.meta.date.clone(),
        text: a.body.clone(),
        regions: None,
    }
}

/// [`load_profiles`], keeping the documents' bodies for the reuse view when
/// `texts` is set.
fn load_profiles_with_texts(
    by: GroupBy,
    paths: &[PathBuf],
    texts: bool,
) -> Result<(Profiles, usize, Vec<crate::reuse::ReuseDocument>)> {
    let mut bodies = Vec::new();
    let mut profiles = Profiles::new(by);
    let mut docs: Vec<PathBuf> = Vec::new();
    let mut failed = 0;
    for p in paths {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if p.is_file() && ext == "jsonl" {
            let f = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
            for (n, line) in std::io::BufRead::lines(std::io::BufReader::new(f)).enumerate() {
                let line = line.map_err(|e| Error::io(p, e))?;
                if line.trim().is_empty() {
                    continue;
                }
                let v: serde_json::Value = match serde_json::from_str(&line) {
                    Ok(v) => v,
                    Err(e) => {
                        eprintln!(
                            "dangjian: {}:{}: not a JSON record ({e}); skipped",
                            p.display(),
                            n + 1
                        );
                        failed += 1;
                        continue;
                    }
                };
                if v.get("error").is_some() {
                    continue;
                }
                match serde_json::from_value::<Analysis>(v) {
                    Ok(a) => {
                        profiles.add(&a);
                        if texts {
                            bodies.push(reuse_body(&profiles, &a));
                        }
                    }
                    Err(e) => {
                        eprintln!(
                            "dangjian: {}:{}: not an analyze record ({e}); skipped",
                            p.display(),
                            n + 1
                        );
                        failed += 1;
                    }
                }
            }
        } else if p.is_file() && ext == "json" {
            let raw = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
            let other: Profiles = serde_json::from_str(&raw).map_err(|e| {
                Error::new(ErrorKind::Json, format!("not a profile file: {e}")).with_path(p)
            })?;
            if other.group_by != by {
                return Err(Error::new(
                    ErrorKind::Config,
                    format!(
                        "profiles grouped by {}, but --by {} was asked for",
                        other.group_by.as_str(),
                        by.as_str()
                    ),
                )
                .with_path(p));
            }
            profiles.merge(&other);
        } else {
            docs.push(p.clone());
        }
    }
    if !docs.is_empty() {
        let pipeline = PipelineBuilder::new()
            .keep_terms(true)
            .keywords(0)
            .build()?;
        let results: Vec<Result<Analysis>> = expand_documents(&docs)
            .into_par_iter()
            .map(|d| d.map(|d| pipeline.analyze(&d)))
            .collect();
        for r in results {
            match r {
                Ok(a) => {
                    profiles.add(&a);
                    if texts {
                        bodies.push(reuse_body(&profiles, &a));
                    }
                }
                Err(e) => {
                    eprintln!("dangjian: {e}");
                    failed += 1;
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    bodies.retain(|d| seen.insert(d.id.clone()));
    Ok((profiles, failed, bodies))
}

fn compare_cmd(
    by: GroupBy,
    format: CompareFormat,
    view: &str,
    min_count: u64,
    reuse_min_chars: Option<usize>,
    output: Option<&Path>,
    paths: &[PathBuf],
) -> Result<ExitCode> {
    let (profiles, failed, bodies) =
        load_profiles_with_texts(by, paths, reuse_min_chars.is_some())?;
    let options = CompareOptions {
        min_count,
        ..Default::default()
    };
    let mut c = crate::compare::compare(&profiles, &options);
    if let Some(min_chars) = reuse_min_chars.filter(|_| !bodies.is_empty()) {
        let report = crate::reuse::Reuse::builder()
            .min_chars(min_chars)
            .build()
            .find(&bodies);
        let names: Vec<String> = c.places.iter().map(|p| p.name.clone()).collect();
        let mut view = crate::compare::ReuseView::from_report(&report, &names, 20);
        view.min_chars = min_chars;
        c.reuse = Some(view);
    }
    if format == CompareFormat::Csv && output.is_some_and(|o| o.is_dir() || o.extension().is_none())
    {
        let dir = output.unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        for v in crate::report::VIEWS {
            let path = dir.join(format!("{v}.csv"));
            let body = crate::report::csv_view(&c, v).unwrap_or_default();
            std::fs::write(&path, body).map_err(|e| Error::io(&path, e))?;
        }
        return Ok(exit_code(failed > 0));
    }
    let text = match format {
        CompareFormat::Table => crate::report::table(&c),
        CompareFormat::Json => serde_json::to_string_pretty(&c)
            .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?,
        CompareFormat::Markdown => crate::report::markdown(&c),
        CompareFormat::Html => crate::report::html(&c),
        CompareFormat::Csv => crate::report::csv_view(&c, view).ok_or_else(|| {
            Error::new(
                ErrorKind::Config,
                format!(
                    "unknown view {view:?}; one of {}",
                    crate::report::VIEWS.join(", ")
                ),
            )
        })?,
    };
    let mut out = open_output(output)?;
    out.write_all(text.as_bytes()).map_err(stdout_err)?;
    if !text.ends_with('\n') {
        writeln!(out).map_err(stdout_err)?;
    }
    out.flush().map_err(stdout_err)?;
    Ok(exit_code(failed > 0))
}

fn profile_cmd(by: GroupBy, output: Option<&Path>, paths: &[PathBuf]) -> Result<ExitCode> {
    let (profiles, failed) = load_profiles(by, paths)?;
    let mut out = open_output(output)?;
    serde_json::to_writer(&mut out, &profiles)
        .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
    writeln!(out).map_err(stdout_err)?;
    out.flush().map_err(stdout_err)?;
    Ok(exit_code(failed > 0))
}

/// Progress on stderr: a spinner on a terminal, a line every ten seconds
/// otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    plain: bool,
    last: std::time::Instant,
    start: std::time::Instant,
    docs: u64,
    errors: u64,
}

impl Progress {
    fn new(quiet: bool) -> Self {
        use std::io::IsTerminal;
        let tty = io::stderr().is_terminal();
        let bar = (!quiet && tty).then(|| {
            let b = indicatif::ProgressBar::new_spinner();
            b.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {elapsed} {pos} documents {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            b.enable_steady_tick(std::time::Duration::from_millis(200));
            b
        });
        Progress {
            bar,
            plain: !quiet && !tty,
            last: std::time::Instant::now(),
            start: std::time::Instant::now(),
            docs: 0,
            errors: 0,
        }
    }

    fn tick(&mut self, error: bool) {
        self.docs += 1;
        if error {
            self.errors += 1;
        }
        if let Some(b) = &self.bar {
            b.set_position(self.docs);
            b.set_message(format!("({} errors)", self.errors));
        } else if self.plain && self.last.elapsed().as_secs() >= 10 {
            self.last = std::time::Instant::now();
            eprintln!(
                "dangjian index: {} records ({} errors) in {:.0} s",
                self.docs,
                self.errors,
                self.start.elapsed().as_secs_f64()
            );
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// How `index` runs: threads, resuming, the largest document, progress.
struct IndexOptions {
    jobs: usize,
    resume: bool,
    max_bytes: u64,
    quiet: bool,
}

fn index_cmd(
    paths: &[PathBuf],
    output: Option<&Path>,
    opts: IndexOptions,
    search: Option<&Path>,
    skip: &[StageArg],
) -> Result<ExitCode> {
    use crate::index::{Indexer, OutputLog, Record};
    let IndexOptions {
        jobs,
        resume,
        max_bytes,
        quiet,
    } = opts;
    // The search index, brought up to the output file first when resuming
    // (documents written before a crash but never committed to it).
    let mut archive = match search {
        Some(dir) => {
            let resumed = if resume { output } else { None };
            Some(search::IndexSink::open(dir, jobs, resumed)?)
        }
        None => None,
    };
    let (mut log, done) = match output {
        Some(p) if resume => {
            let (log, done) = OutputLog::resume(p)?;
            (Some(log), done)
        }
        Some(p) => {
            let (log, done) = OutputLog::create(p)?;
            (Some(log), done)
        }
        None => (None, Default::default()),
    };
    let mut indexer = Indexer::new().jobs(jobs).max_bytes(max_bytes).skip(done);
    if !skip.is_empty() {
        // Term counts kept, as the default indexer keeps them.
        let pipeline = PipelineBuilder::new()
            .stages(stages_without(skip))
            .keep_terms(true)
            .build()?;
        indexer = indexer.pipeline(pipeline);
    }
    let mut stdout = BufWriter::new(io::stdout().lock());
    let mut progress = Progress::new(quiet);
    let mut write_error: Option<io::Error> = None;
    let sink = |r: &Record, line: &str| {
        progress.tick(matches!(r, Record::Error(_)));
        let res = match &mut log {
            Some(log) => log.append_line(line),
            None => writeln!(stdout, "{line}"),
        };
        let res = match (res, &mut archive, r) {
            (Ok(()), Some(sink), Record::Analysis(a)) => sink.add(a),
            (res, _, _) => res,
        };
        match res {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                // The output is gone (a full disk, a closed pipe): stop.
                write_error = Some(e);
                ControlFlow::Break(())
            }
        }
    };
    let summary = if paths.len() == 1 && paths[0].as_os_str() == "-" {
        indexer.run_jsonl_lines(io::BufReader::with_capacity(1 << 16, io::stdin()), sink)
    } else {
        indexer.run_lines(paths, sink)
    };
    progress.finish();
    if let Err(e) = stdout.flush() {
        write_error.get_or_insert(e);
    }
    if let Some(sink) = archive {
        sink.finish()?;
    }
    match write_error {
        // The reader of a pipe has had enough (`dangjian index … | head`).
        Some(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Some(e) => {
            let full = matches!(
                e.kind(),
                io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
            );
            let hint = match output {
                Some(p) => format!(
                    "writing {}: {e}; the records before the failure are whole: {}run the same command with --resume to go on",
                    p.display(),
                    if full { "free some space and " } else { "" }
                ),
                None => format!("writing output: {e}"),
            };
            return Err(Error::new(ErrorKind::Io, hint));
        }
        None => {}
    }
    if !quiet {
        eprintln!(
            "dangjian index: {} documents, {} errors, {} skipped, {:.1} MB in {:.2} s ({:.2} MB/s)",
            summary.documents,
            summary.errors,
            summary.skipped,
            summary.bytes as f64 / 1e6,
            summary.elapsed.as_secs_f64(),
            summary.mb_per_s()
        );
    }
    Ok(exit_code(summary.errors > 0))
}

fn text_cmd(files: &[PathBuf]) -> Result<ExitCode> {
    each_text_input(files, |doc, out| out.write_all(doc.text.as_bytes()))
}

/// The inputs of `reuse` as a document source that keeps where each
/// document is, not its text: JSONL records first, then documents (read
/// with the cleaning and place stages only). Documents with the same id
/// (the same bytes) count once.
fn reuse_inputs(
    paths: &[PathBuf],
    archives: &mut Vec<crate::search::Archive>,
) -> Result<crate::reuse::Inputs> {
    use crate::reuse::source::Inputs;
    let mut inputs = Inputs::with_reuse_pipeline();
    let mut docs: Vec<&PathBuf> = Vec::new();
    for p in paths {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if p.is_dir() && p.join(crate::search::schema::VERSION_FILE).is_file() {
            // A search index: its documents' bodies, read back from it.
            archives.push(crate::search::Archive::open(p)?);
        } else if p.is_file() && ext == "jsonl" {
            inputs.add_jsonl(p)?;
        } else {
            docs.push(p);
        }
    }
    for f in docs {
        if f.as_os_str() == "-" {
            inputs.add_document(read_stdin());
        } else if f.is_dir() {
            match Corpus::open(f) {
                Ok(c) => inputs.add_corpus(&c),
                Err(e) => inputs.add_document(Err(e)),
            }
        } else {
            inputs.add_file(f, manifest_info(f));
        }
    }
    Ok(inputs)
}

/// The facts the manifest of a file's corpus directory gives it.
fn manifest_info(path: &Path) -> Option<crate::document::DocumentInfo> {
    let dir = path.parent()?;
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    if !dir.join("manifest.json").is_file() {
        return None;
    }
    Corpus::open(dir)
        .ok()?
        .info_for(path)
        .map(|e| e.info.clone())
}

fn reuse_cmd(
    min_chars: usize,
    max_df: usize,
    format: ReuseFormat,
    output: Option<&Path>,
    paths: &[PathBuf],
) -> Result<ExitCode> {
    use crate::reuse::{Chained, DocumentSource, Reuse, output as render};
    let mut archives = Vec::new();
    let inputs = reuse_inputs(paths, &mut archives)?;
    let indexed = archives
        .iter()
        .map(crate::search::ArchiveDocuments::new)
        .collect::<Result<Vec<_>>>()?;
    let mut sources: Vec<&dyn DocumentSource> = vec![&inputs];
    sources.extend(indexed.iter().map(|a| a as &dyn DocumentSource));
    let report = Reuse::builder()
        .min_chars(min_chars)
        .max_df(max_df)
        .build()
        .find_in(&Chained::new(sources))?;
    let mut failures = inputs.failures();
    failures.extend(indexed.iter().flat_map(|a| a.failures()));
    for (_, message) in &failures {
        eprintln!("dangjian: {message}");
    }
    let failed = failures.len();
    let text = match format {
        ReuseFormat::Table => render::table(&report),
        ReuseFormat::Json => serde_json::to_string_pretty(&report)
            .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?,
        ReuseFormat::Jsonl => render::jsonl(&report),
        ReuseFormat::Csv => render::csv(&report),
        ReuseFormat::Html => render::html(&report),
    };
    let mut out = open_output(output)?;
    out.write_all(text.as_bytes()).map_err(stdout_err)?;
    if !text.is_empty() && !text.ends_with('\n') {
        writeln!(out).map_err(stdout_err)?;
    }
    out.flush().map_err(stdout_err)?;
    Ok(exit_code(failed > 0))
}
