//! Money as exact whole pence: reading what a person types ("£1,234.56") and writing amounts
//! back. No floating point anywhere, so £0.10 + £0.20 is always £0.30.

use super::error::{Error, ErrorKind, MoneyProblem};

/// The largest amount the kit keeps, in pence: 2^53 - 1, the largest whole number JavaScript
/// holds exactly, so an amount survives the trip through a host page (about £90 trillion).
pub const MAX_PENCE: u64 = 9_007_199_254_740_991;

/// Reads pounds text as whole pence: `"150"`, `"150.5"`, `"150.50"`, `"£1,234.56"`, `" £ 12 "`.
///
/// Commas are thousands separators and have to sit every three digits, so a decimal comma
/// (`"12,50"`) is refused rather than read as £1,250. More than two decimals, a minus sign, an
/// empty box, or more than [`MAX_PENCE`] give an error kind the screen can explain.
pub fn parse_pounds(text: &str) -> Result<u64, Error> {
    let money = |p| Error::new(ErrorKind::Money(p));
    let mut s = text.trim();
    if s.is_empty() {
        return Err(money(MoneyProblem::Empty));
    }
    if let Some(rest) = s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        // Still say "negative" when the rest is a number; otherwise it is simply not a number.
        let rest = rest.trim_start().trim_start_matches('£').trim();
        return Err(money(if parse_pounds(rest).is_ok() {
            MoneyProblem::Negative
        } else {
            MoneyProblem::NotANumber
        }));
    }
    s = s.strip_prefix('£').unwrap_or(s).trim_start();
    let (whole, fraction) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    let digits = whole_digits(whole).ok_or_else(|| money(MoneyProblem::NotANumber))?;
    let fraction = fraction.unwrap_or("");
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(money(MoneyProblem::NotANumber));
    }
    if digits.is_empty() && fraction.is_empty() {
        return Err(money(MoneyProblem::NotANumber));
    }
    if fraction.len() > 2 {
        return Err(money(MoneyProblem::TooManyDecimals));
    }
    let mut pounds: u64 = 0;
    for d in digits.bytes() {
        pounds = pounds
            .checked_mul(10)
            .and_then(|p| p.checked_add(u64::from(d - b'0')))
            .ok_or_else(|| Error::new(ErrorKind::TooLarge))?;
    }
    let pence_part = match fraction.as_bytes() {
        [] => 0,
        [a] => u64::from(a - b'0') * 10,
        [a, b] => u64::from(a - b'0') * 10 + u64::from(b - b'0'),
        _ => unreachable!("checked above: at most two decimals"),
    };
    pounds
        .checked_mul(100)
        .and_then(|p| p.checked_add(pence_part))
        .filter(|p| *p <= MAX_PENCE)
        .ok_or_else(|| Error::new(ErrorKind::TooLarge))
}

/// The digits of the pounds part, with thousands separators checked and removed.
fn whole_digits(whole: &str) -> Option<String> {
    if !whole.contains(',') {
        return whole
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| whole.to_owned());
    }
    let mut groups = whole.split(',');
    let first = groups.next()?;
    let ok_first = (1..=3).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_digit());
    let mut out = first.to_owned();
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        out.push_str(group);
    }
    ok_first.then_some(out)
}

/// Writes pence as pounds: `123456` → `£1,234.56`, `-350` → `-£3.50`.
pub fn format_pence(pence: i128) -> String {
    let sign = if pence < 0 { "-" } else { "" };
    let abs = pence.unsigned_abs();
    let pounds = (abs / 100).to_string();
    let mut grouped = String::with_capacity(pounds.len() + pounds.len() / 3);
    for (i, c) in pounds.chars().enumerate() {
        if i > 0 && (pounds.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}£{grouped}.{:02}", abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Result<u64, ErrorKind>) {
        let got = parse_pounds(text).map_err(|e| e.kind().clone());
        assert_eq!(got, expected, "{text:?}");
    }

    fn bad(text: &str, problem: MoneyProblem) {
        check(text, Err(ErrorKind::Money(problem)));
    }

    #[test]
    fn parsing() {
        check("150", Ok(15000));
        check("150.5", Ok(15050));
        check("150.50", Ok(15050));
        check("£1,234.56", Ok(123456));
        check("  £ 12  ", Ok(1200));
        check("0.01", Ok(1));
        check(".5", Ok(50));
        check("7.", Ok(700));
        check("0", Ok(0));
        check("£0.00", Ok(0));
        check("1,000,000", Ok(100_000_000));
        check("007", Ok(700));
        check("90071992547409.91", Ok(MAX_PENCE));
        bad("", MoneyProblem::Empty);
        bad("   ", MoneyProblem::Empty);
        bad("12.345", MoneyProblem::TooManyDecimals);
        bad("-3", MoneyProblem::Negative);
        bad("−£3.50", MoneyProblem::Negative);
        bad("- £3", MoneyProblem::Negative);
        bad("-abc", MoneyProblem::NotANumber);
        bad("abc", MoneyProblem::NotANumber);
        bad("£", MoneyProblem::NotANumber);
        bad(".", MoneyProblem::NotANumber);
        bad("12,50", MoneyProblem::NotANumber);
        bad("1,2345", MoneyProblem::NotANumber);
        bad(",123", MoneyProblem::NotANumber);
        bad("1234,567", MoneyProblem::NotANumber);
        bad("1.2.3", MoneyProblem::NotANumber);
        bad("1e3", MoneyProblem::NotANumber);
        bad("12 50", MoneyProblem::NotANumber);
        bad("£12p", MoneyProblem::NotANumber);
        bad("+5", MoneyProblem::NotANumber);
        bad("1.-5", MoneyProblem::NotANumber);
        check("90071992547409.92", Err(ErrorKind::TooLarge));
        check("99999999999999999999999999", Err(ErrorKind::TooLarge));
        check("184467440737095516.16", Err(ErrorKind::TooLarge));
    }

    #[test]
    fn formatting() {
        let cases: [(i128, &str); 10] = [
            (0, "£0.00"),
            (1, "£0.01"),
            (50, "£0.50"),
            (1200, "£12.00"),
            (99_999, "£999.99"),
            (100_000, "£1,000.00"),
            (123_456, "£1,234.56"),
            (12_345_678_901, "£123,456,789.01"),
            (-350, "-£3.50"),
            (
                i128::MIN,
                "-£1,701,411,834,604,692,317,316,873,037,158,841,057.28",
            ),
        ];
        for (pence, text) in cases {
            assert_eq!(format_pence(pence), text, "{pence}");
        }
    }

    #[test]
    fn formatting_reads_back() {
        for pence in [0u64, 5, 99, 100, 123_456, 100_000_000, MAX_PENCE] {
            assert_eq!(parse_pounds(&format_pence(pence.into())).unwrap(), pence);
        }
    }
}
