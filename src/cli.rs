//! The `dangjian` command line (see `dangjian --help` and INTERFACE.md).

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::{Analysis, Pipeline};
use crate::document::{Corpus, Document};
use crate::error::{Error, ErrorKind, Result};

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
        /// Documents (plain text, page dumps, HTML; any supported encoding). `-` or none reads stdin.
        files: Vec<PathBuf>,
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
enum ClaimsFormat {
    Csv,
    Jsonl,
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
        Command::Normalize { files } => normalize(&files),
        Command::Segment { files } => segment(&files),
        Command::Analyze {
            format,
            output,
            files,
        } => analyze(format, output.as_deref(), &files),
        Command::Claims {
            format,
            output,
            files,
        } => claims(format, output.as_deref(), &files),
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

fn normalize(files: &[PathBuf]) -> Result<ExitCode> {
    let pipeline = Pipeline::default();
    let mut out = open_output(None)?;
    let mut failed = false;
    for doc in text_inputs(files) {
        match doc {
            Ok(doc) => {
                let n = pipeline.normalize(&doc.text);
                out.write_all(n.text.as_bytes()).map_err(stdout_err)?;
            }
            Err(e) => {
                eprintln!("dangjian: {e}");
                failed = true;
            }
        }
    }
    out.flush().map_err(stdout_err)?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn segment(files: &[PathBuf]) -> Result<ExitCode> {
    let pipeline = Pipeline::default();
    let mut out = open_output(None)?;
    let mut failed = false;
    for doc in text_inputs(files) {
        match doc {
            Ok(doc) => {
                for line in doc.text.lines() {
                    let toks: Vec<&str> = pipeline
                        .segment_original(line)
                        .into_iter()
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .collect();
                    writeln!(out, "{}", toks.join("  ")).map_err(stdout_err)?;
                }
            }
            Err(e) => {
                eprintln!("dangjian: {e}");
                failed = true;
            }
        }
    }
    out.flush().map_err(stdout_err)?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
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
    let Some(dir) = path.parent() else { return doc };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    if !dir.join("manifest.json").is_file() {
        return doc;
    }
    match Corpus::open(dir) {
        Ok(c) => match c.info_for(path) {
            Some(e) => doc.with_info(e.info.clone()),
            None => doc,
        },
        Err(_) => doc,
    }
}

fn analyze(format: AnalyzeFormat, output: Option<&Path>, files: &[PathBuf]) -> Result<ExitCode> {
    let pipeline = Pipeline::default();
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
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
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
    let pipeline = Pipeline::default();
    let out = open_output(output)?;
    let mut failed = false;
    let csv_err = |e: csv::Error| Error::new(ErrorKind::Io, format!("writing CSV: {e}"));
    match format {
        ClaimsFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(CLAIM_COLUMNS).map_err(csv_err)?;
            for doc in expand_documents(files) {
                let doc = match doc {
                    Ok(d) => d,
                    Err(e) => {
                        eprintln!("dangjian: {e}");
                        failed = true;
                        continue;
                    }
                };
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
            for doc in expand_documents(files) {
                let doc = match doc {
                    Ok(d) => d,
                    Err(e) => {
                        eprintln!("dangjian: {e}");
                        failed = true;
                        continue;
                    }
                };
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
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
