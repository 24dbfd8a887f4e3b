//! One line per request, at `info` level on the target [`TARGET`], in the Combined
//! Log Format of Apache and nginx (`%h %l %u %t "%r" %>s %b "%{Referer}i"
//! "%{User-Agent}i"`), so that the usual log tools read it:
//!
//! ```text
//! 127.0.0.1 - - [07/Dec/2026:04:41:19 +0000] "GET /api/v2/w/4 HTTP/1.1" 200 138 "-" "curl/8.14.1"
//! ```
//!
//! Quotes, backslashes and control characters in the quoted fields are escaped as
//! `\xHH` (as nginx does), and the request target is cut to [`MAX_TARGET`] bytes, so a
//! line is bounded whatever the request.

use std::fmt::Write;
use std::net::SocketAddr;
use std::time::{SystemTime, UNIX_EPOCH};

/// The `log` target of the request lines.
pub const TARGET: &str = "dvhc_server::access";

/// The longest request target written to the log, in bytes.
pub const MAX_TARGET: usize = 2048;

/// What one request line records.
pub(crate) struct Entry<'a> {
    pub(crate) peer: Option<SocketAddr>,
    pub(crate) method: &'a str,
    pub(crate) target: &'a str,
    pub(crate) version: http::Version,
    pub(crate) status: u16,
    pub(crate) bytes: Option<u64>,
    pub(crate) referer: Option<&'a [u8]>,
    pub(crate) user_agent: Option<&'a [u8]>,
}

/// Writes the entry at `info` level, when that level is enabled for [`TARGET`].
pub(crate) fn log(entry: &Entry<'_>) {
    if log::log_enabled!(target: TARGET, log::Level::Info) {
        log::info!(target: TARGET, "{}", format(entry, SystemTime::now()));
    }
}

/// The Combined Log Format line of `entry` at time `now`.
pub(crate) fn format(e: &Entry<'_>, now: SystemTime) -> String {
    let mut line = String::with_capacity(160);
    match e.peer {
        Some(p) => {
            let _ = write!(line, "{}", p.ip());
        }
        None => line.push('-'),
    }
    line.push_str(" - - [");
    clf_time(&mut line, now);
    line.push_str("] \"");
    escape(&mut line, e.method.as_bytes());
    line.push(' ');
    let target = cut(e.target, MAX_TARGET);
    escape(&mut line, target.as_bytes());
    let _ = write!(line, " {:?}\" {} ", e.version, e.status);
    match e.bytes {
        Some(n) if n > 0 => {
            let _ = write!(line, "{n}");
        }
        _ => line.push('-'),
    }
    for field in [e.referer, e.user_agent] {
        line.push_str(" \"");
        match field {
            Some(v) => escape(&mut line, &v[..v.len().min(MAX_TARGET)]),
            None => line.push('-'),
        }
        line.push('"');
    }
    line
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
pub(crate) fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Appends `bytes`, escaping `"`, `\`, control characters and non-UTF-8 bytes.
fn escape(out: &mut String, bytes: &[u8]) {
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '"' || c == '\\' || c.is_control() {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "\\x{b:02X}");
                }
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
}

/// `07/Dec/2026:04:41:19 +0000` (UTC).
fn clf_time(out: &mut String, now: SystemTime) {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let secs = now
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    let _ = write!(
        out,
        "{d:02}/{}/{y}:{:02}:{:02}:{:02} +0000",
        MONTHS[(m - 1) as usize],
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    );
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// algorithm, as published in "chrono-Compatible Low-Level Date Algorithms").
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn combined_log_format() {
        let e = Entry {
            peer: Some("127.0.0.1:5000".parse().unwrap()),
            method: "GET",
            target: "/api/v2/w/?search=S\u{e0}i \"G\u{f2}n\"",
            version: http::Version::HTTP_11,
            status: 200,
            bytes: Some(138),
            referer: None,
            user_agent: Some(b"curl/8\x01\xff"),
        };
        // 2026-12-07T04:41:19Z
        let t = UNIX_EPOCH + Duration::from_secs(1_796_618_479);
        assert_eq!(
            format(&e, t),
            "127.0.0.1 - - [07/Dec/2026:04:41:19 +0000] \"GET /api/v2/w/?search=Sài \\x22Gòn\\x22 HTTP/1.1\" 200 138 \"-\" \"curl/8\\x01\\xFF\""
        );
        let e = Entry {
            peer: None,
            bytes: Some(0),
            target: &"x".repeat(5000),
            ..e
        };
        let line = format(&e, UNIX_EPOCH);
        assert!(line.starts_with("- - - [01/Jan/1970:00:00:00 +0000] \"GET xxx"));
        assert!(line.contains("\" 200 - \"-\""));
        assert!(line.len() < MAX_TARGET + 200);
    }

    #[test]
    fn cut_respects_characters() {
        assert_eq!(cut("Hà Nội", 2), "H");
        assert_eq!(cut("Hà Nội", 3), "Hà");
        assert_eq!(cut("abc", 10), "abc");
    }

    #[test]
    fn calendar() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(20_270), (2025, 7, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }
}
