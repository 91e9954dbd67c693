//! The command-line side of the archive: `search-build`, `search`,
//! `export`, and the search index of `index --search`.

use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, ValueEnum};
use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::error::{Error, ErrorKind, Result};
use crate::search::{
    Archive, ArchiveWriter, ClaimsRequest, DEFAULT_COUNT_LIMIT, Filters, SearchRequest, Sort,
    prepare,
};

/// Commit the search index every this many documents during a build.
const COMMIT_EVERY: u64 = 20_000;

fn out_err(e: io::Error) -> Error {
    Error::new(ErrorKind::Io, format!("writing output: {e}"))
}

/// `dangjian search-build`.
#[derive(Debug, Args)]
pub struct SearchBuildArgs {
    /// The search index folder (created if missing).
    pub dir: PathBuf,
    /// `index` JSONL output (error records are skipped); `-` reads stdin.
    pub files: Vec<PathBuf>,
    /// Remove a document (by id or path) from the index; repeatable.
    #[arg(long, value_name = "ID|PATH")]
    pub delete: Vec<String>,
    /// Threads (default: all cores).
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
    /// No summary on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

fn threads(jobs: usize) -> usize {
    if jobs > 0 {
        jobs
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// Reads `index` JSONL lines into analyses; bad lines are reported and
/// counted.
fn parse_line(line: &str, shown: &str) -> std::result::Result<Option<Analysis>, String> {
    if line.trim().is_empty() {
        return Ok(None);
    }
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("{shown}: not a JSON record ({e})"))?;
    if v.get("error").is_some() {
        return Ok(None);
    }
    serde_json::from_value::<Analysis>(v)
        .map(Some)
        .map_err(|e| format!("{shown}: not an analyze record ({e})"))
}

/// Adds JSONL records from `reader` to `w`, preparing them in parallel.
fn add_jsonl(
    w: &mut ArchiveWriter,
    reader: impl BufRead,
    name: &str,
    bad: &mut u64,
    skip: impl Fn(&Analysis) -> bool + Sync,
) -> Result<u64> {
    let f = w.fields();
    let mut n = 0u64;
    let mut lines = reader.lines().enumerate();
    loop {
        let mut batch = Vec::with_capacity(256);
        for (i, line) in lines.by_ref() {
            let line = line.map_err(|e| Error::new(ErrorKind::Io, format!("{name}: {e}")))?;
            batch.push((i + 1, line));
            if batch.len() == 256 {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let prepared: Vec<_> = batch
            .par_iter()
            .map(|(i, line)| match parse_line(line, &format!("{name}:{i}")) {
                Ok(Some(a)) => {
                    if skip(&a) {
                        Ok(None)
                    } else {
                        prepare(&a, &f).map(Some).map_err(|e| e.to_string())
                    }
                }
                Ok(None) => Ok(None),
                Err(e) => Err(e),
            })
            .collect();
        for p in prepared {
            match p {
                Ok(Some(p)) => {
                    w.add_prepared(p)?;
                    n += 1;
                    if w.added % COMMIT_EVERY == 0 {
                        w.commit()?;
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    eprintln!("dangjian: {e}; skipped");
                    *bad += 1;
                }
            }
        }
    }
    Ok(n)
}

/// Runs `dangjian search-build`.
pub fn search_build(a: SearchBuildArgs) -> Result<ExitCode> {
    let t0 = Instant::now();
    if a.files.is_empty() && a.delete.is_empty() {
        return Err(Error::new(
            ErrorKind::Config,
            "give `index` JSONL files to add (or `-` for stdin), or --delete ID|PATH",
        ));
    }
    let archive = Archive::create(&a.dir)?;
    let mut w = archive.writer(threads(a.jobs).min(4))?;
    for d in &a.delete {
        w.delete(d);
    }
    let mut bad = 0u64;
    let mut added = 0u64;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads(a.jobs))
        .build()
        .map_err(|e| Error::new(ErrorKind::Config, format!("cannot start threads: {e}")))?;
    pool.install(|| -> Result<()> {
        for p in &a.files {
            if p.as_os_str() == "-" {
                added += add_jsonl(&mut w, io::stdin().lock(), "<stdin>", &mut bad, |_| false)?;
            } else {
                let file = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
                let r = io::BufReader::with_capacity(1 << 16, file);
                added += add_jsonl(&mut w, r, &p.display().to_string(), &mut bad, |_| false)?;
            }
        }
        Ok(())
    })?;
    let deleted = w.deleted;
    w.finish()?;
    if !a.quiet {
        archive.reload()?;
        eprintln!(
            "dangjian search-build: {added} documents added, {deleted} deletions, {bad} bad records; {} documents in {} ({:.2} s)",
            archive.len(),
            a.dir.display(),
            t0.elapsed().as_secs_f64()
        );
    }
    Ok(if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The search index of `dangjian index --search`.
pub struct IndexSink {
    w: ArchiveWriter,
    last: Instant,
    since: u64,
}

impl IndexSink {
    /// Opens (or creates) the index in `dir`; when resuming from `resumed`
    /// (the output file), first adds the records of that file the index
    /// lacks (written before a crash, never committed).
    pub fn open(dir: &Path, jobs: usize, resumed: Option<&Path>) -> Result<IndexSink> {
        let archive = Archive::create(dir)?;
        let mut w = archive.writer(threads(jobs).min(4))?;
        if let Some(p) = resumed.filter(|p| p.is_file()) {
            let file = std::fs::File::open(p).map_err(|e| Error::io(p, e))?;
            let r = io::BufReader::with_capacity(1 << 16, file);
            let mut bad = 0;
            let have = |a: &Analysis| archive.contains(&a.id);
            // A torn last line is the output file's to cut; here it is
            // only skipped.
            let n = add_jsonl(&mut w, r, &p.display().to_string(), &mut bad, have)?;
            if n > 0 {
                w.commit()?;
            }
        }
        Ok(IndexSink {
            w,
            last: Instant::now(),
            since: 0,
        })
    }

    /// Adds one analysis; commits every so often.
    pub fn add(&mut self, a: &Analysis) -> io::Result<()> {
        let err = |e: Error| io::Error::other(format!("search index: {e}"));
        self.w.add(a).map_err(err)?;
        self.since += 1;
        if self.since >= COMMIT_EVERY || self.last.elapsed().as_secs() >= 60 {
            self.w.commit().map_err(err)?;
            self.since = 0;
            self.last = Instant::now();
        }
        Ok(())
    }

    /// The last commit.
    pub fn finish(self) -> Result<()> {
        self.w.finish()
    }
}

/// Output formats of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// For a person.
    Table,
    /// The `search --format json` object.
    Json,
    /// One hit (or claim row) per line.
    Jsonl,
    /// One hit (or claim row) per row.
    Csv,
}

/// Orders of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Relevance.
    Score,
    /// Newest first.
    Date,
}

/// `dangjian search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The search index folder.
    pub dir: PathBuf,
    /// Query: words or phrases ("…"), AND/OR/NOT (or -word), parentheses, title:, source:,
    /// formulation:, slogan:, place:, year:. Traditional or simplified.
    pub query: Option<String>,
    /// A place by name or code; its cities and counties are included.
    #[arg(long)]
    pub place: Option<String>,
    /// First date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    pub from: Option<String>,
    /// Last date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long)]
    pub to: Option<String>,
    /// One year.
    #[arg(long)]
    pub year: Option<u32>,
    /// Source (exactly).
    #[arg(long)]
    pub source: Option<String>,
    /// Documents with this formulation (canonical, e.g. 两个维护).
    #[arg(long)]
    pub formulation: Option<String>,
    /// Documents with this slogan or term.
    #[arg(long)]
    pub slogan: Option<String>,
    /// simplified, traditional or mixed.
    #[arg(long)]
    pub script: Option<String>,
    /// Documents with a claim of this indicator (with --claims: claims of it).
    #[arg(long)]
    pub indicator: Option<String>,
    /// Facet counts: a comma-separated list of place, year, formulation, slogan, source,
    /// script, indicator.
    #[arg(long)]
    pub facets: Option<String>,
    /// Hits (or rows) to show.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Hits (or rows) to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order.
    #[arg(long, value_enum, default_value_t = SortArg::Score)]
    pub sort: SortArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SearchFormat::Table)]
    pub format: SearchFormat,
    /// Snippets per hit.
    #[arg(long, default_value_t = 2)]
    pub snippets: usize,
    /// Count every match: by default matches are counted up to 10,000
    /// ("10000+"), which spares a common word a pass over most of the
    /// archive. Facets count every match anyway.
    #[arg(long)]
    pub count_all: bool,
    /// Claim rows instead of documents.
    #[arg(long)]
    pub claims: bool,
    /// With --claims: smallest value.
    #[arg(long, requires = "claims", allow_negative_numbers = true)]
    pub min: Option<f64>,
    /// With --claims: largest value.
    #[arg(long, requires = "claims", allow_negative_numbers = true)]
    pub max: Option<f64>,
    /// With --claims: unit (名, 个, %, 元 …).
    #[arg(long, requires = "claims")]
    pub unit: Option<String>,
    /// Write to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

impl SearchArgs {
    fn request(&self) -> SearchRequest {
        SearchRequest {
            query: self.query.clone(),
            filters: Filters {
                place: self.place.clone(),
                from: self.from.clone(),
                to: self.to.clone(),
                year: self.year,
                source: self.source.clone(),
                formulation: self.formulation.clone(),
                slogan: self.slogan.clone(),
                script: self.script.clone(),
                indicator: self.indicator.clone(),
            },
            facets: self
                .facets
                .as_deref()
                .map(|f| {
                    f.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            limit: self.limit,
            offset: self.offset,
            sort: match self.sort {
                SortArg::Score => Sort::Score,
                SortArg::Date => Sort::Date,
            },
            snippets: self.snippets,
            count_limit: if self.count_all {
                None
            } else {
                Some(DEFAULT_COUNT_LIMIT)
            },
        }
    }
}

/// Runs `dangjian search`.
pub fn search(a: SearchArgs) -> Result<ExitCode> {
    let archive = Archive::open(&a.dir)?;
    let req = a.request();
    let mut out: Box<dyn Write> = super::open_output(a.output.as_deref())?;
    if a.claims {
        let r = archive.claims(&ClaimsRequest {
            search: req,
            min: a.min,
            max: a.max,
            unit: a.unit.clone(),
        })?;
        write_claims(&mut out, &r, a.format)?;
    } else {
        let r = archive.search(&req)?;
        write_hits(&mut out, &r, a.format)?;
    }
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(out_err(e)),
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn csv_err(e: csv::Error) -> Error {
    Error::new(ErrorKind::Io, format!("writing CSV: {e}"))
}

fn write_hits(
    out: &mut dyn Write,
    r: &crate::search::SearchResults,
    f: SearchFormat,
) -> Result<()> {
    match f {
        SearchFormat::Table => crate::search::write_table(out, r).map_err(out_err),
        SearchFormat::Json => {
            let s = serde_json::to_string_pretty(r)
                .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
            writeln!(out, "{s}").map_err(out_err)
        }
        SearchFormat::Jsonl => {
            for h in &r.hits {
                let s = serde_json::to_string(h)
                    .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
                writeln!(out, "{s}").map_err(out_err)?;
            }
            Ok(())
        }
        SearchFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(SEARCH_COLUMNS).map_err(csv_err)?;
            for h in &r.hits {
                let s = h.snippets.first();
                let span = s.and_then(|s| s.span);
                w.write_record([
                    h.id.as_str(),
                    h.path.as_deref().unwrap_or(""),
                    &h.score.map(|x| format!("{x:.4}")).unwrap_or_default(),
                    h.title.as_deref().unwrap_or(""),
                    h.date.as_deref().unwrap_or(""),
                    h.source.as_deref().unwrap_or(""),
                    h.place.as_ref().map_or("", |p| p.name.as_str()),
                    h.place
                        .as_ref()
                        .and_then(|p| p.code.as_deref())
                        .unwrap_or(""),
                    s.map_or("", |s| s.text.as_str()),
                    &span.map(|x| x[0].to_string()).unwrap_or_default(),
                    &span.map(|x| x[1].to_string()).unwrap_or_default(),
                ])
                .map_err(csv_err)?;
            }
            w.flush().map_err(out_err)
        }
    }
}

/// Columns of `search --format csv`: one row per hit, with its first
/// snippet and the byte span of its first match in the original text.
pub const SEARCH_COLUMNS: &[&str] = &[
    "id",
    "path",
    "score",
    "title",
    "date",
    "source",
    "place",
    "place_code",
    "snippet",
    "start",
    "end",
];

/// Columns of `search --claims --format csv` after those of `dangjian
/// claims` ([`super::CLAIM_COLUMNS`]).
pub const CLAIM_ROW_EXTRA_COLUMNS: &[&str] = &["date", "title", "score"];

/// Columns of `search --claims --format csv`: those of `dangjian claims`,
/// then date, title, score ([`crate::search::CLAIM_ROW_COLUMNS`]).
pub fn claim_row_columns() -> impl Iterator<Item = &'static str> {
    crate::search::CLAIM_ROW_COLUMNS.iter().copied()
}

fn write_claims(
    out: &mut dyn Write,
    r: &crate::search::ClaimResults,
    f: SearchFormat,
) -> Result<()> {
    let fv = crate::claims::format_value;
    match f {
        SearchFormat::Table => {
            writeln!(
                out,
                "{}{} claims match ({} ms)",
                r.total,
                if r.total_exact {
                    ""
                } else {
                    "+ (counted up to here; --count-all counts every one)"
                },
                r.took_ms
            )
            .map_err(out_err)?;
            for c in &r.rows {
                writeln!(
                    out,
                    "{:>10} {} {} {} {} {} {}",
                    fv(c.value),
                    pad(&c.unit, 4),
                    pad(c.approx.as_deref().unwrap_or(""), 5),
                    pad(c.object.as_deref().unwrap_or("-"), 16),
                    pad(c.place.as_deref().unwrap_or("-"), 10),
                    c.date.as_deref().unwrap_or("-"),
                    c.title.as_deref().unwrap_or("-"),
                )
                .map_err(out_err)?;
            }
            Ok(())
        }
        SearchFormat::Json => {
            let s = serde_json::to_string_pretty(r)
                .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
            writeln!(out, "{s}").map_err(out_err)
        }
        SearchFormat::Jsonl => {
            for c in &r.rows {
                let s = serde_json::to_string(c)
                    .map_err(|e| Error::new(ErrorKind::Json, e.to_string()))?;
                writeln!(out, "{s}").map_err(out_err)?;
            }
            Ok(())
        }
        SearchFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(crate::search::CLAIM_ROW_COLUMNS)
                .map_err(csv_err)?;
            for c in &r.rows {
                w.write_record(c.csv_record()).map_err(csv_err)?;
            }
            w.flush().map_err(out_err)
        }
    }
}

/// `s` padded (or cut) to `width` display columns.
fn pad(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push_str(&" ".repeat(width - w));
    out
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Elasticsearch / OpenSearch `_bulk` NDJSON.
    EsBulk,
}

/// `dangjian export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::EsBulk)]
    pub format: ExportFormat,
    /// Name of the target index in the action lines.
    #[arg(long, default_value = "dangjian")]
    pub index: String,
    /// Write to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// `index` JSONL files (`-` for stdin) or search index folders.
    #[arg(required = true)]
    pub sources: Vec<PathBuf>,
}

/// Runs `dangjian export`.
pub fn export(a: ExportArgs) -> Result<ExitCode> {
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).map_err(|e| Error::io(p, e))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut bad = 0u64;
    let write = |an: &Analysis, out: &mut dyn Write| -> Result<io::Result<()>> {
        let (action, source) = crate::search::export::bulk_lines(an, &a.index)?;
        Ok(writeln!(out, "{action}\n{source}"))
    };
    // The reader of a pipe has had enough (`dangjian export … | head`).
    let pipe_closed = |r: io::Result<()>| -> Result<bool> {
        match r {
            Ok(()) => Ok(false),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(true),
            Err(e) => Err(out_err(e)),
        }
    };
    let mut closed = false;
    for p in &a.sources {
        if closed {
            break;
        }
        if p.is_dir() {
            let archive = Archive::open(p)?;
            archive.for_each_document(|an| {
                if !closed {
                    closed = pipe_closed(write(&an, &mut out)?)?;
                }
                Ok(())
            })?;
            continue;
        }
        let reader: Box<dyn BufRead> = if p.as_os_str() == "-" {
            Box::new(io::stdin().lock())
        } else {
            Box::new(io::BufReader::new(
                std::fs::File::open(p).map_err(|e| Error::io(p, e))?,
            ))
        };
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| Error::io(p, e))?;
            match parse_line(&line, &format!("{}:{}", p.display(), i + 1)) {
                Ok(Some(an)) => {
                    if pipe_closed(write(&an, &mut out)?)? {
                        closed = true;
                        break;
                    }
                }
                Ok(None) => {}
                Err(e) => {
                    eprintln!("dangjian: {e}; skipped");
                    bad += 1;
                }
            }
        }
    }
    if closed {
        return Ok(ExitCode::SUCCESS);
    }
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => return Err(out_err(e)),
        _ => {}
    }
    Ok(if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_rows_are_the_claims_columns_then_date_title_score() {
        let expected: Vec<&str> = crate::cli::CLAIM_COLUMNS
            .iter()
            .chain(CLAIM_ROW_EXTRA_COLUMNS)
            .copied()
            .collect();
        assert_eq!(claim_row_columns().collect::<Vec<_>>(), expected);
    }
}
