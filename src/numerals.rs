//! Chinese and Arabic numerals, exactly.
//!
//! Reports write numbers every way at once: `335`, `1,234`, `1.35万`,
//! `2万多`, `3千余`, `一万三千五百`, `两千`, `二○○一`, `一百二十五点九一万`,
//! `百分之三十`, `三分之一`. This module parses them into a [`Decimal`] —
//! an integer mantissa with a decimal scale — so that `125.91万` is exactly
//! 1259100, never 1259099.9999.
//!
//! Absurd input (a number of thousands of digits) gives
//! [`NumeralError::Overflow`], never a panic.
//!
//! ```
//! use dangjian::numerals::{parse, Decimal};
//! assert_eq!(parse("125.91万").unwrap(), Decimal::from(1259100u64));
//! assert_eq!(parse("一万三千五百").unwrap(), Decimal::from(13500u64));
//! assert_eq!(parse("一百二十五点九一万").unwrap().to_f64(), 1259100.0);
//! assert_eq!(parse("两千六").unwrap().to_f64(), 2600.0);
//! assert_eq!(parse("二○○一").unwrap().to_f64(), 2001.0);
//! assert_eq!(parse("30.7").unwrap().to_string(), "30.7");
//! ```
//!
//! Guide: `docs/rules/claims.md`, "How many?".

use std::fmt;

/// An exact decimal: `mantissa / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Decimal {
    mantissa: u128,
    scale: u32,
}

/// Why a numeral did not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumeralError {
    /// Not a numeral.
    Invalid,
    /// Too large to represent (more than 38 significant digits).
    Overflow,
}

impl fmt::Display for NumeralError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NumeralError::Invalid => "not a numeral",
            NumeralError::Overflow => "numeral too large",
        })
    }
}

impl std::error::Error for NumeralError {}

impl From<u64> for Decimal {
    fn from(v: u64) -> Self {
        Decimal {
            mantissa: v as u128,
            scale: 0,
        }
    }
}

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    /// A decimal `mantissa / 10^scale`, reduced.
    pub fn new(mantissa: u128, scale: u32) -> Self {
        Decimal { mantissa, scale }.reduced()
    }

    fn reduced(mut self) -> Self {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        if self.mantissa == 0 {
            self.scale = 0;
        }
        self
    }

    /// Multiplies by `10^exp`, exactly.
    pub fn shift(self, exp: u32) -> Result<Self, NumeralError> {
        let mut d = self;
        let mut e = exp;
        while e > 0 && d.scale > 0 {
            d.scale -= 1;
            e -= 1;
        }
        let factor = 10u128.checked_pow(e).ok_or(NumeralError::Overflow)?;
        d.mantissa = d
            .mantissa
            .checked_mul(factor)
            .ok_or(NumeralError::Overflow)?;
        Ok(d.reduced())
    }

    /// Adds exactly.
    pub fn checked_add(self, other: Decimal) -> Result<Self, NumeralError> {
        let scale = self.scale.max(other.scale);
        let a = self
            .mantissa
            .checked_mul(
                10u128
                    .checked_pow(scale - self.scale)
                    .ok_or(NumeralError::Overflow)?,
            )
            .ok_or(NumeralError::Overflow)?;
        let b = other
            .mantissa
            .checked_mul(
                10u128
                    .checked_pow(scale - other.scale)
                    .ok_or(NumeralError::Overflow)?,
            )
            .ok_or(NumeralError::Overflow)?;
        Ok(Decimal {
            mantissa: a.checked_add(b).ok_or(NumeralError::Overflow)?,
            scale,
        }
        .reduced())
    }

    /// Multiplies by a small integer exactly.
    pub fn mul_int(self, k: u128) -> Result<Self, NumeralError> {
        Ok(Decimal {
            mantissa: self.mantissa.checked_mul(k).ok_or(NumeralError::Overflow)?,
            scale: self.scale,
        }
        .reduced())
    }

    /// The nearest `f64` (exact for integers below 2^53).
    pub fn to_f64(self) -> f64 {
        if self.scale == 0 {
            return self.mantissa as f64;
        }
        // Parse the decimal string: correctly rounded, unlike a division.
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    /// Whether the value is an integer.
    pub fn is_integer(self) -> bool {
        self.scale == 0
    }

    /// The mantissa and scale.
    pub fn parts(self) -> (u128, u32) {
        (self.mantissa, self.scale)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let s = format!(
            "{:0>width$}",
            self.mantissa,
            width = self.scale as usize + 1
        );
        let (int, frac) = s.split_at(s.len() - self.scale as usize);
        write!(f, "{int}.{frac}")
    }
}

/// The value of a Chinese digit (including financial forms, 两 and the
/// zeros 〇, ○, 零), or `None`.
pub fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '贰' | '貳' | '两' | '兩' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The power of ten of a Chinese unit character (十 1, 百 2, 千 3, 万 4, 亿 8).
pub fn chinese_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 1,
        '百' | '佰' => 2,
        '千' | '仟' => 3,
        '万' | '萬' => 4,
        '亿' | '億' => 8,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral.
pub fn is_chinese_numeral_char(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_unit(c).is_some() || c == '点' || c == '點'
}

/// Parses an Arabic number: ASCII or full-width digits, a decimal point,
/// thousands separators (`1,234`, `1，234`).
///
/// ```
/// use dangjian::numerals::parse_arabic;
/// assert_eq!(parse_arabic("1,234.5").unwrap().to_string(), "1234.5");
/// assert_eq!(parse_arabic("１２３").unwrap().to_string(), "123");
/// ```
pub fn parse_arabic(s: &str) -> Result<Decimal, NumeralError> {
    let mut mantissa: u128 = 0;
    let mut scale = 0u32;
    let mut seen_point = false;
    let mut digits = 0;
    for c in s.chars() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            '.' | '．' if !seen_point => {
                seen_point = true;
                continue;
            }
            ',' | '，' if !seen_point => continue,
            _ => return Err(NumeralError::Invalid),
        };
        digits += 1;
        mantissa = mantissa
            .checked_mul(10)
            .and_then(|m| m.checked_add(d as u128))
            .ok_or(NumeralError::Overflow)?;
        if seen_point {
            scale += 1;
        }
    }
    if digits == 0 {
        return Err(NumeralError::Invalid);
    }
    Ok(Decimal::new(mantissa, scale))
}

/// Parses a Chinese numeral with positional grammar: 十二, 二十, 一百零五,
/// 一万三千五百, 两千, 三万五 (= 35000), 一亿三千万, 二○○一 (digit by digit),
/// 一百二十五点九一.
///
/// ```
/// use dangjian::numerals::parse_chinese;
/// assert_eq!(parse_chinese("十二").unwrap().to_f64(), 12.0);
/// assert_eq!(parse_chinese("一百零五").unwrap().to_f64(), 105.0);
/// assert_eq!(parse_chinese("一亿三千万").unwrap().to_f64(), 130_000_000.0);
/// assert_eq!(parse_chinese("三万五").unwrap().to_f64(), 35000.0);
/// ```
pub fn parse_chinese(s: &str) -> Result<Decimal, NumeralError> {
    let (int_part, frac_part) = match s.find(['点', '點']) {
        Some(i) => {
            let p = s[i..].chars().next().map_or(3, char::len_utf8);
            (&s[..i], Some(&s[i + p..]))
        }
        None => (s, None),
    };
    // A trailing big unit after a decimal applies to the whole number:
    // 一百二十五点九一万.
    let (frac_digits, trailing_exp) = match frac_part {
        Some(f) => {
            let mut exp = 0;
            let mut f = f;
            while let Some(c) = f.chars().last() {
                match chinese_unit(c) {
                    Some(e @ (4 | 8)) => {
                        exp += e;
                        f = &f[..f.len() - c.len_utf8()];
                    }
                    _ => break,
                }
            }
            (Some(f), exp)
        }
        None => (None, 0),
    };
    let mut value = if int_part.is_empty() && frac_digits.is_some() {
        Decimal::ZERO
    } else {
        parse_chinese_int(int_part)?
    };
    if let Some(f) = frac_digits {
        if f.is_empty() {
            return Err(NumeralError::Invalid);
        }
        let mut m: u128 = 0;
        let mut scale = 0;
        for c in f.chars() {
            let d = chinese_digit(c).ok_or(NumeralError::Invalid)?;
            m = m
                .checked_mul(10)
                .and_then(|m| m.checked_add(d as u128))
                .ok_or(NumeralError::Overflow)?;
            scale += 1;
        }
        value = value.checked_add(Decimal::new(m, scale))?;
    }
    value.shift(trailing_exp)
}

fn parse_chinese_int(s: &str) -> Result<Decimal, NumeralError> {
    if s.is_empty() {
        return Err(NumeralError::Invalid);
    }
    // Digit strings without units: 二○○一, 一二三.
    if s.chars().all(|c| chinese_digit(c).is_some()) {
        let mut m: u128 = 0;
        for c in s.chars() {
            let d = chinese_digit(c).ok_or(NumeralError::Invalid)?;
            m = m
                .checked_mul(10)
                .and_then(|m| m.checked_add(d as u128))
                .ok_or(NumeralError::Overflow)?;
        }
        return Ok(Decimal::from_u128(m));
    }
    // Finished parts, each already multiplied by its 万 or 亿, largest first.
    let mut terms: Vec<u128> = Vec::new();
    let mut section: u128 = 0; // below 万
    let mut digit: Option<u128> = None;
    let mut last_unit: Option<u32> = None;
    // The unit of 万 or above right before this character, if any.
    let mut prev_big: Option<u32> = None;
    let mut zero_seen = false;
    let mut prev_was_digit = false;
    for c in s.chars() {
        if let Some(d) = chinese_digit(c) {
            if prev_was_digit && d != 0 && digit != Some(0) {
                // Two non-zero digits in a row inside a positional numeral.
                return Err(NumeralError::Invalid);
            }
            if d == 0 {
                zero_seen = true;
            }
            digit = Some(d as u128);
            prev_was_digit = true;
            prev_big = None;
            continue;
        }
        prev_was_digit = false;
        let exp = chinese_unit(c).ok_or(NumeralError::Invalid)?;
        let unit = 10u128.pow(exp);
        if exp < 4 {
            let d = digit.take().unwrap_or(1);
            section = d
                .checked_mul(unit)
                .and_then(|v| section.checked_add(v))
                .ok_or(NumeralError::Overflow)?;
            prev_big = None;
        } else {
            let here = section
                .checked_add(digit.take().unwrap_or(0))
                .ok_or(NumeralError::Overflow)?;
            let compound = here == 0 && prev_big.is_some_and(|p| p <= exp);
            let part = match terms.pop() {
                // 万亿, 亿亿: the unit multiplies the part just finished.
                Some(last) if compound => last,
                last => {
                    // The unit multiplies what is below it (一万三千亿 =
                    // 1.3万 × 亿), not the larger parts before (三亿亿五千万亿).
                    let mut part = here;
                    let mut next = last;
                    while let Some(t) = next {
                        if t >= unit {
                            terms.push(t);
                            break;
                        }
                        part = part.checked_add(t).ok_or(NumeralError::Overflow)?;
                        next = terms.pop();
                    }
                    if part == 0 && terms.is_empty() {
                        1
                    } else {
                        part
                    }
                }
            };
            terms.push(part.checked_mul(unit).ok_or(NumeralError::Overflow)?);
            section = 0;
            prev_big = Some(exp);
        }
        zero_seen = false;
        last_unit = Some(exp);
    }
    if let Some(d) = digit {
        // 三万五 = 35000, 两千六 = 2600, 一百二 = 120: a bare digit right
        // after a unit counts in the next lower place (not after 零).
        match last_unit {
            Some(exp) if exp >= 2 && !zero_seen && d != 0 => {
                let lower = 10u128.pow(exp - 1);
                section = d
                    .checked_mul(lower)
                    .and_then(|v| section.checked_add(v))
                    .ok_or(NumeralError::Overflow)?;
            }
            _ => section += d,
        }
    }
    terms
        .into_iter()
        .try_fold(section, u128::checked_add)
        .map(Decimal::from_u128)
        .ok_or(NumeralError::Overflow)
}

impl Decimal {
    fn from_u128(m: u128) -> Self {
        Decimal {
            mantissa: m,
            scale: 0,
        }
    }
}

/// Parses any single number: Arabic, Chinese, or Arabic with Chinese
/// multipliers (`1.35万`, `3千`, `16.4亿`, `1万600`).
///
/// ```
/// use dangjian::numerals::parse;
/// assert_eq!(parse("1.35万").unwrap().to_f64(), 13500.0);
/// assert_eq!(parse("3千").unwrap().to_f64(), 3000.0);
/// assert_eq!(parse("16.4亿").unwrap().to_f64(), 1_640_000_000.0);
/// assert_eq!(parse("1万600").unwrap().to_f64(), 10600.0);
/// assert!(parse("大陆").is_err());
/// ```
pub fn parse(s: &str) -> Result<Decimal, NumeralError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(NumeralError::Invalid);
    }
    let first = s.chars().next().ok_or(NumeralError::Invalid)?;
    if !(first.is_ascii_digit() || ('０'..='９').contains(&first)) {
        return parse_chinese(s);
    }
    // Split into Arabic runs and multiplier characters.
    let mut total = Decimal::ZERO;
    let mut rest = s;
    let mut pending: Option<Decimal> = None;
    while !rest.is_empty() {
        let arabic_len = rest
            .char_indices()
            .find(|(_, c)| {
                !(c.is_ascii_digit()
                    || ('０'..='９').contains(c)
                    || matches!(c, '.' | '．' | ',' | '，'))
            })
            .map_or(rest.len(), |(i, _)| i);
        if arabic_len > 0 {
            if pending.is_some() {
                return Err(NumeralError::Invalid);
            }
            pending = Some(parse_arabic(&rest[..arabic_len])?);
            rest = &rest[arabic_len..];
            continue;
        }
        let c = rest.chars().next().ok_or(NumeralError::Invalid)?;
        let exp = chinese_unit(c).ok_or(NumeralError::Invalid)?;
        let base = pending.take().ok_or(NumeralError::Invalid)?;
        if exp == 8 && !total.is_zero() {
            // 1万亿-style compounds: multiply what came before too.
            total = total.checked_add(base)?.shift(exp)?;
        } else {
            total = total.checked_add(base.shift(exp)?)?;
        }
        rest = &rest[c.len_utf8()..];
    }
    if let Some(p) = pending {
        total = total.checked_add(p)?;
    }
    Ok(total)
}

impl Decimal {
    /// Whether the value is zero.
    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }
}

/// Formats a non-negative integer in Chinese numerals (一万三千五百, 十二,
/// 一百零五); the inverse of [`parse_chinese`], used in tests and examples.
///
/// ```
/// use dangjian::numerals::format_chinese;
/// assert_eq!(format_chinese(13500), "一万三千五百");
/// assert_eq!(format_chinese(105), "一百零五");
/// assert_eq!(format_chinese(12), "十二");
/// assert_eq!(format_chinese(100_000_000), "一亿");
/// ```
pub fn format_chinese(n: u64) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const SMALL: [&str; 4] = ["", "十", "百", "千"];
    if n == 0 {
        return "零".into();
    }
    fn section(mut n: u64, out: &mut String, need_zero: bool) {
        // n < 10000
        let mut parts = Vec::new();
        for i in 0..4 {
            parts.push((n % 10, i));
            n /= 10;
        }
        let mut zero = need_zero;
        let mut started = false;
        for &(d, i) in parts.iter().rev() {
            if d == 0 {
                if started {
                    zero = true;
                }
                continue;
            }
            if zero {
                out.push('零');
                zero = false;
            }
            out.push(DIGITS[d as usize]);
            out.push_str(SMALL[i]);
            started = true;
        }
    }
    let groups = [
        (n / 10u64.pow(16), "亿亿"),
        ((n / 10u64.pow(12)) % 10000, "万亿"),
        ((n / 10u64.pow(8)) % 10000, "亿"),
        ((n / 10u64.pow(4)) % 10000, "万"),
        (n % 10000, ""),
    ];
    let mut out = String::new();
    let mut gap = false;
    for (g, name) in groups {
        if g == 0 {
            if !out.is_empty() {
                gap = true;
            }
            continue;
        }
        let need_zero = !out.is_empty() && (gap || g < 1000);
        section(g, &mut out, need_zero);
        out.push_str(name);
        gap = false;
    }
    if out.starts_with("一十") {
        out = out.replacen("一十", "十", 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_decimals() {
        assert_eq!(parse("125.91万").unwrap().to_f64(), 1259100.0);
        assert_eq!(parse("236.30亿").unwrap().to_f64(), 23630000000.0);
        assert_eq!(parse("9.78万").unwrap().to_f64(), 97800.0);
        assert_eq!(parse("0.1").unwrap().to_string(), "0.1");
    }

    #[test]
    fn chinese_forms() {
        for (s, v) in [
            ("二十", 20.0),
            ("两千", 2000.0),
            ("一万零一", 10001.0),
            ("十万零一千", 101000.0),
            ("一百二", 120.0),
            ("三千五百万", 35_000_000.0),
            ("一千零一亿一千零一万一千零一", 100_110_011_001.0),
            ("〇", 0.0),
            ("零点五", 0.5),
        ] {
            assert_eq!(parse(s).unwrap().to_f64(), v, "{s}");
        }
    }

    #[test]
    fn absurd_input_is_flagged() {
        let big = "9".repeat(10_000);
        assert_eq!(parse(&big), Err(NumeralError::Overflow));
        let big_cn = "九".repeat(100);
        assert_eq!(parse(&big_cn), Err(NumeralError::Overflow));
        assert_eq!(parse("亿亿亿亿亿亿亿亿亿亿"), Err(NumeralError::Overflow));
        assert!(parse("一一十").is_err());
    }
}
