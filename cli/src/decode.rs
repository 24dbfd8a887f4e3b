//! Input encodings: byte-order marks, UTF-16, Windows-1258, and the detection that
//! says what it assumed.
//!
//! Everything after this layer is UTF-8 (or, for a UTF-8 file with stray bytes, the
//! bytes as they are: those rows get an `invalid_utf8` error). [`open`] looks at the
//! start of the input: a byte-order mark decides (UTF-8, UTF-16 LE or BE, and it is
//! dropped); otherwise valid UTF-8 is read as it is, and anything else is a guess that
//! is reported in a note for stderr, or refused when no guess is safe.
//!
//! Windows-1258 writes most Vietnamese letters as a base letter and a combining tone
//! mark; the decoded text is put in NFC, the form the rest of the tool expects.
//!
//! TCVN3 (ABC) and VNI are recognised by name but need the library's repair tables
//! (`dvhc::text`, being written): they plug in at [`Encoding::legacy_table`].

use std::io::{self, Read};

use encoding_rs::{Decoder, UTF_16BE, UTF_16LE, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;

/// Bytes looked at to detect the encoding.
const SNIFF: usize = 64 << 10;

/// Raw bytes decoded at a time.
const BLOCK: usize = 64 << 10;

/// What `--encoding` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// Detect: a byte-order mark, else UTF-8, else a guess said on stderr.
    Auto,
    /// UTF-8 (a byte-order mark is dropped); bytes that are not UTF-8 pass through.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// UTF-16, with a byte-order mark, else little-endian (Excel's "Unicode Text").
    #[value(name = "utf-16", alias = "utf16")]
    Utf16,
    /// UTF-16, little-endian.
    #[value(name = "utf-16le")]
    Utf16Le,
    /// UTF-16, big-endian.
    #[value(name = "utf-16be")]
    Utf16Be,
    /// Windows-1258 (Vietnamese Windows code page), put in NFC.
    #[value(name = "windows-1258", alias = "cp1258")]
    Windows1258,
    /// TCVN3 (ABC, TCVN 5712:1993 VN3) fonts' 8-bit encoding (not available yet).
    Tcvn3,
    /// VNI fonts' 8-bit encoding (not available yet).
    Vni,
}

impl Encoding {
    /// The decoding of a legacy Vietnamese font encoding, when this build has it.
    ///
    /// TCVN3 and VNI plug in here once `dvhc::text` has their tables: a function from
    /// raw bytes to text, applied line by line like Windows-1258.
    fn legacy_table(self) -> Option<fn(&[u8]) -> String> {
        None
    }
}

/// How the input is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// As it is (UTF-8, or bytes passed through).
    Bytes,
    /// Through `encoding_rs`, then NFC when `nfc`.
    Decode(&'static encoding_rs::Encoding, bool),
}

/// The input, decoded, and a note for stderr when the encoding was guessed.
pub struct Opened {
    /// UTF-8 (or bytes passed through as they are).
    pub reader: Box<dyn Read + Send>,
    /// What was assumed, for people; `None` when nothing was guessed.
    pub note: Option<String>,
}

/// Reads up to `n` bytes (fewer only at the end of the input).
fn peek(r: &mut dyn Read, n: usize) -> io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(n);
    r.take(n as u64).read_to_end(&mut buf)?;
    Ok(buf)
}

/// Whether `b` is valid UTF-8 but for a character cut at the end.
fn utf8_but_cut(b: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(b) {
        Ok(_) => true,
        Err(e) => !complete && e.error_len().is_none(),
    }
}

/// UTF-16 without a byte-order mark: text is mostly ASCII, so one byte of each pair
/// is mostly zero.
fn utf16_guess(b: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let pairs = b.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zero_at = |k: usize| b.iter().skip(k).step_by(2).filter(|&&x| x == 0).count();
    let (even, odd) = (zero_at(0), zero_at(1));
    if odd * 2 > pairs && even * 20 < pairs {
        Some(UTF_16LE)
    } else if even * 2 > pairs && odd * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether non-ASCII bytes read as Windows-1258 Vietnamese: letters of the code page
/// that Vietnamese uses, and combining tone marks after a vowel.
fn looks_windows_1258(b: &[u8]) -> bool {
    const VOWELS: &[u8] = b"aeiouyAEIOUY";
    // â ê ô ơ ư ă and their capitals, đ Đ, and the precomposed vowels with a tone
    // (à á è é ì í ò ó ù ú ý, capitals too).
    const LETTERS: &[u8] = &[
        0xE2, 0xEA, 0xF4, 0xF5, 0xFD, 0xE3, 0xC2, 0xCA, 0xD4, 0xD5, 0xDD, 0xC3, 0xF0, 0xD0, 0xE0,
        0xE1, 0xE8, 0xE9, 0xED, 0xF3, 0xFA, 0xC0, 0xC1, 0xC8, 0xC9, 0xCD, 0xD3, 0xDA,
    ];
    const MARKS: &[u8] = &[0xCC, 0xEC, 0xD2, 0xDE, 0xF2];
    let (mut high, mut fits, mut marks) = (0usize, 0usize, 0usize);
    for (i, &x) in b.iter().enumerate() {
        if x < 0x80 {
            continue;
        }
        high += 1;
        let prev = if i > 0 { b[i - 1] } else { 0 };
        if MARKS.contains(&x) && (VOWELS.contains(&prev) || LETTERS.contains(&prev)) {
            fits += 1;
            marks += 1;
        } else if LETTERS.contains(&x) {
            fits += 1;
        }
    }
    high > 0 && marks > 0 && fits * 10 >= high * 9
}

/// The 1-based line of byte `at`.
fn line_of(b: &[u8], at: usize) -> usize {
    memchr::memchr_iter(b'\n', &b[..at]).count() + 1
}

/// Decides how to read the input, from `--encoding` and its first bytes.
///
/// # Errors
///
/// A message for a usage error: an encoding this build cannot decode, or an input
/// that is not UTF-8 and whose encoding could not be recognised.
pub fn open(mut input: Box<dyn Read + Send>, encoding: Encoding) -> Result<Opened, OpenError> {
    let head = peek(&mut input, SNIFF).map_err(OpenError::Read)?;
    let complete = head.len() < SNIFF;
    let bom: Option<(&'static encoding_rs::Encoding, usize)> = if head.starts_with(b"\xEF\xBB\xBF")
    {
        Some((encoding_rs::UTF_8, 3))
    } else if head.starts_with(b"\xFF\xFE") {
        Some((UTF_16LE, 2))
    } else if head.starts_with(b"\xFE\xFF") {
        Some((UTF_16BE, 2))
    } else {
        None
    };
    let mut note = None;
    let plan = match encoding {
        Encoding::Tcvn3 | Encoding::Vni => {
            return match encoding.legacy_table() {
                Some(_) => Err(OpenError::Usage(
                    "this encoding's decoding is not wired yet".into(),
                )),
                None => Err(OpenError::Usage(format!(
                    "--encoding {}: not available in this version yet (it needs the \
                     library's VNI/TCVN3 tables); convert the file to UTF-8 first",
                    if encoding == Encoding::Tcvn3 {
                        "tcvn3"
                    } else {
                        "vni"
                    }
                ))),
            };
        }
        Encoding::Utf8 => Plan::Bytes,
        Encoding::Utf16 => match bom {
            Some((e, _)) if e != encoding_rs::UTF_8 => Plan::Decode(e, false),
            _ => Plan::Decode(UTF_16LE, false),
        },
        Encoding::Utf16Le => Plan::Decode(UTF_16LE, false),
        Encoding::Utf16Be => Plan::Decode(UTF_16BE, false),
        Encoding::Windows1258 => Plan::Decode(WINDOWS_1258, true),
        Encoding::Auto => match bom {
            Some((e, _)) if e == encoding_rs::UTF_8 => Plan::Bytes,
            Some((e, _)) => Plan::Decode(e, false),
            None if utf8_but_cut(&head, complete) => Plan::Bytes,
            None => {
                let bad = std::str::from_utf8(&head)
                    .err()
                    .map_or(0, |e| e.valid_up_to());
                if let Some(e) = utf16_guess(&head) {
                    note = Some(format!(
                        "the input has no byte-order mark and looks like {}: read as such \
                         (give --encoding to choose)",
                        e.name()
                    ));
                    Plan::Decode(e, false)
                } else if looks_windows_1258(&head) {
                    note = Some(
                        "the input is not UTF-8 and looks like Windows-1258: read as such \
                         (give --encoding to choose)"
                            .to_owned(),
                    );
                    Plan::Decode(WINDOWS_1258, true)
                } else if has_utf8_sequences(&head) || !dense_high_bytes(&head) {
                    note = Some(format!(
                        "the input is UTF-8 with bytes that are not (first at line {}); rows \
                         whose address holds such bytes are errors (give --encoding if the \
                         file is in another encoding)",
                        line_of(&head, bad)
                    ));
                    Plan::Bytes
                } else {
                    return Err(OpenError::Usage(format!(
                        "the input is not UTF-8 (line {}) and its encoding was not recognised: \
                         give --encoding (windows-1258, utf-16; TCVN3 and VNI files must be \
                         converted to UTF-8 first)",
                        line_of(&head, bad)
                    )));
                }
            }
        },
    };
    let skip = match (plan, bom) {
        (Plan::Bytes, Some((e, n))) if e == encoding_rs::UTF_8 => n,
        (Plan::Decode(e, _), Some((b, n))) if e == b => n,
        _ => 0,
    };
    let replay: Box<dyn Read + Send> = Box::new(io::Cursor::new(head).chain(input));
    let mut replay = replay;
    if skip > 0 {
        let mut drop = [0u8; 3];
        replay
            .read_exact(&mut drop[..skip])
            .map_err(OpenError::Read)?;
    }
    let reader: Box<dyn Read + Send> = match plan {
        Plan::Bytes => replay,
        Plan::Decode(e, nfc) => Box::new(Decoded::new(
            replay,
            e.new_decoder_without_bom_handling(),
            nfc,
        )),
    };
    Ok(Opened { reader, note })
}

/// Whether bytes over 0x7F are frequent, as in Vietnamese text in an 8-bit encoding
/// (nearly every word has a letter outside ASCII), rather than a few stray bytes.
fn dense_high_bytes(b: &[u8]) -> bool {
    let high = b.iter().filter(|&&x| x >= 0x80).count();
    high >= 3 && high * 50 >= b.len()
}

/// Whether `b` holds at least one multi-byte UTF-8 character.
fn has_utf8_sequences(b: &[u8]) -> bool {
    let mut rest = b;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => return !s.is_ascii(),
            Err(e) => {
                let (good, _) = rest.split_at(e.valid_up_to());
                // `good` is valid UTF-8 by construction.
                if !good.is_ascii() {
                    return true;
                }
                rest = &rest
                    [e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to())..];
            }
        }
    }
    false
}

/// Why the input could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// A usage error (exit 2): the message.
    Usage(String),
    /// Reading failed.
    Read(io::Error),
}

/// A reader that decodes its input to UTF-8 (and NFC, for Windows-1258).
struct Decoded<R> {
    inner: R,
    decoder: Decoder,
    nfc: bool,
    raw: Vec<u8>,
    /// Decoded text not yet in NFC: the end of the last line read so far.
    pending: String,
    /// Ready to be read: `out[out_pos..]`.
    out: Vec<u8>,
    out_pos: usize,
    eof: bool,
}

impl<R: Read> Decoded<R> {
    fn new(inner: R, decoder: Decoder, nfc: bool) -> Decoded<R> {
        Decoded {
            inner,
            decoder,
            nfc,
            raw: vec![0; BLOCK],
            pending: String::new(),
            out: Vec::new(),
            out_pos: 0,
            eof: false,
        }
    }

    /// Decodes the next block into `out`.
    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.out_pos = 0;
        while self.out.is_empty() && !self.eof {
            let n = loop {
                match self.inner.read(&mut self.raw) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            };
            self.eof = n == 0;
            let mut input = &self.raw[..n];
            loop {
                let need = self
                    .decoder
                    .max_utf8_buffer_length(input.len())
                    .unwrap_or(input.len() * 3 + 16);
                self.pending.reserve(need);
                let (res, read, _) =
                    self.decoder
                        .decode_to_string(input, &mut self.pending, self.eof);
                input = &input[read..];
                if res == encoding_rs::CoderResult::InputEmpty {
                    break;
                }
            }
            // Composition never crosses a line break, so complete lines can be
            // normalised on their own.
            let cut = if self.eof {
                self.pending.len()
            } else {
                match self.pending.rfind('\n') {
                    Some(i) => i + 1,
                    None if self.pending.len() > BLOCK => self.pending.len(),
                    None => 0,
                }
            };
            if self.nfc {
                self.out
                    .extend(self.pending[..cut].nfc().collect::<String>().bytes());
            } else {
                self.out.extend_from_slice(&self.pending.as_bytes()[..cut]);
            }
            self.pending.drain(..cut);
        }
        Ok(())
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.out_pos == self.out.len() {
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], e: Encoding) -> (String, Option<String>) {
        let o = open(Box::new(io::Cursor::new(bytes.to_vec())), e)
            .map_err(|e| format!("{e:?}"))
            .unwrap();
        let mut s = Vec::new();
        let mut r = o.reader;
        r.read_to_end(&mut s).unwrap();
        (String::from_utf8_lossy(&s).into_owned(), o.note)
    }

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if le { b"\xFF\xFE" } else { b"\xFE\xFF" });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn byte_order_marks_decide() {
        let text = "id\taddress\n1\tPhường Bến Nghé\n";
        for le in [true, false] {
            assert_eq!(
                decode(&utf16(text, le, true), Encoding::Auto),
                (text.to_owned(), None)
            );
            assert_eq!(decode(&utf16(text, le, true), Encoding::Utf16).0, text);
        }
        assert_eq!(
            decode(b"\xEF\xBB\xBFa,b\n", Encoding::Auto),
            ("a,b\n".to_owned(), None)
        );
        assert_eq!(decode(b"\xEF\xBB\xBFa,b\n", Encoding::Utf8).0, "a,b\n");
    }

    #[test]
    fn guesses_are_said() {
        let text = "id,address\n1,Phường Bến Nghé\n";
        let (s, note) = decode(&utf16(text, true, false), Encoding::Auto);
        assert_eq!(s, text);
        assert!(note.unwrap().contains("UTF-16LE"));
        assert_eq!(
            decode(&utf16(text, false, false), Encoding::Utf16Be).0,
            text
        );
        // Windows-1258: "Phường Bến Nghé" with combining marks, put in NFC.
        let cp: &[u8] = b"1,Ph\xFD\xF5\xCCng B\xEA\xECn Ngh\xE9\n2,\xD0\xF4\xCCng Nai\n";
        let (s, note) = decode(cp, Encoding::Auto);
        assert!(note.unwrap().contains("Windows-1258"));
        assert_eq!(s, "1,Phường Bến Nghé\n2,Đồng Nai\n");
        assert!(
            s.chars().all(|c| !('\u{300}'..'\u{370}').contains(&c)),
            "NFC"
        );
        assert_eq!(decode(cp, Encoding::Windows1258).1, None);
        // UTF-8 with a stray byte: read as it is, with a note.
        let (s, note) = decode(b"a\nPh\xC6\xB0\xE1\xBB\x9Dng\n\xFF\n", Encoding::Auto);
        assert_eq!(s, "a\nPhường\n\u{FFFD}\n", "the bytes as they are");
        assert!(note.unwrap().contains("line 3"));
        // Neither: refused.
        let tcvn3: &[u8] = b"id,address\n1,Ph\xAD\xEAng B\xD5n Ngh\xD0, Qu\xA9n 1\n";
        assert!(open(Box::new(io::Cursor::new(tcvn3.to_vec())), Encoding::Auto).is_err());
        // A few stray bytes in ASCII text: read as they are, with a note.
        let (_, note) = decode(b"id,name\n1,\xFFkeep this row please\n", Encoding::Auto);
        assert!(note.unwrap().contains("line 2"));
        assert!(open(Box::new(io::Cursor::new(b"a\n".to_vec())), Encoding::Tcvn3).is_err());
    }
}
