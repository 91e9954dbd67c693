//! Page furniture: the lines a site or e-paper template puts around an
//! article — controls, labels, counters, navigation bars, injected adverts,
//! server error strings.
//!
//! The vocabulary lives in `data/page-furniture.txt` (words that make up a
//! whole line, line prefixes, line suffixes, spam words); this module adds the
//! shapes that need no vocabulary: channel bars (`A | B | C`, `首页 热点 资讯
//! 行业 财经`), breadcrumbs (`首页 > 新闻 > 正文`, `首页 / 要闻`), lines with
//! no Han character at all (`404 Not Found`, `ZJOL/1.24.96`), and a site's
//! description of itself at the top of a page (`某某网是……的平台。`).
//!
//! Lines are matched after normalization (simplified, half-width) with
//! whitespace removed, so `分 享 至` is `分享至`.
//!
//! ```
//! use dangjian::page::furniture::is_furniture;
//! assert!(is_furniture("返回目录  放大缩小全文复制"));
//! assert!(is_furniture("分 享 至 手 机"));
//! assert!(is_furniture("扫码阅读手机版"));
//! assert!(is_furniture("首页 > 新闻中心 > 基层党建 > 正文"));
//! assert!(is_furniture("首页 要闻 时政 财经 社会 文化"));
//! assert!(!is_furniture("机关党建工作综述"));
//! ```

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Anchored, Input, StartKind};
use rustc_hash::FxHashSet;

use super::{Shape, han_count};

const DATA: &str = include_str!("../../data/page-furniture.txt");

/// The vocabulary of `data/page-furniture.txt`.
struct Vocabulary {
    words: FxHashSet<String>,
    longest_word: usize,
    /// The line prefixes, matched anchored at the line's start in one pass.
    prefixes: AhoCorasick,
    suffixes: Vec<String>,
    /// Spam words, any ASCII case (体育APP), in one pass.
    spam: AhoCorasick,
    /// Every character of the whole-line words: a line with any other
    /// (non-separator) character is not a run of them.
    word_chars: FxHashSet<char>,
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let mut v = Vocabulary {
        words: FxHashSet::default(),
        longest_word: 1,
        prefixes: automaton(&[], true),
        suffixes: Vec::new(),
        spam: automaton(&[], false),
        word_chars: FxHashSet::default(),
    };
    let mut prefixes = Vec::new();
    let mut spam = Vec::new();
    for line in DATA.lines() {
        let line = line.trim_end();
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let Some((kind, word)) = line.split_once('\t') else {
            continue;
        };
        let word: String = word.chars().filter(|c| !c.is_whitespace()).collect();
        if word.is_empty() {
            continue;
        }
        match kind {
            "word" => {
                v.longest_word = v.longest_word.max(word.chars().count());
                v.words.insert(word);
            }
            "prefix" => prefixes.push(word),
            "suffix" => v.suffixes.push(word),
            "spam" => spam.push(word),
            _ => {}
        }
    }
    v.prefixes = automaton(&prefixes, true);
    v.spam = automaton(&spam, false);
    v.word_chars = v.words.iter().flat_map(|w| w.chars()).collect();
    v
});

/// An automaton matching `words` (any ASCII case), anchored at the start of
/// a text or anywhere in it.
fn automaton(words: &[String], anchored: bool) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .start_kind(if anchored {
            StartKind::Anchored
        } else {
            StartKind::Unanchored
        })
        .build(words)
        // A few dozen short words compiled into the binary: always within
        // the automaton's limits (checked by the `vocabulary_loads` test).
        .expect("page-furniture words build an automaton")
}

/// Characters that may open a furniture line without belonging to it:
/// bullets, boxes, brackets, dashes.
fn is_decoration(c: char) -> bool {
    // The basic Han block is all letters: most characters are answered
    // without the Unicode tables.
    !(('\u{4e00}'..='\u{9fff}').contains(&c) || c.is_alphanumeric())
}

/// Whether the whole of `s` (at most 60 characters) is a run of interface
/// words, with any non-alphanumeric separators between them.
fn all_words(s: &str, v: &Vocabulary) -> bool {
    // Most lines fail here, on their first character outside the words.
    if s.chars()
        .any(|c| !is_decoration(c) && !v.word_chars.contains(&c))
    {
        return false;
    }
    // Byte offsets of the characters, and of the end.
    let bounds: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    let n = bounds.len() - 1;
    if n == 0 || n > 60 {
        return false;
    }
    // reach[i]: the first i characters are words and separators.
    let mut reach = vec![false; n + 1];
    reach[0] = true;
    let mut any_word = false;
    for (i, c) in s.chars().enumerate() {
        if !reach[i] {
            continue;
        }
        if is_decoration(c) {
            reach[i + 1] = true;
            continue;
        }
        any_word = true;
        for len in 1..=v.longest_word.min(n - i) {
            if v.words.contains(&s[bounds[i]..bounds[i + len]]) {
                reach[i + len] = true;
            }
        }
    }
    reach[n] && any_word
}

/// A channel bar: `A | B | C` (`A 丨 B 丨 C`) or five and more short words
/// separated by spaces.
fn is_channel_bar(s: &str, shape: &Shape) -> bool {
    if shape.bar {
        let parts: Vec<&str> = s
            .split(['|', '丨', '│', '｜'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        return parts.len() >= 2 && parts.iter().all(|p| p.chars().count() <= 8);
    }
    // Five words need whitespace between them.
    if !shape.whitespace || s.split_whitespace().nth(4).is_none() {
        return false;
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() >= 5
        && words
            .iter()
            .all(|w| w.chars().count() <= 4 && w.chars().all(|c| c.is_alphanumeric()))
}

/// A breadcrumb trail: `首页 > 新闻 > 正文`, `人民网>>广西频道`, `首页 / 要闻`.
fn is_breadcrumb(s: &str) -> bool {
    for sep in [&['>', '»', '›'][..], &['/'][..]] {
        // One search per mark (a byte search), not a decoding scan.
        if !sep.iter().any(|&c| s.contains(c)) {
            continue;
        }
        let parts: Vec<&str> = s.split(sep).map(str::trim).collect();
        let named: Vec<&&str> = parts.iter().filter(|p| !p.is_empty()).collect();
        let short = named.iter().all(|p| p.chars().count() <= 16);
        let enough = if sep[0] == '/' {
            // A slash also writes dates and fractions: a trail of names only.
            named.len() >= 2 && named.iter().all(|p| han_count(p) >= 2) && s.contains("首页")
        } else {
            parts.len() >= 2 && !named.is_empty()
        };
        if enough && short {
            return true;
        }
    }
    false
}

/// A site describing itself at the top of a page: `某某网是……平台。`.
///
/// Returns the site's name.
///
/// ```
/// use dangjian::page::furniture::self_description;
/// assert_eq!(
///     self_description("某某党建网是服务基层党组织的信息交流平台,提供决策参考。"),
///     Some("某某党建网")
/// );
/// assert_eq!(self_description("某某县是革命老区,党员3200名。"), None);
/// ```
pub fn self_description(s: &str) -> Option<&str> {
    static_regex!(
        SELF,
        r"^((?:本网|[\p{Han}]{2,12}?(?:网站|网|在线|客户端)))(?:是|为|系|作为)"
    );
    let c = SELF.captures(s)?;
    let name = c.get(1)?.as_str();
    let about_itself = ["平台", "网站", "门户", "媒体", "主办", "创办", "信息"]
        .iter()
        .any(|w| s.contains(w));
    (about_itself && name != "本网").then_some(name)
}

// An image's file name: what a gallery or a broken picture leaves as text.
static_regex!(
    IMAGE_FILE,
    r"(?i)[^\s.]\.(?:jpe?g|png|gif|bmp|webp|tiff?)(?:$|[^a-z])"
);

/// Whether a line holds an image's file name (`某某_副本.jpg`).
pub(super) fn has_image_file(s: &str) -> bool {
    s.contains('.') && IMAGE_FILE.is_match(s)
}

/// Whether a word is one of the interface's controls or labels, or a run
/// of them (打印, 纠错, 放大缩小).
pub(super) fn is_control(word: &str) -> bool {
    all_words(word, &VOCABULARY)
}

/// Whether a (normalized, trimmed) line is page furniture.
pub fn is_furniture(s: &str) -> bool {
    is_furniture_shaped(s, &Shape::of(s))
}

/// [`is_furniture`] of a line whose shape the cleaner has read.
pub(super) fn is_furniture_shaped(s: &str, shape: &Shape) -> bool {
    let v = &*VOCABULARY;
    let compact: Cow<str> = if shape.whitespace {
        Cow::Owned(s.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        Cow::Borrowed(s)
    };
    let core = compact.trim_start_matches(is_decoration);
    if core.is_empty() {
        return true;
    }
    // The characters of `core`: those of the line besides whitespace, less
    // the decoration trimmed off.
    let lead = &compact[..compact.len() - core.len()];
    let n = shape.chars - lead.chars().count();
    if v.prefixes
        .find(Input::new(core).anchored(Anchored::Yes))
        .is_some()
    {
        return true;
    }
    // Up to 60 characters (4 bytes at most each): the shapes of short lines.
    if compact.len() <= 240 {
        if all_words(&compact, v) {
            return true;
        }
        if n <= 24 && v.suffixes.iter().any(|p| core.ends_with(p.as_str())) {
            return true;
        }
        if n <= 30 && v.spam.is_match(core) {
            return true;
        }
    }
    // A breadcrumb needs one of its marks.
    is_channel_bar(s, shape)
        || (shape.trail && is_breadcrumb(s))
        || (shape.chars <= 120 && has_image_file(s))
}

/// Where spam words stand in `s` (byte ranges): advertising and gambling
/// words a bad copy injects into the page's text, its headline too.
pub(super) fn spam_words(s: &str) -> Vec<std::ops::Range<usize>> {
    VOCABULARY
        .spam
        .find_iter(s)
        .map(|m| m.start()..m.end())
        .collect()
}

/// A line without a single Han character (`404 Not Found`, a server string,
/// a phone number): never article text in a Chinese page.
pub(super) fn is_foreign(shape: &Shape) -> bool {
    shape.han == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_loads() {
        let v = &*VOCABULARY;
        assert!(v.words.contains("放大"));
        assert!(v.prefixes.patterns_len() > 10);
        assert!(is_furniture("扫码阅读"));
        assert!(v.spam.patterns_len() > 0);
        assert!(is_furniture("体育APP"));
    }

    #[test]
    fn controls_run_together() {
        assert!(is_furniture("【打印本页】 【关闭窗口】"));
        assert!(is_furniture("文字: 大  中  小     打印"));
        assert!(is_furniture("展开通版"));
        assert!(is_furniture("-- 天气"));
    }

    #[test]
    fn labels_and_widgets() {
        assert!(is_furniture("当前版:01版"));
        assert!(is_furniture("点击播报本文,约"));
        assert!(is_furniture("■核心提示"));
        assert!(is_furniture("主办:中共某某省委某某工作委员会"));
        assert!(is_furniture("您当前的位置 : 某某网  >  某市  >  某县"));
        assert!(is_furniture("某某融媒客户端下载"));
    }

    #[test]
    fn adverts_and_trails() {
        assert!(is_furniture("abc88体育在线"));
        assert!(is_furniture("某某网>>某某频道>>专题集>>某某新闻网某某分网"));
        assert!(is_furniture("现在的位置:首页 / 某省要闻"));
        assert!(is_furniture("国内 | 国际 | 本省新闻 | 评论"));
        assert!(is_furniture("丨 网站无障碍 丨 关怀版 丨 长辈版"));
    }

    #[test]
    fn image_file_names() {
        assert!(is_furniture("3_副本.jpg"));
        assert!(is_furniture("《晨光》张三  摄于某某公园_副本.JPG"));
        assert!(is_furniture("某地群众在广场上观看演出。李四_副本.png"));
        assert!(!is_furniture("某县建成党群服务中心12个。"));
        assert!(!is_furniture("访问www.example.cn了解详情"));
    }

    #[test]
    fn headlines_and_sentences_are_not_furniture() {
        assert!(!is_furniture("某县:党建引领 推进乡村振兴"));
        assert!(!is_furniture("2024年,全县党员1.2万名。"));
        assert!(!is_furniture("下载量突破10万次,群众办事更方便了。"));
        assert!(!is_furniture("党建引领“一网两线” 群众共富有良方"));
        assert!(!is_furniture("2023/2024年度考核"));
    }

    #[test]
    fn basic_han_block_is_letters() {
        assert!(('\u{4e00}'..='\u{9fff}').all(char::is_alphanumeric));
    }

    #[test]
    fn foreign_lines() {
        let foreign = |s: &str| is_foreign(&Shape::of(s));
        assert!(foreign("404 Not Found"));
        assert!(foreign("18500000000(tel)"));
        assert!(!foreign("某某网 2006"));
    }
}
