//! Stage 0 of the pipeline: bytes → text.
//!
//! Archives hold UTF-8 (with or without a byte-order mark), UTF-16 with a
//! byte-order mark, and older pages in GB2312/GBK/GB18030 or Big5. [`decode`]
//! tries, in order:
//!
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. strict UTF-8;
//! 3. the legacy encoding that `chardetng` guesses (GBK guesses are decoded
//!    as GB18030, its superset, and reported as `gb18030`).
//!
//! Decoding is strict: a byte sequence that is not valid in the chosen
//! encoding (a truncated GBK file, say) is an [`ErrorKind::Encoding`] error,
//! never silent mojibake. Binary files (NUL bytes, many control bytes) are
//! [`ErrorKind::Binary`] errors; empty files [`ErrorKind::Empty`].
//!
//! ```
//! use dangjian::decode::decode;
//! let (gbk, _, _) = encoding_rs::GBK.encode("机关党建");
//! let d = decode(&gbk).unwrap();
//! assert_eq!(d.text, "机关党建");
//! assert_eq!(d.encoding, "gb18030");
//! ```
//!
//! Guide: `docs/rules/pages.md` (which bytes are text at all).

use crate::error::{Error, ErrorKind, Result};
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

/// Decoded text and the name of the encoding it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (a byte-order mark is removed).
    pub text: String,
    /// `utf-8`, `utf-16le`, `utf-16be`, `gb18030`, `big5`, or another
    /// WHATWG encoding name in lower case.
    pub encoding: &'static str,
}

/// Decodes a document's bytes; see the module documentation.
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::new(ErrorKind::Empty, "the file is empty"));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let text = enc
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Encoding,
                    format!("not valid {} after its byte-order mark", enc.name()),
                )
            })?;
        return finish(text.into_owned(), name_of(enc));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(Error::new(
            ErrorKind::Binary,
            "binary data (NUL bytes), not a text document",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => return finish(s.to_owned(), "utf-8"),
        Err(e) if e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len() => {
            // Valid UTF-8 cut short inside the last character.
            if e.valid_up_to() > bytes.len() / 2 && looks_like_utf8(bytes) {
                return Err(Error::new(
                    ErrorKind::Encoding,
                    format!(
                        "UTF-8 text truncated inside a character at byte {}",
                        e.valid_up_to()
                    ),
                ));
            }
        }
        Err(_) => {}
    }
    let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    // Chinese archives: try the two Chinese legacy families first, the one the
    // detector scores higher first; both decode strictly or not at all.
    let guess = det.guess(None, Utf8Detection::Deny);
    let cjk = if guess == encoding_rs::BIG5 {
        [encoding_rs::BIG5, encoding_rs::GB18030]
    } else {
        [encoding_rs::GB18030, encoding_rs::BIG5]
    };
    for enc in cjk {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return finish(text.into_owned(), name_of(enc));
        }
    }
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    if high * 10 > bytes.len() * 3 {
        // Mostly non-ASCII bytes: a Chinese text that decodes in no Chinese
        // encoding is damaged, not Latin-1.
        return Err(Error::new(
            ErrorKind::Encoding,
            format!(
                "not valid UTF-8, GB18030 or Big5 (the closest is {}); the file may be truncated or corrupt",
                cjk[0].name()
            ),
        ));
    }
    let enc = guess;
    let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) else {
        return Err(Error::new(
            ErrorKind::Encoding,
            format!("not valid UTF-8, and not valid {} either", enc.name()),
        ));
    };
    finish(text.into_owned(), name_of(enc))
}

fn looks_like_utf8(bytes: &[u8]) -> bool {
    bytes.iter().filter(|b| **b >= 0x80).count() > 0
}

fn name_of(enc: &'static Encoding) -> &'static str {
    match enc.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        "gb18030" | "GBK" => "gb18030",
        "Big5" => "big5",
        "Shift_JIS" => "shift_jis",
        "EUC-KR" => "euc-kr",
        "EUC-JP" => "euc-jp",
        "windows-1252" => "windows-1252",
        _ => "other",
    }
}

fn finish(text: String, encoding: &'static str) -> Result<Decoded> {
    if text.trim().is_empty() {
        return Err(Error::new(ErrorKind::Empty, "the file has no text"));
    }
    let total = text.chars().take(65536).count().max(1);
    let controls = text
        .chars()
        .take(65536)
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 100 > total {
        return Err(Error::new(
            ErrorKind::Binary,
            format!("binary data ({controls} control characters in {total}), not a text document"),
        ));
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big5_and_utf16() {
        let (b5, _, _) = encoding_rs::BIG5.encode("黨的十八大以來天津市加強機關黨建工作綜述");
        let d = decode(&b5).unwrap();
        assert_eq!(d.encoding, "big5");
        assert_eq!(d.text, "黨的十八大以來天津市加強機關黨建工作綜述");
        let mut u16 = vec![0xFF, 0xFE];
        for unit in "机关党建".encode_utf16() {
            u16.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&u16).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("机关党建", "utf-16le"));
    }

    #[test]
    fn truncated_gbk_is_an_error() {
        let (gbk, _, _) = encoding_rs::GBK.encode("机关党建工作取得明显成效，党员干部积极参与");
        let cut = &gbk[..gbk.len() - 1];
        let e = decode(cut).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Encoding);
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(decode(b"").unwrap_err().kind(), ErrorKind::Empty);
        assert_eq!(decode(b" \n ").unwrap_err().kind(), ErrorKind::Empty);
        assert_eq!(
            decode(&[0x89, b'P', b'N', b'G', 0, 0, 1])
                .unwrap_err()
                .kind(),
            ErrorKind::Binary
        );
    }

    #[test]
    fn utf8_bom_is_removed() {
        let d = decode("\u{feff}党建".as_bytes()).unwrap();
        assert_eq!(d.text, "党建");
    }
}
