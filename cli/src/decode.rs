//! Input encodings: byte-order marks, UTF-16, Windows-1258, TCVN3 and VNI, and the
//! detection that says what it assumed.
//!
//! Everything after this layer is UTF-8 (or, for a UTF-8 file with stray bytes, the
//! bytes as they are: those rows get an `invalid_utf8` error). [`open`] looks at the
//! start of the input: a byte-order mark decides (UTF-8, UTF-16 LE or BE, and it is
//! dropped); otherwise valid UTF-8 is read as it is, and anything else is a guess that
//! is reported in a note for stderr, or refused when no guess is safe.
//!
//! An 8-bit file is read each way it could be, Windows-1258, TCVN3 (ABC) and VNI, and
//! the reading whose words are Vietnamese ([`dvhc::text::vietnamese_score`]) is taken
//! when it is clearly the best; the note gives the evidence. TCVN3 and VNI are decoded
//! by the library ([`dvhc::text::decode_to`]); Windows-1258 by `encoding_rs`.
//! Windows-1258 writes most Vietnamese letters as a base letter and a combining tone
//! mark, and TCVN3 may too: the decoded text is put in NFC, the form the rest of the
//! tool expects.

use std::io::{self, Read};

use dvhc::text::{self, LegacyEncoding, VietnameseScore};
use encoding_rs::{Decoder, UTF_16BE, UTF_16LE, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;

/// Bytes looked at to detect the encoding.
const SNIFF: usize = 64 << 10;

/// Raw bytes decoded at a time.
const BLOCK: usize = 64 << 10;

/// Auto-detection takes an 8-bit reading when at least this many of its words are
/// Vietnamese, ...
const MIN_WORDS: usize = 2;
/// ... they are at least this share of its words with letters beyond ASCII, ...
const MIN_SHARE: f64 = 0.8;
/// ... and every other reading's share is lower by at least this much.
const MARGIN: f64 = 0.3;

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
    /// TCVN3 (ABC, TCVN 5712:1993 VN3) fonts' 8-bit encoding, put in NFC.
    Tcvn3,
    /// VNI(-Windows) fonts' 8-bit encoding.
    Vni,
}

/// How the input is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// As it is (UTF-8, or bytes passed through).
    Bytes,
    /// Through `encoding_rs`, then NFC when `nfc`.
    Decode(&'static encoding_rs::Encoding, bool),
    /// Through the library's tables for a legacy Vietnamese encoding, then NFC.
    Legacy(LegacyEncoding),
}

/// The 8-bit readings auto-detection weighs, in the order the evidence is given.
const READINGS: [Plan; 3] = [
    Plan::Decode(WINDOWS_1258, true),
    Plan::Legacy(LegacyEncoding::Tcvn3),
    Plan::Legacy(LegacyEncoding::Vni),
];

impl Plan {
    /// The encoding's name, for messages.
    fn name(self) -> &'static str {
        match self {
            Plan::Bytes => "UTF-8",
            Plan::Decode(e, _) if e == WINDOWS_1258 => "Windows-1258",
            Plan::Decode(e, _) => e.name(),
            Plan::Legacy(e) => e.name(),
        }
    }

    /// The decoder, and whether its output is put in NFC; `None` for bytes read as
    /// they are.
    fn decoder(self) -> Option<(Dec, bool)> {
        match self {
            Plan::Bytes => None,
            Plan::Decode(e, nfc) => Some((Dec::Whatwg(e.new_decoder_without_bom_handling()), nfc)),
            Plan::Legacy(e) => Some((Dec::Legacy(e), true)),
        }
    }

    /// `bytes` (the whole input, or its start) read this way.
    fn read_all(self, bytes: &[u8]) -> String {
        let Some((dec, nfc)) = self.decoder() else {
            return String::from_utf8_lossy(bytes).into_owned();
        };
        let mut out = Vec::new();
        // Reading from memory cannot fail.
        let _ = Decoded::new(bytes, dec, nfc, BLOCK).read_to_end(&mut out);
        String::from_utf8_lossy(&out).into_owned()
    }
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

/// The 8-bit reading of `head` that is clearly Vietnamese, with the note that says
/// so; else the evidence, for the message that refuses the input.
fn guess_8bit(head: &[u8]) -> Result<(Plan, String), String> {
    let scores: Vec<(Plan, VietnameseScore)> = READINGS
        .iter()
        .map(|&p| (p, text::vietnamese_score(&p.read_all(head))))
        .collect();
    let evidence = |skip: Option<Plan>| {
        scores
            .iter()
            .filter(|(p, _)| Some(*p) != skip)
            .map(|(p, s)| format!("as {} {} of {}", p.name(), s.vietnamese(), s.words()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (best, top) = scores
        .iter()
        .copied()
        .max_by(|a, b| a.1.share().total_cmp(&b.1.share()))
        .unwrap_or((Plan::Bytes, VietnameseScore::default()));
    let clear = top.vietnamese() >= MIN_WORDS
        && top.share() >= MIN_SHARE
        && scores
            .iter()
            .all(|(p, s)| *p == best || s.share() + MARGIN <= top.share());
    if clear {
        Ok((
            best,
            format!(
                "the input is not UTF-8 and reads as {}: {} of the {} words with letters \
                 beyond ASCII in its first {} KiB are Vietnamese that way ({}); read as such \
                 (give --encoding to choose)",
                best.name(),
                top.vietnamese(),
                top.words(),
                SNIFF >> 10,
                evidence(Some(best)),
            ),
        ))
    } else {
        Err(format!(
            "of the words with letters beyond ASCII in its first {} KiB, {} are Vietnamese",
            SNIFF >> 10,
            evidence(None)
        ))
    }
}

/// The 1-based line of byte `at`.
fn line_of(b: &[u8], at: usize) -> usize {
    memchr::memchr_iter(b'\n', &b[..at]).count() + 1
}

/// Decides how to read the input, from `--encoding` and its first 64 KiB, and returns
/// it as UTF-8 with a note for stderr saying what was assumed, if anything was.
///
/// ```
/// use std::io::{Cursor, Read};
/// use dvhc_cli::decode::{open, Encoding};
///
/// // TCVN3 bytes: "Xã Long Thành, Tỉnh Đồng Nai".
/// let tcvn3 = b"1,X\xb7 Long Th\xb5nh, T\xd8nh \xa7\xe5ng Nai\n".to_vec();
/// let opened = open(Box::new(Cursor::new(tcvn3.clone())), Encoding::Auto).unwrap();
/// assert!(opened.note.unwrap().contains("reads as TCVN3"));
/// let mut text = String::new();
/// { opened.reader }.read_to_string(&mut text).unwrap();
/// assert_eq!(text, "1,Xã Long Thành, Tỉnh Đồng Nai\n");
///
/// // Told, nothing is assumed.
/// let opened = open(Box::new(Cursor::new(tcvn3)), Encoding::Tcvn3).unwrap();
/// assert!(opened.note.is_none());
/// ```
///
/// # Errors
///
/// [`OpenError::Usage`] for an input that is not UTF-8 and whose encoding is not
/// clear (see the module documentation); [`OpenError::Read`] when reading its start
/// fails.
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
        Encoding::Tcvn3 => Plan::Legacy(LegacyEncoding::Tcvn3),
        Encoding::Vni => Plan::Legacy(LegacyEncoding::Vni),
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
                } else {
                    match guess_8bit(&head) {
                        Ok((plan, guessed)) => {
                            note = Some(guessed);
                            plan
                        }
                        Err(_) if has_utf8_sequences(&head) || !dense_high_bytes(&head) => {
                            note = Some(format!(
                                "the input is UTF-8 with bytes that are not (first at line \
                                 {}); rows whose address holds such bytes are errors (give \
                                 --encoding if the file is in another encoding)",
                                line_of(&head, bad)
                            ));
                            Plan::Bytes
                        }
                        Err(evidence) => {
                            return Err(OpenError::Usage(format!(
                                "the input is not UTF-8 (line {}) and its encoding is not \
                                 clear ({evidence}): give --encoding (utf-8, utf-16, \
                                 windows-1258, tcvn3 or vni)",
                                line_of(&head, bad),
                            )));
                        }
                    }
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
    let reader: Box<dyn Read + Send> = match plan.decoder() {
        None => replay,
        Some((dec, nfc)) => Box::new(Decoded::new(replay, dec, nfc, BLOCK)),
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

/// A decoder of 8-bit or UTF-16 bytes.
enum Dec {
    /// `encoding_rs`'s.
    Whatwg(Decoder),
    /// The library's, for TCVN3 and VNI.
    Legacy(LegacyEncoding),
}

/// A reader that decodes its input to UTF-8 (and NFC, for Windows-1258 and the
/// legacy encodings).
struct Decoded<R> {
    inner: R,
    decoder: Dec,
    nfc: bool,
    raw: Vec<u8>,
    /// Decoded text not yet handed out: the end of the last line read so far.
    pending: String,
    /// Ready to be read: `out[out_pos..]`.
    out: Vec<u8>,
    out_pos: usize,
    eof: bool,
}

impl<R: Read> Decoded<R> {
    /// Decodes `inner` with `decoder`, then NFC when `nfc`, reading `block` bytes at
    /// a time.
    fn new(inner: R, decoder: Dec, nfc: bool, block: usize) -> Decoded<R> {
        Decoded {
            inner,
            decoder,
            nfc,
            raw: vec![0; block.max(1)],
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
            match &mut self.decoder {
                Dec::Whatwg(d) => loop {
                    let need = d
                        .max_utf8_buffer_length(input.len())
                        .unwrap_or(input.len() * 3 + 16);
                    self.pending.reserve(need);
                    let (res, read, _) = d.decode_to_string(input, &mut self.pending, self.eof);
                    input = &input[read..];
                    if res == encoding_rs::CoderResult::InputEmpty {
                        break;
                    }
                },
                // A diacritic byte at the start of a block attaches to the letter
                // `pending` ends with: the block is decoded as if the input were whole.
                Dec::Legacy(e) => text::decode_to(input, *e, &mut self.pending),
            }
            // Neither composition nor a legacy diacritic byte crosses a line break, so
            // complete lines can be handed out on their own; in a line longer than a
            // block, everything before its last letter and the marks on it.
            let cut = if self.eof {
                self.pending.len()
            } else {
                match self.pending.rfind('\n') {
                    Some(i) => i + 1,
                    None if self.pending.len() > self.raw.len() => {
                        match last_starter(&self.pending) {
                            0 => self.pending.len(),
                            i => i,
                        }
                    }
                    None => 0,
                }
            };
            let done = &self.pending[..cut];
            // The decoders' output is NFC but for combining marks (U+0300..=U+036F,
            // lead bytes 0xCC and 0xCD) left after a letter: only then is it normalised.
            if self.nfc && memchr::memchr2(0xCC, 0xCD, done.as_bytes()).is_some() {
                self.out.extend(done.nfc().collect::<String>().bytes());
            } else {
                self.out.extend_from_slice(done.as_bytes());
            }
            self.pending.drain(..cut);
        }
        Ok(())
    }
}

/// The byte offset of the last character of `s` that is not a combining mark (0 when
/// there is none).
fn last_starter(s: &str) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| !('\u{300}'..='\u{36F}').contains(&c))
        .map_or(0, |(i, _)| i)
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
        // TCVN3: recognised by its words, said with the evidence.
        let tcvn3: &[u8] = b"id,address\n1,Ph\xAD\xEAng B\xD5n Ngh\xD0, Qu\xCBn 1\n";
        let (s, note) = decode(tcvn3, Encoding::Auto);
        assert_eq!(s, "id,address\n1,Phường Bến Nghé, Quận 1\n");
        let note = note.unwrap();
        assert!(note.contains("reads as TCVN3: 4 of the 4 words"), "{note}");
        assert!(
            note.contains("(as Windows-1258 1 of 4, as VNI-Windows 1 of 4)"),
            "{note}"
        );
        // A few stray bytes in ASCII text: read as they are, with a note.
        let (_, note) = decode(b"id,name\n1,\xFFkeep this row please\n", Encoding::Auto);
        assert!(note.unwrap().contains("line 2"));
        assert_eq!(decode(b"a\n", Encoding::Tcvn3), ("a\n".to_owned(), None));
    }

    /// `s` in Windows-1258: letters with a tone precomposed where the code page has
    /// them when `precomposed`, else as the letter and a combining tone mark.
    fn cp1258(s: &str, precomposed: bool) -> Vec<u8> {
        const TONES: &str = "\u{300}\u{301}\u{303}\u{309}\u{323}";
        let mut out = Vec::new();
        let mut push = |part: &str| {
            let (b, _, unmappable) = WINDOWS_1258.encode(part);
            assert!(!unmappable, "{part}");
            out.extend_from_slice(&b);
        };
        for c in s.chars() {
            let one = c.to_string();
            if precomposed && !WINDOWS_1258.encode(&one).2 {
                push(&one);
                continue;
            }
            let (tones, rest): (String, String) = one.nfd().partition(|&m| TONES.contains(m));
            push(&rest.nfc().collect::<String>());
            push(&tones);
        }
        out
    }

    /// Official names of the legacy structure, one address a line, as a CSV.
    fn names_csv(n: usize) -> String {
        let mut s = String::from("id,address\n");
        for (i, c) in dvhc::legacy::Commune::all().iter().take(n).enumerate() {
            let d = c.district();
            s += &format!(
                "{i},\"{}, {}, {}\"\n",
                c.full_name(),
                d.full_name(),
                d.province().full_name()
            );
        }
        s
    }

    #[test]
    fn legacy_encodings_with_and_without_encoding() {
        let text = names_csv(300);
        for (e, enc, name) in [
            (LegacyEncoding::Tcvn3, Encoding::Tcvn3, "TCVN3"),
            (LegacyEncoding::Vni, Encoding::Vni, "VNI-Windows"),
        ] {
            let bytes = text::encode(&text, e).unwrap();
            let (s, note) = decode(&bytes, Encoding::Auto);
            assert_eq!(s, text, "{name}");
            let note = note.unwrap();
            assert!(note.contains(&format!("reads as {name}:")), "{note}");
            assert_eq!(decode(&bytes, enc), (text.clone(), None));
        }
        // Windows-1258 as Windows writes it: precomposed where the code page can.
        let (s, note) = decode(&cp1258(&text, true), Encoding::Auto);
        assert_eq!(s, text);
        assert!(note.unwrap().contains("reads as Windows-1258:"));
    }

    #[test]
    fn unclear_8bit_input_is_refused() {
        // Vietnamese every way: Hà Má, Hò Mỏ (TCVN3), Hà Má (VNI, bytes as Latin-1).
        let both: &[u8] = b"id,name\n1,H\xE0 M\xE1\n2,B\xE0 T\xE1\n";
        match open(Box::new(io::Cursor::new(both.to_vec())), Encoding::Auto) {
            Err(OpenError::Usage(m)) => {
                assert!(m.contains("line 2") && m.contains("not clear"), "{m}");
                assert!(m.contains("as TCVN3 4 of 4"), "{m}");
            }
            _ => panic!("an unclear encoding is refused"),
        }
        // Vietnamese in no reading: refused too.
        let none: &[u8] = b"\xC9\xCA\xCB\xCC \xD9\xDA\xDB\xDC \xE9\xEA\xEB\xEC\n";
        assert!(open(Box::new(io::Cursor::new(none.to_vec())), Encoding::Auto).is_err());
        // One word is not enough evidence: the byte is taken for a stray one.
        let (s, note) = decode(b"Th\xB5nh\n", Encoding::Auto);
        assert_eq!(s, "Th\u{FFFD}nh\n");
        assert!(note.unwrap().contains("UTF-8 with bytes that are not"));
    }

    /// A reader that hands out at most `step` bytes at a time.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn streams_cut_anywhere_decode_as_whole() {
        let text = names_csv(40);
        // A line longer than the blocks below, without a line break, and TCVN3's
        // capitals with tones (a capital and a combining tone byte).
        let long = format!("{}\nỦY BAN ẤP ĐỒNG\n", "Phường Bến Nghé ".repeat(40));
        for (plan, bytes) in [
            (
                Plan::Legacy(LegacyEncoding::Tcvn3),
                text::encode(&(text.clone() + &long), LegacyEncoding::Tcvn3).unwrap(),
            ),
            (
                Plan::Legacy(LegacyEncoding::Vni),
                text::encode(&(text.clone() + &long), LegacyEncoding::Vni).unwrap(),
            ),
            (
                Plan::Decode(WINDOWS_1258, true),
                // Tones as combining marks, as some Windows software writes them.
                cp1258(&(text.clone() + &long), false),
            ),
        ] {
            let whole = text.clone() + &long;
            for block in [1, 2, 5, 64] {
                for step in [1, 3, 7, 1000] {
                    let (dec, nfc) = plan.decoder().unwrap();
                    let mut out = Vec::new();
                    Decoded::new(
                        Trickle {
                            bytes: &bytes,
                            step,
                        },
                        dec,
                        nfc,
                        block,
                    )
                    .read_to_end(&mut out)
                    .unwrap();
                    assert!(
                        out == whole.as_bytes(),
                        "{plan:?}, block {block}, step {step}"
                    );
                }
            }
        }
    }
}
